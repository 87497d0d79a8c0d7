"""The CMS form of a library video.

Its "coaching session" picker names each session by its start. A session's own
``str()`` gives that start in UTC (it shows in logs and the Django admin), but
the director picks in her own day: the choices here read in the CMS user's own
time zone (``User.time_zone``, as every admin tool shows times,
community.time_zones), so "the 18:00 session" is the one she ran at 18:00.
"""

from django.utils import timezone
from django.utils.dateformat import format as date_format
from wagtail.admin.forms import WagtailAdminPageForm

from community.time_zones import user_time_zone


def session_choice_label(session, *, zone) -> str:
    """``Group coaching session (Tue 3 Feb 2027, 18:00 CET)`` in ``zone``."""
    local = timezone.localtime(session.starts_at, zone)
    return f"{session.title} ({date_format(local, 'D j M Y, H:i T')})"


class VideoPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("session")
        if field is None:
            return
        zone = user_time_zone(self.for_user)
        field.label_from_instance = lambda session: session_choice_label(
            session, zone=zone
        )
        field.help_text = (
            f"{field.help_text} Times are in your time zone, {zone.key}."
        ).strip()
