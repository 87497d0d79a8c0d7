"""``/account/directory/`` and ``/account/licences/``: the member's own side."""

app_name = "directory-account"

urlpatterns: list = []
