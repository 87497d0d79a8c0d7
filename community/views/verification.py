"""``/account/verification/send-again/``: the verification page's "Send again".

allauth sends the link once at sign-up and offers no way to ask again before the
account can sign in. The sign-up waiting to be verified is in the session
(allauth's pending login, which also signs the new member in once the link is
followed): sending again reuses allauth's own flow, so its rate limit (one email
per address every few minutes) and its enumeration guard (a sign-up with an
address that already has an account gets the "account exists" email, and the page
says the same either way) still hold.
"""

from allauth.account.internal.flows.email_verification import (
    send_verification_email_at_login,
)
from allauth.account.internal.stagekit import get_pending_stage
from allauth.account.stages import EmailVerificationStage
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

SENT_AGAIN = (
    "We have sent the email again. It can take a few minutes to arrive: look in "
    "your spam folder too."
)
TOO_SOON = (
    "We sent the email a moment ago. Give it a few minutes (and look in your spam "
    "folder) before asking again."
)
NOTHING_PENDING = (
    "Sign in with your email address and password: if the address still needs "
    "verifying, we send a new link."
)


@require_POST
def send_again(request):
    stage = get_pending_stage(request)
    if stage is None or stage.key != EmailVerificationStage.key:
        # Another browser, an expired session, or already verified.
        messages.info(request, NOTHING_PENDING)
        return redirect("account_login")
    if send_verification_email_at_login(request, stage.login):
        messages.success(request, SENT_AGAIN)
    else:
        messages.info(request, TOO_SOON)
    return redirect("account_email_verification_sent")
