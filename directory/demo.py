"""Demo directory: profiles and licences for the demo people, from
directory/demo/profiles.yaml. Idempotent: running it again updates what it made.
Priya stays unlisted (the directory is opt-in) and Owen is listed but lapsed, so
the demo shows both ways of not being in it."""

from datetime import timedelta
from pathlib import Path

import yaml
from django.utils import timezone

from community.models import User
from community.roles import DIRECTOR_GROUP
from directory.models import DirectoryProfile, Language, Licence, Modality, Population

DATA = Path(__file__).resolve().parent / "demo" / "profiles.yaml"


def seed_directory() -> None:
    today = timezone.localdate()
    director = User.objects.filter(groups__name=DIRECTOR_GROUP).first()
    for row in yaml.safe_load(DATA.read_text(encoding="utf-8")):
        user = User.objects.filter(email__iexact=row.pop("email")).first()
        if user is None:
            continue
        licences = row.pop("licences")
        terms = {
            "modalities": Modality.objects.filter(name__in=row.pop("modalities")),
            "populations": Population.objects.filter(name__in=row.pop("populations")),
            "languages": Language.objects.filter(name__in=row.pop("languages")),
        }
        profile, _ = DirectoryProfile.objects.update_or_create(user=user, defaults=row)
        for name, chosen in terms.items():
            getattr(profile, name).set(chosen)
        for licence in licences:
            verified = licence.pop("verified")
            expires_on = today + timedelta(days=licence.pop("expires_in_days"))
            Licence.objects.update_or_create(
                user=user,
                kind=licence.pop("kind"),
                region=licence.pop("region"),
                country=licence.pop("country", ""),
                number=str(licence.pop("number")),
                defaults={
                    "expires_on": expires_on,
                    "npi": licence.pop("npi", ""),
                    "verified_on": today if verified else None,
                    "verified_by": director if verified else None,
                },
            )
