import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from assets.models import Asset


class AssetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    kind = django_filters.ChoiceFilter(choices=Asset.Kind.choices)
    owner = django_filters.ModelChoiceFilter(
        # EXISTS rather than DISTINCT over a join with every asset.
        queryset=get_user_model().objects.filter(Exists(Asset.objects.filter(owner=OuterRef("pk"))))
    )
    classification = django_filters.ChoiceFilter(choices=Asset.Classification.choices)
    holds_pii = django_filters.BooleanFilter(label="Personal data")
    status = django_filters.ChoiceFilter(choices=Asset.Status.choices)
    in_scope = django_filters.BooleanFilter(method="filter_in_scope", label="In scope")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("owner__username", "owner"),
                ("classification", "classification"), ("status", "status"),
                ("updated_at", "updated")),
        label="Sort by",
    )

    class Meta:
        model = Asset
        fields = ["q", "kind", "owner", "classification", "holds_pii", "status", "in_scope"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(description__icontains=value) | Q(base_model__icontains=value)
        )

    def filter_in_scope(self, queryset, name, value):
        """In (or not in) the latest approved scope version."""
        assets = Asset.objects.in_scope().values("pk")
        return queryset.filter(pk__in=assets) if value else queryset.exclude(pk__in=assets)
