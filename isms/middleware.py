import zoneinfo

from django.utils import timezone

from isms.preferences import TIME_ZONES


class UserTimezoneMiddleware:
    """Shows times in the signed-in user's own time zone (their preference), else the site's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        if zone in TIME_ZONES:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
