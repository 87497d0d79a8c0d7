from django.contrib import admin, messages

from memberships.models import Membership
from memberships.services import membership_grant_comp, membership_revoke_comp


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "comp_granted_at", "comp_until", "updated_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = ["comp_granted_at", "created_at", "updated_at"]
    actions = ["grant_comp", "revoke_comp"]

    @admin.action(description="Grant a complimentary membership (no end date)")
    def grant_comp(self, request, queryset):
        for membership in queryset.select_related("user"):
            membership_grant_comp(
                user=membership.user, note=f"Granted by {request.user}"
            )
        messages.success(request, f"Granted {queryset.count()} membership(s).")

    @admin.action(description="Revoke the complimentary membership")
    def revoke_comp(self, request, queryset):
        for membership in queryset.select_related("user"):
            membership_revoke_comp(user=membership.user)
        messages.success(request, f"Revoked {queryset.count()} membership(s).")

    def save_model(self, request, obj, form, change):
        # Setting an end date or a note by hand counts as granting access.
        if obj.comp_granted_at is None and (obj.comp_until or obj.comp_note):
            from django.utils import timezone

            obj.comp_granted_at = timezone.now()
        super().save_model(request, obj, form, change)
