"""Every URL pattern of the project, requested in every role: nothing answers 500,
and who may see what holds everywhere.

The sweep walks the URL resolver, builds a concrete URL for each pattern (with real
sample objects where a pattern takes arguments, or a dummy that matches its regex
where nothing sensible exists: a 404 is fine there) and requests each URL with GET
and with an empty POST as anonymous visitor, signed-up non-member, lapsed member,
member, director and admin. Wagtail's page-serving catch-all is represented by real
pages: /course/, /videos/, a course, a module, a lesson, a video and a missing page
(the landing page, "/", is a pattern of its own). A new pattern whose arguments
have no sample value makes the sweep stop and say which; give it one.

Every request runs inside a savepoint that is rolled back afterwards, and the
client's cookies are put back as they were. So nothing one request does reaches the
next: a logout (allauth's, Wagtail's, Django admin's), a deleted page or user, an
account deletion, a reset calendar token, a moderated post. That is why no POST is
skipped for being destructive: each one runs, and is undone.

Access classes (see ``access_class``), and what is asserted for GET and POST:
- public: everyone may see it;
- signed_in: any signed-in account, membership or not: visitors sign in;
- member: member areas: visitors sign in, signed-up and lapsed users are refused;
- director: the director's tools: members are refused too;
- admin: admins only: the director is refused too.
"Refused" is 401/403/404/405 or a redirect to sign-in, Join or an admin's front
door (``is_refusal``); never a 2xx. The frameworks' own login forms must hand over
to the site's one sign-in (``OTHER_SIGN_IN_FORMS``). No request may answer 500.
"""

import copy
import logging
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.regex_helper import normalize
from django_q.models import OrmQ, Task
from django_q.signing import SignedPackage
from machina.apps.forum.models import Forum
from machina.test.factories.attachments import AttachmentFactory
from machina.test.factories.polls import (
    TopicPollFactory,
    TopicPollOptionFactory,
    TopicPollVoteFactory,
)
from machina.test.factories.tracking import (
    ForumReadTrackFactory,
    TopicReadTrackFactory,
)
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    Page,
    PageViewRestriction,
    Site,
    UploadedFile,
    Workflow,
    WorkflowTask,
)

from community import unsubscribe
from community.access import DIRECTOR_GROUP
from community.selectors import notification_preferences_for
from consultation_billing import ledger, payments
from consultation_billing.models import CasePayment, ConsultationFee, PayoutStatement
from consultation_calls.models import FollowUpCall
from consultations.models import Attachment, Case, ConsultantAway, ReportVersion
from courses.services import lesson_mark_complete
from directory.models import Licence
from forum.models import ModerationDecision, PostFlag
from memberships.models import Membership, Plan, StripeEvent
from notifications.models import Notification
from referrals import services as referral_services
from referrals.models import Specialty
from sessions.calendar import calendar_token_for
from sessions.models import CoachingSession, Question, ScheduleRule
from tests.conftest import ROLES
from tests.consultations.factories import case_in, panel_member
from tests.courses.conftest import add_video, build_course, lessons_of
from tests.forum.conftest import make_topic, reply

DUMMY = 987654  # an id that matches every int converter and no row

# Who is refused in each class, in ROLES order: every role below the threshold.
LOWER_ROLES = {
    "public": [],
    "signed_in": ["visitor"],
    "member": ["visitor", "signed_up", "lapsed"],
    "director": ["visitor", "signed_up", "lapsed", "member"],
    "admin": ["visitor", "signed_up", "lapsed", "member", "director"],
}

# Patterns (or roles on a pattern) that are not requested, with the reason.
SKIPPED_ROLES = {
    # Wagtail's deliberate "test the error page" view: it raises for anyone who
    # gets past Wagtail's access check, by design. The other roles are still
    # requested (they must be refused before it raises).
    "wagtailadmin_error_test": {"director", "site_admin"},
}

# allauth pages behind login_required (or its "reauthenticate" flow): visitors are
# sent to sign in, any signed-in account may use them. The rest of allauth (sign
# in, sign up, password reset, email confirmation, the two-factor step of a login
# in progress) is public.
ALLAUTH_SIGNED_IN = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "mfa_reauthenticate_webauthn",
    "mfa_remove_webauthn",
    "mfa_edit_webauthn",
}

