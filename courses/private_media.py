"""Moving uploads that an older install kept in the public MEDIA_ROOT.

Before private storage, every upload (documents, recordings, original images,
forum attachments) was saved under MEDIA_ROOT, which an operator may serve at
/media/ for the landing page's images. Each file that a model's FileField keeps
in the default storage (now the private one) and that is found only in the
public storage is copied across under the same name, then deleted from the
public one. Image renditions are kept in the public storage and stay. A second
run moves nothing, so migration 0003 and ``manage.py move_private_media`` (for a
media folder restored from an old backup) share this.
"""

from django.apps import apps as installed_apps
from django.core.files.storage import default_storage, storages
from django.db import models


def private_file_fields(apps):
    """(model, field) for every file field that saves into the default storage."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.storage is default_storage:
                yield model, field


def move_uploads_to_private_storage(*, apps=installed_apps) -> list[str]:
    """Move every such file still in the public storage; return their names."""
    public, private = storages["public"], default_storage
    moved = []
    for model, field in private_file_fields(apps):
        names = (
            model._base_manager.exclude(**{f"{field.attname}__isnull": True})
            .exclude(**{field.attname: ""})
            .values_list(field.attname, flat=True)
            .distinct()
        )
        for name in names.iterator():
            if private.exists(name) or not public.exists(name):
                continue
            with public.open(name, "rb") as source:
                saved = private.save(name, source)
            if saved != name:  # taken in the meantime: point the rows at the copy
                model._base_manager.filter(**{field.attname: name}).update(
                    **{field.attname: saved}
                )
            public.delete(name)
            moved.append(name)
    return moved
