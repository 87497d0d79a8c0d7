"""The referral directory's part of "download my data" and "delete my account".

What a member wrote here is theirs: their suggestions and recommendations are
exported. On deletion their recommendations and their pending (or refused)
suggestions go; an approved entry is the community's (public professional
information about someone else), so it stays, without the suggester.
"""

from community.data_rights import register as register_part
from referrals.models import Recommendation, ReferralEntry, Status


def export(*, user) -> tuple[str, object]:
    suggestions = (
        ReferralEntry.objects.filter(suggested_by=user)
        .prefetch_related("specialties", "regions")
        .order_by("created_at", "pk")
    )
    recommendations = (
        Recommendation.objects.filter(author=user)
        .select_related("entry")
        .order_by("created_at", "pk")
    )
    return "referrals", {
        "suggestions": [
            {
                "name": entry.name,
                "status": entry.status,
                "specialties": [s.name for s in entry.specialties.all()],
                "states": [r.region for r in entry.regions.all()],
                "created_at": entry.created_at.isoformat(),
            }
            for entry in suggestions
        ],
        "recommendations": [
            {
                "entry": rec.entry.name,
                "communication": rec.communication,
                "seen_within": rec.seen_within,
                "referred_again": rec.referred_again,
                "created_at": rec.created_at.isoformat(),
                "updated_at": rec.updated_at.isoformat(),
            }
            for rec in recommendations
        ],
    }


def erase(*, user) -> None:
    Recommendation.objects.filter(author=user).delete()
    ReferralEntry.objects.filter(suggested_by=user).exclude(
        status=Status.APPROVED
    ).delete()
    ReferralEntry.objects.filter(suggested_by=user).update(suggested_by=None)
    ReferralEntry.objects.filter(reviewed_by=user).update(reviewed_by=None)


def register() -> None:
    register_part(models=[ReferralEntry, Recommendation], export=export, erase=erase)
