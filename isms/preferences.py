"""A user's own preferences (their time zone): the one thing every role, auditors included,
may change, since it is theirs and no ISMS record. Audited like any change of a user."""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.views.generic import FormView

from isms.access import require
from isms.generic import PermissionMixin, ServiceFormMixin
from isms.models import User

TIME_ZONES = frozenset(zoneinfo.available_timezones())


def _choices() -> list[tuple[str, str]]:
    return [("", "The site's time zone"), *((zone, zone.replace("_", " ")) for zone in sorted(TIME_ZONES))]


class PreferencesForm(forms.Form):
    time_zone = forms.ChoiceField(
        choices=_choices, required=False, widget=forms.Select(attrs={"class": "form-select"}),
        help_text="Dates and times are shown in it, and the times you type are read in it.",
    )


def update_preferences(*, acting_user: User, time_zone: str):
    """Set the acting user's own preferences (no one else's)."""
    require(acting_user, "view")  # any role; the change is the user's own
    if time_zone and time_zone not in TIME_ZONES:
        raise ValidationError({"time_zone": "Choose a time zone from the list."})
    acting_user.time_zone = time_zone
    acting_user.save(update_fields=["time_zone"])
    return acting_user


class PreferencesView(PermissionMixin, ServiceFormMixin, FormView):
    permission_action = "view"  # with no model: any signed-in user with a role
    template_name = "isms/preferences.html"
    form_class = PreferencesForm
    service = update_preferences
    success_message = "Preferences saved."
    success_url = reverse_lazy("preferences")

    def get_initial(self):
        return {"time_zone": self.request.user.time_zone}
