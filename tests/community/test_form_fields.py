"""community.form_fields: a posted id no row can have is a form error, on SQLite
and PostgreSQL alike (where one past the integer column is a database error)."""

import pytest
from django import forms

from community.form_fields import (
    IdChoiceField,
    IdMultipleChoiceField,
    formfield_callback,
)
from community.models import NotificationPreferences, Orientation, User
from tests.community import factories

pytestmark = pytest.mark.django_db

IMPOSSIBLE = [
    "12345678901234567890123",
    "-12345678901234567890123",
    "9223372036854775808",
    "-1",
    "0",
    "cbt",
    "1.5",
    "1e3",
    " ",
]


class OneOrientation(forms.Form):
    orientation = IdChoiceField(queryset=Orientation.objects.all())


class SomeOrientations(forms.Form):
    orientations = IdMultipleChoiceField(queryset=Orientation.objects.all())


class ByName(forms.Form):
    orientation = IdChoiceField(
        queryset=Orientation.objects.all(), to_field_name="name"
    )


class PreferencesOwner(forms.ModelForm):
    """A foreign key (here the one-to-one ``user``) through the callback."""

    class Meta:
        model = NotificationPreferences
        fields = ["user"]
        formfield_callback = formfield_callback


@pytest.mark.parametrize("bad_id", IMPOSSIBLE)
def test_one_choice_refuses_an_impossible_id(bad_id):
    form = OneOrientation({"orientation": bad_id})
    assert not form.is_valid()
    assert form.errors["orientation"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


@pytest.mark.parametrize("bad_id", IMPOSSIBLE)
def test_many_choices_refuse_an_impossible_id_among_good_ones(bad_id):
    good = Orientation.objects.first()
    form = SomeOrientations({"orientations": [str(good.pk), bad_id]})
    assert not form.is_valid()
    assert "Select a valid choice." in form.errors["orientations"][0]


def test_good_ids_still_choose():
    one, two = Orientation.objects.all()[:2]
    single = OneOrientation({"orientation": str(one.pk)})
    assert single.is_valid() and single.cleaned_data["orientation"] == one
    many = SomeOrientations({"orientations": [str(one.pk), str(two.pk)]})
    assert many.is_valid()
    assert set(many.cleaned_data["orientations"]) == {one, two}


def test_a_text_key_takes_any_text():
    cbt = Orientation.objects.get(name__startswith="Cognitive")
    assert ByName({"orientation": cbt.name}).is_valid()
    assert not ByName({"orientation": "12345678901234567890123"}).is_valid()


def test_the_callback_gives_foreign_keys_the_safe_field():
    field = PreferencesOwner.base_fields["user"]
    assert isinstance(field, IdChoiceField)
    form = PreferencesOwner({"user": "12345678901234567890123"})
    assert not form.is_valid()
    assert "user" in form.errors


def test_the_callback_gives_many_to_many_the_safe_field():
    class Profile(forms.ModelForm):
        class Meta:
            model = User
            fields = ["orientations"]
            formfield_callback = formfield_callback

    assert isinstance(Profile.base_fields["orientations"], IdMultipleChoiceField)
    form = Profile(
        {"orientations": ["12345678901234567890123"]}, instance=factories.member()
    )
    assert not form.is_valid()
