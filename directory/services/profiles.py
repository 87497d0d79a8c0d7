"""Writes to a member's directory profile.

One transaction, the row locked: two tabs saving at once cannot leave the
terms of one and the switches of the other. A photo is stored under a name of
our choosing (the owner's id and a random part, with the extension of the
format Pillow read), never the uploaded file's name; the old file is deleted
only once the new state is committed.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image

from directory.models import DirectoryProfile

M2M_FIELDS = ("modalities", "populations", "languages")
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def photo_extension(photo) -> str:
    """The extension of the format Pillow reads in ``photo`` (JPEG, PNG, WebP)."""
    image = getattr(photo, "image", None)  # set by forms.ImageField
    if image is None:
        try:
            with Image.open(photo) as opened:
                image_format = opened.format
        except Exception as error:  # Pillow raises many kinds  # noqa: BLE001
            raise ValidationError("Not an image.", code="photo_type") from error
        finally:
            photo.seek(0)
    else:
        image_format = image.format
    if image_format not in PHOTO_FORMATS:
        raise ValidationError("Not a JPEG, PNG or WebP image.", code="photo_type")
    return PHOTO_FORMATS[image_format]


def _delete_file_later(storage, name: str) -> None:
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def directory_profile_update(
    *, user, values: dict, photo=None, remove_photo: bool = False
) -> DirectoryProfile:
    """Save ``values`` (the model's fields, terms as lists) and the photo."""
    with transaction.atomic():
        DirectoryProfile.objects.get_or_create(user=user)
        profile = DirectoryProfile.objects.select_for_update().get(user=user)
        old_photo = profile.photo.name
        for name, value in values.items():
            if name not in M2M_FIELDS:
                setattr(profile, name, value)
        profile.full_clean(exclude=["photo"])  # the form checked the photo
        if photo is not None:
            extension = photo_extension(photo)
            profile.photo.save(
                f"{user.pk}-{uuid.uuid4().hex}.{extension}", photo, save=False
            )
        elif remove_photo:
            profile.photo = ""
        profile.save()
        for name in M2M_FIELDS:
            if name in values:
                getattr(profile, name).set(values[name])
        if old_photo and old_photo != profile.photo.name:
            _delete_file_later(profile.photo.storage, old_photo)
    return profile