# The director's tools outside /cms/: forum moderation (ours, beside machina's
# forum_moderation namespace) and every view of the session curation board.
DIRECTOR_NAMES = {
    "community_forum:flags",
    "community_forum:resolve-flags",
    "community_forum:moderation",
    "announcements:announce",
    "referrals:review",
    "referrals:review-entry",
    "referrals:reject",
}
DIRECTOR_NAMESPACES = ("forum_moderation:", "licence-review:")
DIRECTOR_MODULES = ("sessions.curation_views", "sessions.attendance_views")

# Wagtail admin views outside Wagtail's "access_admin" check: the sign-in redirect,
# password reset (switched off by WAGTAIL_PASSWORD_MANAGEMENT_ENABLED), the icon
# sprite and the JavaScript translation catalog.
CMS_PUBLIC = ("/cms/login/", "/cms/password_reset/", "/cms/sprite/", "/cms/jsi18n/")
# Wagtail admin parts for admins only: the membership and consultation billing
# tools (memberships/ and consultation_billing/wagtail_hooks.py: an admin-only
# permission policy plus AdminRequiredMixin), and
# users, groups and sites, for which the Director group holds no permission
# (community/roles.py); a director who could edit users or groups could make
# themselves staff.
CMS_ADMIN = (
    "/cms/memberships/",
    "/cms/consultation-billing/",
    "/cms/users/",
    "/cms/groups/",
    "/cms/sites/",
)

# Where a refusal may send someone: sign-in, Join, the two admins' sign-in
# redirects, Wagtail's dashboard (Wagtail's answer to a user who may use the admin
# but not this view) and the Django admin's index (its answer to a non-staff user
# at its logout URL: nothing is done, and the index sends them to sign in).
REFUSAL_REDIRECT_PREFIXES = (
    "/accounts/login/",
    "/join/",
    "/cms/login/",
    "/django-admin/login/",
)
REFUSAL_REDIRECT_EXACT = ("/cms/", "/django-admin/")
REFUSAL_STATUSES = {401, 403, 404, 405}

# The site has one sign-in, allauth's, with its rate limits, mandatory email
# verification and two-factor step (community/urls.py): every other login form of
# the frameworks must hand over to it, for every role and method.
OTHER_SIGN_IN_FORMS = ("/cms/login/", "/django-admin/login/", "/_util/login/")


# The URL patterns -------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    chain: tuple  # the URLResolvers from the root, then the URLPattern
    name: str | None  # with its namespaces, as for reverse()

    @property
    def pattern(self) -> URLPattern:
        return self.chain[-1]

    @property
    def text(self) -> str:
        return "".join(str(part.pattern) for part in self.chain)

    @property
    def label(self) -> str:
        return self.name or self.text


def url_routes(patterns=None, chain=(), namespaces=()):
    """Every concrete route of the project, in resolution order."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from url_routes(entry.url_patterns, (*chain, entry), inner)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield Route((*chain, entry), name)


def route_params(route: Route) -> list[str]:
    return [
        param
        for part in route.chain
        for param in normalize(part.pattern.regex.pattern)[0][1]
    ]


def build_path(route: Route, values: dict) -> str:
    """The route's URL with ``values`` filled in, the way reverse() builds it."""
    pieces = []
    for part in route.chain:
        template, params = normalize(part.pattern.regex.pattern)[0]
        pieces.append(template % {param: values[param] for param in params})
    return "/" + "".join(pieces)


# Sample objects and the arguments they fill --------------------------------------


