import django_filters
from django.contrib.auth import get_user_model

from controls.models import Control, SoAEntry

APPLICABLE_CHOICES = [("yes", "Yes"), ("no", "No"), ("undecided", "Undecided")]
STATUS_CHOICES = [*SoAEntry.Status.choices, ("excluded", SoAEntry.EXCLUDED_LABEL)]


class SoAEntryFilter(django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(
        field_name="control__theme", choices=Control.Theme.choices, label="Theme"
    )
    applicable = django_filters.ChoiceFilter(
        choices=APPLICABLE_CHOICES, method="filter_applicable", label="Applicable"
    )
    status = django_filters.ChoiceFilter(choices=STATUS_CHOICES, method="filter_status", label="Status")
    owner = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.order_by("username"), label="Owner"
    )
    no_justification = django_filters.ChoiceFilter(
        choices=[("true", "Yes"), ("false", "No")], method="filter_no_justification",
        label="No justification yet",
    )
    o = django_filters.OrderingFilter(
        fields=(
            ("control__position", "ref"), ("control__title", "title"),
            ("implementation_status", "status"), ("owner__username", "owner"),
            ("updated_at", "updated"),
        ),
        label="Sort",
    )

    class Meta:
        model = SoAEntry
        fields = ["theme", "applicable", "status", "owner", "no_justification"]

    def filter_applicable(self, queryset, name, value):
        return queryset.filter(applicable={"yes": True, "no": False, "undecided": None}[value])

    def filter_status(self, queryset, name, value):
        if value == "excluded":
            return queryset.filter(applicable=False)
        return queryset.exclude(applicable=False).filter(implementation_status=value)

    def filter_no_justification(self, queryset, name, value):
        if value == "true":
            return queryset.filter(justification="")
        return queryset.exclude(justification="")
