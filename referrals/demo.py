"""Demo referral directory, from referrals/demo/entries.yaml, made through the
same services as a member's suggestion and the director's approval. Idempotent
(keyed on the entry's name)."""

from pathlib import Path

import yaml

from community.models import User
from community.roles import DIRECTOR_GROUP
from referrals import services
from referrals.models import Recommendation, ReferralEntry, Specialty

DATA = Path(__file__).resolve().parent / "demo" / "entries.yaml"


def seed_referrals() -> None:
    director = User.objects.filter(groups__name=DIRECTOR_GROUP).first()
    for row in yaml.safe_load(DATA.read_text(encoding="utf-8")):
        if ReferralEntry.objects.filter(name=row["name"]).exists():
            continue
        suggester = User.objects.filter(email=row.pop("suggested_by")).first()
        approved = row.pop("approved")
        recommendations = row.pop("recommendations")
        entry = services.entry_suggest(
            suggested_by=suggester,
            specialties=list(Specialty.objects.filter(slug__in=row.pop("specialties"))),
            regions=row.pop("regions"),
            **row,
        )
        if not approved or director is None:
            continue
        entry = services.entry_approve(entry=entry, director=director)
        for recommendation in recommendations:
            author = User.objects.filter(email=recommendation["author"]).first()
            if author is None:
                continue
            services.recommendation_save(
                entry=entry,
                author=author,
                communication=recommendation["communication"],
                seen_within=recommendation["seen_within"],
            )
            Recommendation.objects.filter(entry=entry, author=author).update(
                referred_again=recommendation["referred_again"]
            )
