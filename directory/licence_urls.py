"""``/account/licences/``: a member's own licences."""

app_name = "licences"

urlpatterns: list = []
