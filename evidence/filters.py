import django_filters
from django.db.models import Q

from assets.models import Asset
from assets.search_select import AssetSearchSelect
from controls.models import Control
from evidence.models import Evidence
from isms.dates import days_from_today


class EvidenceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    control = django_filters.ModelChoiceFilter(
        field_name="controls", queryset=Control.objects.only("pk", "ref", "title")
    )
    asset = django_filters.ModelChoiceFilter(
        field_name="assets", queryset=Asset.objects.only("pk", "name"), label="Asset",
        widget=AssetSearchSelect,
    )
    source = django_filters.ChoiceFilter(choices=Evidence.Source.choices)
    review_status = django_filters.ChoiceFilter(choices=Evidence.Review.choices, label="Review")
    freshness = django_filters.ChoiceFilter(
        method="filter_freshness",
        label="Freshness",
        choices=[("current", "Current"), ("expiring", "Expiring in 30 days"), ("expired", "Expired")],
    )
    ordering = django_filters.OrderingFilter(
        fields=[
            ("title", "title"),
            ("effective_date", "effective"),
            ("valid_until", "valid_until"),
            ("created_at", "created"),
        ],
    )

    class Meta:
        model = Evidence
        fields = ["q", "control", "asset", "source", "review_status", "freshness"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_freshness(self, queryset, name, value):
        today, soon = days_from_today(0), days_from_today(30)
        if value == "expired":
            return queryset.filter(valid_until__lt=today)
        if value == "expiring":
            return queryset.filter(valid_until__gte=today, valid_until__lte=soon)
        return queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=soon))
