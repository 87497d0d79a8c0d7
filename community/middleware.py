"""Show every time in the member's own time zone.

The zone is reset once the response is built, so nothing that runs on the same
thread afterwards (a test's next step, a task run inline) inherits the last
member's zone.
"""

import zoneinfo

from django.utils import timezone


class MemberTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = getattr(request.user, "time_zone", None)
        if tz_name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(tz_name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