@pytest.fixture
def samples(
    settings,
    tmp_path,
    library,
    visitor,
    signed_up,
    lapsed,
    member,
    director,
    site_admin,
):
    """One real object for every kind of URL argument the project has."""
    settings.MEDIA_ROOT = tmp_path  # uploads, renditions and attachments land here
    s = SimpleNamespace()
    s.users = {
        "visitor": visitor,
        "signed_up": signed_up,
        "lapsed": lapsed,
        "member": member,
        "director": director,
        "site_admin": site_admin,
    }
    # Course and videos: a course with a certificate, a video.
    s.course_index, s.video_index = library
    s.course = build_course(s.course_index)
    s.module = s.course.get_children().first().specific
    s.lessons = lessons_of(s.course)
    s.video = add_video(s.video_index, tags=("grief",))
    # Completing the last lesson issues the certificate.
    s.certificate = [lesson_mark_complete(user=member, lesson=x) for x in s.lessons][-1]
    s.revision = s.course.save_revision(user=site_admin)
    # A page behind a password, for Wagtail's password form: a course of its own,
    # since a restriction covers every page below the one it is set on.
    s.private_course = build_course(
        s.course_index, lessons_per_module=(), title="Private course"
    )
    s.page_restriction = PageViewRestriction.objects.create(
        page=s.private_course, restriction_type="password", password="a-password"
    )
    s.page_urls = {
        s.course_index.url: "public",
        s.video_index.url: "public",
        s.course.url: "public",  # the outline is public; lessons are not
        s.module.url: "public",  # redirects to its course
        s.lessons[0].url: "member",
        s.video.url: "member",
        "/no-such-page/": "public",
    }
    # Documents, images, collections.
    root_collection = Collection.get_first_root_node()
    s.collection = root_collection.add_child(name="Restricted handouts")
    s.collection_restriction = CollectionViewRestriction.objects.create(
        collection=s.collection, restriction_type="password", password="a-password"
    )
    s.document = Document(title="Formulation worksheet")
    s.document.file.save("worksheet.txt", ContentFile(b"worksheet"), save=True)
    s.image = Image.objects.create(title="A portrait", file=get_test_image_file())
    # Forum: a topic, a reply (flagged, with a poll and an attachment on the
    # topic), a post waiting for approval, a moderation decision.
    s.forum = Forum.objects.get(slug="case-discussions")
    s.topic = make_topic(forum=s.forum, poster=member)
    s.reply = reply(topic=s.topic, poster=member)
    s.queued = reply(topic=s.topic, poster=lapsed, approved=False)
    s.flag = PostFlag.objects.create(post=s.reply, flagged_by=director, reason="other")
    s.decision = ModerationDecision.objects.create(
        action=ModerationDecision.Action.REJECTED,
        post_author=member,
        topic_subject=s.topic.subject,
        note="Please remove the client's town.",
    )
    s.poll = TopicPollFactory(topic=s.topic)
    TopicPollVoteFactory(poll_option=TopicPollOptionFactory(poll=s.poll), voter=member)
    s.attachment = AttachmentFactory(post=s.reply)
    ForumReadTrackFactory(forum=s.forum, user=member)
    TopicReadTrackFactory(topic=s.topic, user=member)
    # Coaching sessions: a session with a member's question, a schedule rule, the
    # member's calendar feed.
    starts_at = timezone.now() + timedelta(days=7)
    s.session = CoachingSession.objects.create(
        title="Group coaching session",
        starts_at=starts_at,
        questions_close_at=starts_at - timedelta(hours=48),
        meeting_url="https://meet.example.org/coaching",
        duration_minutes=90,
    )
    s.question = Question.objects.create(
        session=s.session, author=member, title="Pacing", body="How fast?"
    )
    s.rule = ScheduleRule.objects.create(
        local_time="12:00",
        time_zone="America/Los_Angeles",
        meeting_url="https://meet.example.org/coaching",
    )
    s.calendar_token = calendar_token_for(user=member).token
    # Memberships: a plan, the member's membership, a webhook event.
    s.plan = Plan.objects.create(name="Monthly", stripe_price_id="price_m", amount=8900)
    s.membership = Membership.objects.get(user=member)
    s.event = StripeEvent.objects.create(
        event_id="evt_sweep",
        type="customer.subscription.updated",
        stripe_created=timezone.now(),
        payload={"id": "evt_sweep", "data": {"object": {"id": "sub_1"}}},
    )
    # Consultations: the member's delivered case, with its lead reviewer (and
    # their offer, place in the pool and an away period), a panel seat, an
    # attachment and a saved report version.
    s.case = case_in(Case.Status.DELIVERED, requester=member)
    s.offer = s.case.offers.get()
    s.consultant_profile = s.case.lead_reviewer.consultant_profile
    s.away = ConsultantAway.objects.create(
        consultant=s.consultant_profile,
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=37),
    )
    panel_member(s.case)
    s.panel_seat = s.case.panel.get()
    s.case_attachment = Attachment.objects.create(
        case=s.case,
        file=ContentFile(b"notes", name="notes.txt"),
        original_name="notes.txt",
        size=5,
        content_type="text/plain",
    )
    s.report_version = ReportVersion.objects.create(
        report=s.case.report, number=1, sections=s.case.report.sections
    )
    # Consultation billing: the fees, the case's paid payment, the lead
    # reviewer's payout line and its statement.
    s.fee = ConsultationFee.objects.create(kind="standard", amount=35000)
    s.payment = CasePayment.objects.create(
        case=s.case,
        case_reference=s.case.reference,
        payer=member,
        method="card",
        amount=35000,
        currency="usd",
        description=f"Psychotherapy consultation, case reference {s.case.reference}",
    )
    payments.payment_paid(payment_id=s.payment.pk)
    ledger.case_line_add(case_id=s.case.pk)
    s.statement = PayoutStatement.objects.create(
        reviewer=s.case.lead_reviewer, year=2026, quarter=1
    )
    # A notification-centre entry of the member's.
    s.notification = Notification.objects.create(
        user=member, kind="forum_reply", title="A reply", url="/forum/"
    )
    # A licence of the member's, for their own pages and the director's queue.
    s.licence = Licence.objects.create(
        user=member,
        kind=Licence.Kind.LCSW,
        region="OR",
        number="L-100",
        expires_on=timezone.localdate() + timedelta(days=300),
    )
    # A referral entry the member suggested, waiting for the director.
    s.referral = referral_services.entry_suggest(
        suggested_by=member,
        specialties=list(Specialty.objects.all()[:1]),
        regions=["OR"],
        name="Dr. Ana Ruiz, MD",
        telehealth=True,
    )
    # A follow-up call booked on the delivered case.
    s.call = FollowUpCall.objects.create(
        case=s.case,
        reviewer=s.case.lead_reviewer,
        status=FollowUpCall.Status.BOOKED,
        starts_at=timezone.now() + timedelta(days=3),
        meeting_url="https://video.example.org/follow-up",
        booked_at=timezone.now(),
    )
    # Accounts: an email address waiting for confirmation, a password-reset key.
    unconfirmed = EmailAddress.objects.create(
        user=signed_up, email="second@example.org", verified=False, primary=False
    )
    s.email_key = EmailConfirmationHMAC(unconfirmed).key
    s.reset_uid = user_pk_to_url_str(member)
    s.reset_key = default_token_generator.make_token(member)
    # The admin has an authenticator app (tests/community/factories.py), so that
    # the two-factor pages have something to show.
    notification_preferences_for(user=member)
    # Background tasks: one done, one failed, one queued.
    now = timezone.now()
    for number, success in ((1, True), (2, False)):
        Task.objects.create(
            id=f"task{number}",
            name=f"sweep-{number}",
            func="math.floor",
            started=now,
            stopped=now,
            success=success,
        )
    payload = {"id": "task3", "name": "sweep-3", "func": "math.floor", "args": ()}
    OrmQ.objects.create(key="default", payload=SignedPackage.dumps(payload))
    # Wagtail admin.
    s.director_group = Group.objects.get(name=DIRECTOR_GROUP)
    s.site = Site.objects.get(is_default_site=True)
    s.workflow = Workflow.objects.create(name="Review")
    s.task = GroupApprovalTask.objects.create(name="Director approves")
    WorkflowTask.objects.create(workflow=s.workflow, task=s.task, sort_order=0)
    s.video.save_revision(user=site_admin)  # a draft, sent for review
    s.workflow_state = s.workflow.start(s.video, site_admin)
    s.uploads = {
        model: UploadedFile.objects.create(
            file=ContentFile(b"upload", name="upload.txt"),
            for_content_type=ContentType.objects.get_for_model(model),
            uploaded_by_user=site_admin,
        )
        for model in (Document, Image)
    }
    s.redirect = Redirect.objects.create(old_path="/old-page", redirect_link="/")
    s.editing_session = EditingSession.objects.create(
        user=site_admin,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(s.course.pk),
        last_seen_at=timezone.now(),
    )
    return s


