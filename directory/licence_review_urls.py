"""``/members/licences/``: the director's (and admins') verification queue."""

app_name = "licence-review"

urlpatterns: list = []
