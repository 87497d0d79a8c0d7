"""The Django admin's view of memberships, beside the Wagtail tools.

Stripe is the source of truth for the subscription side (the status, the plan's
price and every Stripe id and date): only the webhooks write it, so here it is
shown read-only, as in Wagtail. Admins edit the complimentary side only.
"""

from django.contrib import admin, messages

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
    list_display = ["user", "status", "comp_granted_at", "comp_last_day", "updated_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    readonly_fields = [
        *SUBSCRIPTION_FIELDS,
        "comp_granted_at",
        # Derived from the last day (services.comp_ends_at), never typed.
        "comp_until",
        "created_at",
        "updated_at",
    ]
    actions = ["grant_comp", "revoke_comp"]

    @admin.action(description="Grant a complimentary membership (no end date)")
    def grant_comp(self, request, queryset):
        for membership in queryset.select_related("user"):
            membership_grant_comp(
                user=membership.user, note=f"Granted by {request.user}", notify=True
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
        # Only the complimentary side, under the member's row lock: a whole save
        # would write back subscription state a webhook just changed. Setting a
        # last day or a note by hand counts as granting access.
        last_day, note = obj.comp_last_day, obj.comp_note
        if not change:
            obj.comp_last_day, obj.comp_note = None, ""
            super().save_model(request, obj, form, change)
        # An end set before last days were stored stays unless the day is edited.
        kept_until = (
            obj.comp_until
            if change and "comp_last_day" not in form.changed_data
            else None
        )
        membership_edit_comp(
            user=obj.user, until=kept_until, last_day=last_day, note=note, notify=True
        )
