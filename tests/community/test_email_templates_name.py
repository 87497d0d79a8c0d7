"""Every email names the product, never Django's "example.com" (issue #19).

Every email the code sends is one of these:
- the apps' own, ``<app>/email/<kind>/{subject,body}.txt`` under the project's
  templates, sent by ``community.mail.send_templated_mail`` (the only sender in
  the code; nothing else calls ``send_mail`` or builds a message);
- allauth's, ``account/email/<kind>_{subject,message}.txt`` and the two-factor
  ``mfa/email/...``, sent by its adapter with the current Site (whose name
  ``community.setup.ensure_site`` sets from COMMUNITY_NAME).
Each is found on disk (so a new one is tested without being listed here),
rendered as its sender renders it and read for the product's name.
"""

from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib.sites.models import Site
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from community import mail as community_mail
from tests.community import factories

pytestmark = pytest.mark.django_db

URL = f"{settings.SITE_URL}/somewhere/"


def _template_dirs() -> list[Path]:
    return [Path(d) for t in settings.TEMPLATES for d in t.get("DIRS", [])]


def app_email_templates() -> list[str]:
    names = set()
    for root in _template_dirs():
        for body in root.glob("**/email/**/body.txt"):
            names.add(str(body.parent.relative_to(root)))
    return sorted(names)


def allauth_email_prefixes() -> list[str]:
    """Every ``*_subject.txt`` under ``account/email`` and ``mfa/email`` that the
    template loaders see (allauth's own, and any override of ours)."""
    prefixes = set()
    for engine in engines.all():
        for loader in engine.engine.template_loaders:
            for directory in loader.get_dirs():
                for folder in ("account/email", "mfa/email"):
                    for subject in Path(directory, folder).glob("*_subject.txt"):
                        name = subject.name.removesuffix("_subject.txt")
                        prefixes.add(f"{folder}/{name}")
    return sorted(prefixes)


def assert_names_the_product(text: str, *, where: str) -> None:
    assert settings.COMMUNITY_NAME in text, where
    assert "example.com" not in text, where
    assert "Hello from example" not in text, where


@pytest.fixture
def recipient():
    return factories.member(user__display_name="Dana R.")


def test_there_are_emails_to_check():
    # A broken search would pass every check below with nothing to check.
    assert len(app_email_templates()) >= 60
    assert "account/email/email_confirmation_signup" in allauth_email_prefixes()
    assert "mfa/email/totp_activated" in allauth_email_prefixes()


@pytest.mark.parametrize("template", app_email_templates())
def test_each_app_email_names_the_product(template, recipient, mailoutbox):
    context = {
        "user": recipient,
        "time_zone": recipient.time_zone,
        "url": URL,
        "join_url": URL,
        "billing_url": URL,
        "unsubscribe_url": URL,
        "reference": "R-1001",
        "deadline": timezone.now(),
    }
    community_mail.send_templated_mail(
        template=template, to=[recipient.email], context=context
    )
    (message,) = mailoutbox
    assert_names_the_product(message.subject + message.body, where=template)


@pytest.mark.parametrize("prefix", allauth_email_prefixes())
def test_each_allauth_email_names_the_product(prefix, recipient):
    request = RequestFactory().get("/")
    request.user = recipient
    context = {
        "request": request,
        "user": recipient,
        "email": recipient.email,
        "current_site": Site.objects.get_current(),
        "activate_url": URL,
        "password_reset_url": URL,
        "signup_url": URL,
        "code": "ABC123",
        "timestamp": timezone.now(),
        "ip": "192.0.2.1",
        "user_agent": "Browser",
        "from_email": recipient.email,
        "to_email": "other@example.org",
        "deleted_email": "old@example.org",
    }
    message = get_adapter(request).render_mail(prefix, recipient.email, context)
    assert message.subject.startswith(f"[{settings.COMMUNITY_NAME}] "), prefix
    assert_names_the_product(message.subject + message.body, where=prefix)


def test_wagtail_moderation_emails_name_the_product(home_page, mailoutbox):
    """Wagtail emails its moderators when a page is submitted for review, and the
    author when it is approved (``templates/wagtailadmin/notifications``)."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    reviewers = Group.objects.create(name="Page reviewers")
    task = GroupApprovalTask.objects.create(name="Review")
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name="Review before publishing")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=home_page, defaults={"workflow": workflow}
    )
    reviewer = factories.admin()
    reviewer.groups.add(reviewers)
    author = factories.director()

    home_page.save_revision(user=author)
    workflow_state = workflow.start(home_page, author)
    workflow_state.current_task_state.approve(user=reviewer)

    assert {tuple(m.to) for m in mailoutbox} >= {(reviewer.email,), (author.email,)}
    for message in mailoutbox:
        assert_names_the_product(message.subject + message.body, where=message.subject)
