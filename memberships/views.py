"""The Join page: what membership gives and how to get it."""

from django.conf import settings
from django.shortcuts import render

from community import access
from memberships.selectors import membership_for


def join(request):
    return render(
        request,
        "memberships/join.html",
        {
            "membership": membership_for(user=request.user),
            "has_access": access.has_member_access(request.user),
            "billing_configured": bool(settings.STRIPE_SECRET_KEY),
        },
    )