def pk_for(name: str, s) -> object:
    """``pk`` means a different object in each app's URLs."""
    by_name = {
        "forum_conversation:post_update": s.reply.pk,
        "forum_conversation:post_delete": s.reply.pk,
        "forum_conversation:attachment": s.attachment.pk,
        "forum_conversation:topic_poll_vote": s.poll.pk,
        "forum_member:profile": str(s.users["member"].pk),
        "forum_member:user_posts": str(s.users["member"].pk),
        "forum_moderation:queued_post": s.queued.pk,
        "forum_moderation:approve_queued_post": s.queued.pk,
        "forum_moderation:disapprove_queued_post": s.queued.pk,
        "coaching_sessions:question-edit": s.question.pk,
        "coaching_sessions:question-withdraw": s.question.pk,
        "coaching_sessions:question-vote": s.question.pk,
        "coaching_sessions:question-act": s.question.pk,
        # Nobody's passkey: a made-up one cannot be read by the WebAuthn pages.
        "mfa_remove_webauthn": DUMMY,
        "mfa_edit_webauthn": DUMMY,
        "consultation_billing:statement-pdf": s.statement.pk,
        "consultation_billing:statement-csv": s.statement.pk,
        "wagtailadmin_workflows:edit_task": s.task.pk,
        "wagtailadmin_workflows:disable_task": s.task.pk,
        "wagtailadmin_workflows:enable_task": s.task.pk,
    }
    by_namespace = {
        "forum": s.forum.pk,
        "forum_conversation": s.topic.pk,
        "forum_member": s.topic.pk,
        "forum_moderation": s.topic.pk,
        "forum_tracking": s.forum.pk,
        "coaching_sessions": s.session.pk,
        "consultations": s.case.pk,
        "consultation_billing": s.case.pk,
        "consultation_calls": s.case.pk,
        "notifications": s.notification.pk,
        "licences": s.licence.pk,
        "referrals": s.referral.pk,
        "directory": s.users["member"].pk,
        "licence-review": s.licence.pk,
        "consultation_fees": s.fee.pk,
        "consultation_payments": s.payment.pk,
        "consultation_payout_statements": s.statement.pk,
        "wagtailadmin_api:pages": s.course.pk,
        "wagtailadmin_api:documents": s.document.pk,
        "wagtailadmin_api:images": s.image.pk,
        "wagtailadmin_pages": s.course.pk,
        "wagtailadmin_collections": s.collection.pk,
        "wagtailadmin_workflows": s.workflow.pk,
        "wagtailsites": s.site.pk,
        "wagtailusers_users": s.users["member"].pk,
        "wagtailusers_groups": s.director_group.pk,
        "wagtaildocs_chooser": s.document.pk,
        "wagtailimages_chooser": s.image.pk,
        "membership_plans": s.plan.pk,
        "membership_members": s.membership.pk,
        "membership_stripe_events": s.event.pk,
        "coaching_sessions_admin": s.session.pk,
        "session_schedule": s.rule.pk,
        "wagtailsettings": DUMMY,  # no site settings are registered
    }
    if name in by_name:
        return by_name[name]
    namespace = name.rpartition(":")[0]
    if namespace not in by_namespace:
        raise LookupError(f"No sample pk for {name}: add one to pk_for()")
    return by_namespace[namespace]


