"""Who may see and do what in a consultation.

Roles: the requesting therapist (a member), the director, consultants in the
pool (the lead reviewer, those with an open offer, panel members invited into
one case) and attendings (senior consultants who may sign off; the director is
always one). A consultant need not be a paying member: being in the pool (an
active ConsultantProfile, the Consultant role) gives access to the cases offered
or assigned to them and nothing else. Admins keep the pool's accounts but read
no case content.

Writing a request needs member access; a case, once written, stays its
requester's to read (and its report to download) after their membership ends.

Every consultations view asks here (through ``consultations.views_common``),
never ``user.is_staff`` directly.
"""

from dataclasses import dataclass

from community.access import has_member_access
from community.roles import is_director, is_live_account
from consultations.models import Case, ConsultantProfile, Offer, PanelMember
from consultations.states import TEAM_VISIBLE

OPEN_OFFER = (Offer.Status.PENDING,)


def consultant_profile(user) -> ConsultantProfile | None:
    """The user's place in the pool, if they are in it (cached on the user)."""
    if not is_live_account(user):
        return None
    if not hasattr(user, "_consultant_profile_cache"):
        user._consultant_profile_cache = ConsultantProfile.objects.filter(
            user=user, active=True
        ).first()
    return user._consultant_profile_cache


def is_consultant(user) -> bool:
    return consultant_profile(user) is not None


def is_attending(user) -> bool:
    if is_director(user):
        return True
    profile = consultant_profile(user)
    return bool(profile and profile.is_attending)


def may_request(user) -> bool:
    """Writing a request is a member's benefit."""
    return has_member_access(user)


def may_enter_area(user) -> bool:
    """The consultations area: members, consultants, the director, and a former
    member who still has cases (to read their reports)."""
    return (
        may_request(user)
        or is_consultant(user)
        or is_director(user)
        or (is_live_account(user) and Case.objects.filter(requester=user).exists())
    )


@dataclass(frozen=True)
class CaseRoles:
    """What one user is to one case, worked out once per request."""

    requester: bool = False
    director: bool = False
    lead: bool = False
    offered: bool = False
    panel: bool = False
    attending: bool = False

    @property
    def team(self) -> bool:
        """The case team: who sees the conference."""
        return self.director or self.lead or self.panel or self.attending

    @property
    def any(self) -> bool:
        return self.requester or self.team or self.offered


def case_roles(user, case: Case) -> CaseRoles:
    if not is_live_account(user):
        return CaseRoles()
    # A request the therapist has never sent is theirs alone, the director's
    # too only once it is sent (a returned one has been).
    director = is_director(user) and case.submitted_at is not None
    consultant = is_consultant(user)
    return CaseRoles(
        requester=case.requester_id == user.pk,
        director=director,
        lead=consultant and case.lead_reviewer_id == user.pk,
        offered=consultant
        and Offer.objects.filter(
            case=case, consultant=user, status__in=OPEN_OFFER
        ).exists(),
        panel=consultant and PanelMember.objects.filter(case=case, user=user).exists(),
        attending=(not director) and is_attending(user) and case.status in TEAM_VISIBLE,
    )


def may_read_case(roles: CaseRoles) -> bool:
    """The request itself: referral question, context, summary, risk notes."""
    return roles.any


def may_read_attachments(roles: CaseRoles) -> bool:
    return roles.requester or roles.team


def may_see_conference(roles: CaseRoles) -> bool:
    return roles.team


def may_see_questions(roles: CaseRoles) -> bool:
    return roles.requester or roles.team


def may_see_audit(roles: CaseRoles) -> bool:
    return roles.requester or roles.director


def may_write_report(roles: CaseRoles) -> bool:
    return roles.lead or roles.director


def may_sign_off(user, roles: CaseRoles, case: Case) -> bool:
    """An attending other than the report's author, or the director."""
    if roles.director:
        return True
    return roles.attending and case.lead_reviewer_id != user.pk


def may_read_report(roles: CaseRoles, case: Case) -> bool:
    """The requester reads only a delivered report; the team reads drafts."""
    if roles.requester and case.status in (Case.Status.DELIVERED, Case.Status.CLOSED):
        return True
    return roles.team
