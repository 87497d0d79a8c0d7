"""The directory's part of "download my data" and "delete my account": the
profile (with every field, shown or not) and the licences are exported, and
deleted with the account, photo file included."""

from community.data_rights import register as register_part
from directory.models import DirectoryProfile, Licence


def _names(related) -> list[str]:
    return sorted(term.name for term in related.all())


def export(*, user) -> tuple[str, object]:
    profile = DirectoryProfile.objects.filter(user=user).first()
    data = {"profile": None, "licences": []}
    if profile is not None:
        fields = {
            field.name: getattr(profile, field.name)
            for field in DirectoryProfile._meta.concrete_fields
            if field.name not in {"user", "photo", "updated_at"}
        }
        data["profile"] = {
            **fields,
            "photo": profile.photo.name or None,
            "modalities": _names(profile.modalities),
            "populations": _names(profile.populations),
            "languages": _names(profile.languages),
            "updated_at": profile.updated_at.isoformat(),
        }
    for licence in Licence.objects.filter(user=user):
        data["licences"].append(
            {
                "type": licence.get_kind_display(),
                "state": licence.region,
                "country": licence.country,
                "number": licence.number,
                "expires_on": licence.expires_on.isoformat(),
                "npi": licence.npi,
                "verified_on": (
                    licence.verified_on.isoformat() if licence.verified_on else None
                ),
            }
        )
    return "directory", data


def erase(*, user) -> None:
    profile = DirectoryProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()
    Licence.objects.filter(user=user).delete()


def register() -> None:
    register_part(models=[DirectoryProfile, Licence], export=export, erase=erase)