def admin_object_id(route: Route) -> object:
    """The Django admin's ``object_id``: the first row of the route's model."""
    for model in admin.site._registry:
        opts = model._meta
        if route.text.startswith(f"django-admin/{opts.app_label}/{opts.model_name}/"):
            first = model._default_manager.order_by("pk").first()
            return first.pk if first is not None else DUMMY
    return DUMMY


def argument_values(route: Route, s) -> dict:
    """Values for every argument a route's URL takes."""
    member = s.users["member"]
    by_name = {
        "forum:forum": {"slug": s.forum.slug},
        "account_confirm_email": {"key": s.email_key},
        "account_reset_password_from_key": {"uidb36": s.reset_uid, "key": s.reset_key},
        "coaching_sessions:calendar-feed": {"token": s.calendar_token},
        "wagtaildocs_serve": {"_0": s.document.pk, "_1": s.document.filename},
        "wagtailcore_authenticate_with_password": {"page_id": s.private_course.pk},
        "wagtailadmin_pages:add": {
            "content_type_app_name": "courses",
            "content_type_model_name": "lessonpage",
            "parent_page_id": s.module.pk,
        },
        "wagtailadmin_pages:preview_on_add": {
            "content_type_app_name": "courses",
            "content_type_model_name": "lessonpage",
            "parent_page_id": s.module.pk,
        },
        "wagtailadmin_pages:choose_parent": {
            "app_label": "courses",
            "model_name": "lessonpage",
        },
        "wagtail_bulk_action": {
            "app_label": "wagtailcore",
            "model_name": "page",
            "action": "delete",
        },
        "wagtailadmin_tag_model_autocomplete": {
            "app_name": "courses",
            "model_name": "videopage",
        },
        "wagtailadmin_workflows:add_task": {
            "app_label": "wagtailcore",
            "model_name": "groupapprovaltask",
        },
        "wagtailadmin_editing_sessions:ping": {
            "app_label": "wagtailcore",
            "model_name": "page",
            "object_id": str(s.course.pk),
        },
        "wagtailadmin_api:pages:action": {"action_name": "copy"},
        "wagtailadmin_pages:workflow_action": {
            "page_id": s.video.pk,
            "action_name": "approve",
        },
        "wagtailadmin_pages:collect_workflow_action_data": {
            "page_id": s.video.pk,
            "action_name": "approve",
        },
        "wagtailadmin_pages:workflow_history_detail": {"page_id": s.video.pk},
        "wagtaildocs:create_multiple_from_uploaded_document": {
            "uploaded_file_id": s.uploads[Document].pk
        },
        "wagtaildocs:delete_upload_multiple": {
            "uploaded_file_id": s.uploads[Document].pk
        },
        "wagtailimages:create_multiple_from_uploaded_image": {
            "uploaded_file_id": s.uploads[Image].pk
        },
        "wagtailimages:delete_upload_multiple": {
            "uploaded_file_id": s.uploads[Image].pk
        },
        "wagtailadmin_password_reset_confirm": {
            "uidb64": "MQ",
            "token": "set-password",
        },
        "wagtailsettings:edit": {"app_name": "community", "model_name": "nosuch"},
        "wagtailsettings:preview_on_edit": {
            "app_name": "community",
            "model_name": "nosuch",
        },
        "admin:app_list": {"app_label": "community"},
        "admin:view_on_site": {
            "content_type_id": ContentType.objects.get_for_model(member).pk,
            "object_id": member.pk,
        },
    }
    generic = {
        "slug": s.topic.slug,
        "forum_slug": s.forum.slug,
        "forum_pk": s.forum.pk,
        "topic_slug": s.topic.slug,
        "topic_pk": s.topic.pk,
        "topic_id": s.topic.pk,
        "post_id": s.reply.pk,
        "decision_id": s.decision.pk,
        "lesson_id": s.lessons[0].pk,
        "video_id": s.video.pk,
        "code": s.certificate.code,
        "page_id": s.course.pk,
        "parent_page_id": s.course.pk,
        "page_to_move_id": s.course.pk,
        "page_pk": s.course.pk,
        "destination_id": s.course_index.pk,
        "revision_id": s.revision.pk,
        "revision_id_a": s.revision.pk,
        "revision_id_b": "live",
        "document_id": s.document.pk,
        "doc_id": s.document.pk,
        "image_id": s.image.pk,
        "filter_spec": "original",
        "collection_id": s.collection.pk,
        "restriction_id": s.collection_restriction.pk,
        "page_view_restriction_id": s.page_restriction.pk,
        "task_id": s.task.pk,
        "workflow_pk": s.workflow.pk,
        "redirect_id": s.redirect.pk,
        "session_id": s.editing_session.pk,
        "content_type_app_name": "courses",
        "content_type_model_name": "lessonpage",
        "forum_id": s.forum.pk,
        "user_id": member.pk,
        "group_id": s.director_group.pk,
        "direction": "up",
        "id": member.pk,
        "url": "no-such-page/",
        "task_state_id": s.workflow_state.current_task_state.pk,
        "workflow_state_id": s.workflow_state.pk,
        "offer_id": s.offer.pk,
        "attachment_id": s.case_attachment.pk,
        "number": s.report_version.number,
        "profile_pk": s.consultant_profile.pk,
        "away_pk": s.away.pk,
        "seat_pk": s.panel_seat.pk,
        "payment_id": s.payment.pk,
        "call_id": s.call.pk,
        "token": unsubscribe.token_for(member, "announcements"),
    }
    values = {}
    specific = by_name.get(route.name, {})
    for param in route_params(route):
        if param in specific:
            values[param] = specific[param]
        elif param == "pk":
            values[param] = pk_for(route.name or "", s)
        elif param == "object_id" and route.text.startswith("django-admin/"):
            values[param] = admin_object_id(route)
        elif param in generic:
            values[param] = generic[param]
        else:
            raise LookupError(f"No sample value for {param!r} of {route.label}")
    return values


