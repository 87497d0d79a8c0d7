"""Directory profiles for tests: listed, with every part shown, unless told."""

from datetime import timedelta

from django.utils import timezone

from directory.models import DirectoryProfile, Language, Licence, Modality, Population


def term(model, name: str):
    return model.objects.get_or_create(name=name)[0]


def modality(name: str = "EMDR") -> Modality:
    return term(Modality, name)


def population(name: str = "Adolescents") -> Population:
    return term(Population, name)


def language(name: str = "Spanish") -> Language:
    return term(Language, name)


def profile(user, *, modalities=(), populations=(), languages=(), **fields):
    values = {
        "listed": True,
        "bio": "I work with grief and ruptures.",
        "accepting_referrals": True,
        "city": "Portland",
        "region": "OR",
        **fields,
    }
    made = DirectoryProfile.objects.create(user=user, **values)
    made.modalities.set(modalities)
    made.populations.set(populations)
    made.languages.set(languages)
    return made


def licence(user, *, verified: bool = True, days: int = 200, **fields) -> Licence:
    today = timezone.localdate()
    values = {
        "kind": Licence.Kind.LCSW,
        "region": "WA",
        "number": f"LIC-{user.pk}-{Licence.objects.count()}",
        "expires_on": today + timedelta(days=days),
        "verified_on": today - timedelta(days=3) if verified else None,
        **fields,
    }
    return Licence.objects.create(user=user, **values)
