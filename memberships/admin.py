"""The Django admin's view of memberships, beside the Wagtail tools.

Stripe is the source of truth for the subscription side (the status, the plan's
price and every Stripe id and date): only the webhooks write it, so here it is
shown read-only, as in Wagtail. Admins edit the complimentary side only.
"""

from django.contrib import admin, messages
from django.utils import timezone

from memberships.models import Membership
from memberships.services import (
    membership_edit_comp,
    membership_grant_comp,
    membership_revoke_comp,
)

# Written by the billing code from Stripe's events, never by hand.
SUBSCRIPTION_FIELDS = [
    "status",
    "plan",
    "stripe_customer_id",
    "stripe_subscription_id",
    "second_subscription_id",
    "current_period_end",
    "cancel_at_period_end",
    "trial_end",
    "past_due_since",
    "started_at",
    "ended_at",
    "stripe_synced_at",
]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "comp_granted_at", "comp_until", "updated_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        *SUBSCRIPTION_FIELDS,
        "comp_granted_at",
        "created_at",
        "updated_at",
    ]
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

    def get_readonly_fields(self, request, obj=None):
        # A membership belongs to its member for good.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "user"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if change:
            # Only the complimentary side, under the member's row lock: a whole
            # save would write back subscription state a webhook just changed.
            membership_edit_comp(
                user=obj.user, until=obj.comp_until, note=obj.comp_note
            )
            return
        # Setting an end date or a note by hand counts as granting access.
        if obj.comp_granted_at is None and (obj.comp_until or obj.comp_note):
            obj.comp_granted_at = timezone.now()
        super().save_model(request, obj, form, change)