def urls_for(route: Route, s) -> list[str]:
    if route.name == "wagtail_serve":
        return list(s.page_urls)  # "/" is the home view's (a pattern of its own)
    if route.text == "cms/^.*/$":  # Wagtail admin's 404 catch-all
        return ["/cms/no-such-admin-page/"]
    return [build_path(route, argument_values(route, s))]


# Access classes ---------------------------------------------------------------------


def access_class(route: Route, path: str, s) -> str:
    name = route.name or ""
    if route.name == "wagtail_serve":
        return s.page_urls[path]
    if path.startswith("/django-admin/"):
        # The admin's own login form is replaced by a redirect to the site's
        # sign-in (community/urls.py), which anyone may follow.
        return "public" if path == "/django-admin/login/" else "admin"
    if path.startswith("/cms/"):
        if path.startswith(CMS_PUBLIC):
            return "public"
        return "admin" if path.startswith(CMS_ADMIN) else "director"
    if (
        name in DIRECTOR_NAMES
        or name.startswith(DIRECTOR_NAMESPACES)
        or route.pattern.callback.__module__ in DIRECTOR_MODULES
    ):
        return "director"
    if name == "coaching_sessions:calendar-feed":
        # The token in the URL is the key: a calendar app cannot sign in. The view
        # serves a member's own sessions only while they have member access.
        return "public"
    if name == "wagtaildocs_authenticate_with_password":
        return "public"  # the password form of a restricted collection
    if path.startswith("/consultations/director/"):
        # The director's board, pool and audit trail (the pool's accounts are
        # also open to admins, above the threshold).
        return "director"
    if path.startswith(
        (
            "/forum/",
            "/sessions/",
            "/learning/",
            "/documents/",
            "/consultations/",
            "/members/",
            "/referrals/",
        )
    ):
        # Consultations: members (and consultants, none of whom is a sweep role).
        return "member"
    if path.startswith("/notifications/"):
        return "signed_in"  # every account's own entries (consultants too)
    if path.startswith("/account/") or name in ALLAUTH_SIGNED_IN:
        # /account/ (profile, notifications, data export, deletion) and billing
        # are login_required, not member_required: they are for every account,
        # above all for one without a membership (community/views/account.py,
        # memberships/views.py).
        return "signed_in"
    if name in ("memberships:checkout", "memberships:checkout-success"):
        return "signed_in"  # login_required: joining needs an account, not a plan
    return "public"


