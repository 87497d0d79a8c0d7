"""Choice fields that answer an impossible id with a form error, never a 500.

Django's model choice fields hand what was posted straight to the database. A
number wider than the column (23 digits, or one past PostgreSQL's integer) then
crashes the query: ``OverflowError`` on SQLite, "integer out of range" on
PostgreSQL. These fields first check each value as the key column itself would
(its ``to_python`` and its validators, which carry the database's range), and
refuse what no row can have with the field's usual message.

Use ``formfield_callback`` in a ModelForm's Meta and every foreign key and
many-to-many of the form gets them; or name the classes in ``field_classes`` or
declare them like any field.

``FormRenderer`` (the ``FORM_RENDERER`` setting) renders every field with
templates/includes/_field.html: a checkbox beside its label.

Infrastructure: this module imports no app (STYLE.md, "The house").
"""

from functools import cached_property
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import DjangoTemplates


def _key_field(queryset, to_field_name: str | None) -> models.Field:
    """The column the posted values are compared with, through one-to-one parents
    (a Wagtail page's ``page_ptr``) down to the field that holds the value."""
    opts = queryset.model._meta
    field = opts.get_field(to_field_name) if to_field_name else opts.pk
    while field.is_relation:
        field = field.target_field
    return field


def _is_possible_key(field: models.Field, value) -> bool:
    try:
        field.run_validators(field.to_python(value))
    except (ValidationError, TypeError, ValueError, OverflowError):
        return False
    return True


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values or isinstance(value, models.Model):
            return super().to_python(value)
        if not _is_possible_key(_key_field(self.queryset, self.to_field_name), value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            values = frozenset(value)
        except TypeError:
            # Django's own message for a value that is not a list.
            return super()._check_values(value)
        field = _key_field(self.queryset, self.to_field_name)
        for item in values:
            if isinstance(item, models.Model) or _is_possible_key(field, item):
                continue
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": item},
            )
        return super()._check_values(value)


def formfield_callback(db_field: models.Field, **kwargs):
    """A ModelForm's ``Meta.formfield_callback``: the safe fields for every
    foreign key and many-to-many, Django's defaults for the rest."""
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", IdChoiceField)
    return db_field.formfield(**kwargs)


class FormRenderer(DjangoTemplates):
    """Django's form renderer with our field template (``FORM_RENDERER``), so that
    every ``{{ field.as_field_group }}`` and ``{{ form }}`` puts a checkbox
    beside its label, box first, not on the line below it.

    Django's own form templates come first; ``templates/`` is searched after
    them for the one field template (and nothing of ours shadows Django's)."""

    field_template_name = "includes/_field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(forms.__file__).parent / self.backend.app_dirname,
                    settings.BASE_DIR / "templates",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
