from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from community.models import NotificationPreferences, Orientation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "groups"]
    search_fields = ["email", "display_name", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": User.PROFILE_FIELDS}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined", "deleted_at"]}),
    ]
    readonly_fields = ["last_login", "date_joined", "deleted_at"]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "display_name", "password1", "password2"],
            },
        )
    ]
    filter_horizontal = ["groups", "orientations"]


admin.site.register(Orientation)
admin.site.register(NotificationPreferences)