def redirect_path(location: str) -> str:
    return urlsplit(location).path


def is_refusal(status: int, location: str) -> bool:
    if status in REFUSAL_STATUSES:
        return True
    if 300 <= status < 400:
        path = redirect_path(location)
        return path.startswith(REFUSAL_REDIRECT_PREFIXES) or path in (
            REFUSAL_REDIRECT_EXACT
        )
    return False


# The sweep --------------------------------------------------------------------------


@pytest.fixture
def clients(samples):
    """One client per role, signed in once (anonymous for the visitor)."""
    clients = {}
    for role in ROLES:
        client = Client()
        user = samples.users[role]
        if user is not None:
            client.force_login(user)
        clients[role] = client
    return clients


@pytest.fixture
def quiet_logs():
    """Thousands of refusals are logged as warnings, and every 500 is recorded by
    the sweep itself: the log would only bury the summary."""
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


# Every HTML page answered: its Content-Security-Policy is checked as well.
CSP_CHECKED: list[str] = []
CSP_PROBLEMS: list[str] = []


def check_csp(path: str, response) -> None:
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    CSP_CHECKED.append(path)
    policy = response.get("Content-Security-Policy", "")
    script_src = next(
        (p for p in policy.split(";") if p.strip().startswith("script-src ")), ""
    )
    if not script_src or "'unsafe-inline'" in script_src or "unsafe-eval" in policy:
        CSP_PROBLEMS.append(f"{path}: {policy or 'no Content-Security-Policy'}")


def fetch(client: Client, method: str, path: str) -> tuple[int, str]:
    """One request, undone afterwards: a savepoint rolled back, cookies restored."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            try:
                response = getattr(client, method)(path)
            except Exception as exc:  # the test client re-raises a view's error
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                where = f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno}"
                status, detail = 500, f"{type(exc).__name__}: {exc} (at {where})"
            else:
                status, detail = response.status_code, response.get("Location", "")
                check_csp(path, response)
                if response.streaming:
                    # Read to the end: the test client then closes the response
                    # itself, without closing the database connection.
                    b"".join(response.streaming_content)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return status, detail


@dataclass
class Result:
    route: Route
    path: str
    kind: str  # access class
    role: str
    method: str
    status: int
    detail: str  # Location of a redirect, or the error of a 500


def signs_in(result: Result) -> bool:
    """The other login URLs show no form: a visitor is sent to the one sign-in,
    someone signed in already (refused by an admin) gets the 403 page."""
    if result.role != "visitor" and result.status == 403:
        return True
    return result.status == 302 and redirect_path(result.detail).startswith(
        "/accounts/login/"
    )


def access_failures(results: list[Result]) -> list[tuple[str, Result]]:
    """Requests by a role below its class's threshold that were not refused;
    visitors not sent to sign in from a member area or a signed-in page; a login
    form other than allauth's."""
    failures = []
    by_url = defaultdict(dict)
    for result in results:
        by_url[(result.route, result.path)][(result.role, result.method)] = result
    for (_route, path), outcome in by_url.items():
        kind = next(iter(outcome.values())).kind
        if path in OTHER_SIGN_IN_FORMS:
            failures += [
                ("a second sign-in form", r)
                for r in outcome.values()
                if not signs_in(r)
            ]
        for role in LOWER_ROLES[kind]:
            for method in ("get", "post"):
                result = outcome.get((role, method))
                if result and not is_refusal(result.status, result.detail):
                    failures.append(("not refused", result))
        if kind in ("member", "signed_in"):
            get, post = outcome[("visitor", "get")], outcome[("visitor", "post")]
            if get.status == 405:
                # A POST-only view may answer GET with 405 before asking who you
                # are (require_POST outside the check: learning/lessons/<id>/done/);
                # then its POST must send the visitor to sign in or refuse (403).
                if not (signs_in(post) or post.status == 403):
                    failures.append(("visitor not sent to sign in", post))
            elif not signs_in(get):
                failures.append(("visitor not sent to sign in", get))
    return failures


