"""allauth hooks: where people land after signing in or verifying their email."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from community import access


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # Signed-in people without access have nothing to see yet but the Join page.
        if not access.has_member_access(request.user):
            return reverse(access.JOIN_URL_NAME)
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        return self.get_login_redirect_url(request)

    def get_email_verification_redirect_url(self, email_address):
        if self.request.user.is_authenticated:
            return self.get_login_redirect_url(self.request)
        return super().get_email_verification_redirect_url(email_address)
