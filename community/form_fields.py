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

Infrastructure: this module imports no app (STYLE.md, "The house").
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


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