def readable(problems: list[tuple[str, Result]]) -> list[str]:
    """One line per problem and URL, with the roles it happened to."""
    roles = defaultdict(list)
    for what, r in problems:
        key = (what, r.method.upper(), r.path, r.status, r.detail, r.kind, r.route)
        roles[key].append(r.role)
    lines = []
    for (what, method, path, status, detail, kind, route), who in roles.items():
        extra = f" -> {detail}" if detail else ""
        lines.append(
            f"{what}: {method} {path} as {', '.join(who)}: {status}{extra}"
            f"  [{kind}; {route.label}]"
        )
    return lines


def status_counts(results: list[Result]) -> str:
    by_class = defaultdict(Counter)
    for result in results:
        by_class[result.kind][result.status] += 1
    return "; ".join(
        f"{kind}: "
        + ", ".join(f"{status}x{count}" for status, count in sorted(counts.items()))
        for kind, counts in sorted(by_class.items())
    )


@pytest.mark.django_db
def test_every_url_in_every_role(samples, clients, quiet_logs):
    started = time.perf_counter()
    routes = list(url_routes())
    results: list[Result] = []
    covered, shadowed, skipped = [], [], []
    for route in routes:
        skip_roles = SKIPPED_ROLES.get(route.name, set())
        if skip_roles:
            skipped.append(f"{route.label} as {', '.join(sorted(skip_roles))}")
        own = True
        for path in urls_for(route, samples):
            try:
                match = resolve(path)
            except Resolver404:
                match = None
            if match is None or match.func is not route.pattern.callback:
                # Requested all the same: it is the URL a browser would use.
                own = False
                served_by = match.route if match else "nothing"
                shadowed.append(f"{route.label} ({path} is served by {served_by})")
            kind = access_class(route, path, samples)
            for method in ("get", "post"):
                for role in ROLES:
                    if role not in skip_roles:
                        status, detail = fetch(clients[role], method, path)
                        results.append(
                            Result(route, path, kind, role, method, status, detail)
                        )
        if own:
            covered.append(route)

    paths = {r.path for r in results}
    dummies = [p for p in paths if str(DUMMY) in p or "/no-such" in p or "nosuch" in p]
    summary = (
        f"URL patterns found: {len(routes)}, covered: {len(covered)} "
        f"({100 * len(covered) / len(routes):.1f}%), URLs: {len(paths)} "
        f"({len(dummies)} with a dummy argument), requests: {len(results)} "
        f"in {time.perf_counter() - started:.0f}s. "
        f"Statuses per class: {status_counts(results)}"
    )
    print(f"\n{summary}")  # noqa: T201
    print("Shadowed (requested; an earlier pattern serves the URL):")  # noqa: T201
    for line in shadowed:
        print(f"  {line}")  # noqa: T201
    print(f"Skipped: {'; '.join(skipped)}")  # noqa: T201

    # Every request was undone, or the figures above would mean little: each
    # client is still signed in as its user, and the sample objects are there.
    for role, client in clients.items():
        user = samples.users[role]
        assert client.session.get("_auth_user_id") == (user and str(user.pk)), role
    assert samples.course.__class__.objects.filter(pk=samples.course.pk).exists()
    assert samples.topic.__class__.objects.filter(pk=samples.topic.pk).exists()

    problems = readable(
        [("500", r) for r in results if r.status == 500] + access_failures(results)
    )
    assert not problems, f"{summary}\n{len(problems)} problems:\n" + "\n".join(problems)
    # (c): every HTML answer carries a policy that allows no inline script.
    print(f"Content-Security-Policy checked on {len(CSP_CHECKED)} HTML answers")  # noqa: T201
    assert len(CSP_CHECKED) > 1000
    assert not CSP_PROBLEMS, "\n".join(sorted(set(CSP_PROBLEMS))[:20])
