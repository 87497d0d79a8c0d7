"""What the referral tests share: an entry's POST data and entries made
directly through the services."""

from referrals import services
from referrals.models import ReferralEntry, Specialty
from tests.community import factories


def specialty(slug: str) -> Specialty:
    return Specialty.objects.get(slug=slug)


def entry_post(**overrides) -> dict:
    data = {
        "name": "Dr. Ana Ruiz, MD",
        "profession": "Psychiatrist",
        "specialties": [specialty("ketamine-assisted-therapy").pk],
        "regions": ["OR", "WA"],
        "telehealth": "on",
        "in_person": "on",
        "city": "Portland",
        "practice_region": "OR",
        "self_pay": "on",
        "insurance_accepted": "Aetna, Providence",
        "collaboration": ["calls", "letters"],
        "typical_wait": "2weeks",
        "approach": "Sees medication as one part of the whole treatment.",
        "practice_name": "Willamette Psychiatry",
        "website": "https://willamette.example.org",
        "phone": "503-555-0100",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def entry(
    *,
    name: str = "Dr. Ana Ruiz, MD",
    specialties=("ketamine-assisted-therapy",),
    regions=("OR",),
    approved: bool = True,
    suggested_by=None,
    director=None,
    **fields,
) -> ReferralEntry:
    suggester = suggested_by or factories.member()
    made = services.entry_suggest(
        suggested_by=suggester,
        specialties=[specialty(slug) for slug in specialties],
        regions=list(regions),
        name=name,
        telehealth=fields.pop("telehealth", True),
        **fields,
    )
    if approved:
        made = services.entry_approve(
            entry=made, director=director or factories.director()
        )
    return made
