"""allauth hooks: where people land after signing in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from community import access


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # Signed-in people without access have nothing to see yet but the Join page.
        if not access.has_member_access(request.user):
            return reverse(access.JOIN_URL_NAME)
        return super().get_login_redirect_url(request)
