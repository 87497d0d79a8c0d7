"""``/members/``: the directory, a profile, and the director's licence queue."""

app_name = "directory"

urlpatterns: list = []
