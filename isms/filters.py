import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from isms.models import AuditEntry
from isms.roles import DOMAIN_APPS


class AuditEntryFilter(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.order_by("username"), label="User"
    )
    content_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(app_label__in=DOMAIN_APPS).order_by("model"),
        label="Record type",
    )
    object = django_filters.CharFilter(method="filter_object", label="Object (id or name)")
    action = django_filters.ChoiceFilter(choices=AuditEntry.Action.choices)
    since = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__gte", label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="timestamp", lookup_expr="date__lte", label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEntry
        fields = ["actor", "content_type", "object", "action", "since", "until"]

    def filter_object(self, queryset, name, value):
        if value.isdigit():
            return queryset.filter(object_pk=value)
        return queryset.filter(object_repr__icontains=value)
