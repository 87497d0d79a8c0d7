from django.contrib import admin

from memberships.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "comp_granted_at", "comp_until", "updated_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__display_name"]
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "updated_at"]
