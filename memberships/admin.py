"""The Django admin's view of memberships, beside the Wagtail tools.

Stripe is the source of truth for the subscription side (the status, the plan's
price and every Stripe id and date): only the webhooks write it, so here it is
shown read-only, as in Wagtail. Admins edit the complimentary side only.
"""

from django.contrib import admin, messages
from django.utils import timezone

from memberships.models import Membership
from memberships.services import membership_grant_comp, membership_revoke_comp

# Written by the billing code from Stripe's events, never by hand.
SUBSCRIPTION_FIELDS = [
    "status",
    "plan",
    "stripe_customer_id",
    "stripe_subscription_id",
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

    def save_model(self, request, obj, form, change):
        # Setting an end date or a note by hand counts as granting access.
        if obj.comp_granted_at is None and (obj.comp_until or obj.comp_note):
            obj.comp_granted_at = timezone.now()
        super().save_model(request, obj, form, change)
