"""Wagtail's user admin, fitted to our user model (email sign-in, display name).

Wagtail's forms require first and last names; ours are optional (they are only
printed on certificates) and every account needs a display name instead.
"""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class _CommunityFields(forms.ModelForm):
    display_name = forms.CharField(max_length=80, label="Display name")
    first_name = forms.CharField(required=False, label="First name")
    last_name = forms.CharField(required=False, label="Last name")


class CommunityUserCreationForm(_CommunityFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name"}


class CommunityUserEditForm(_CommunityFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return CommunityUserEditForm if for_update else CommunityUserCreationForm
