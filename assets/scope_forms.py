import django_filters
from django import forms

from assets.models import Asset, Scope, ScopeExclusion


class ScopeForm(forms.ModelForm):
    class Meta:
        model = Scope
        fields = ["statement", "organisational_boundaries", "technical_boundaries",
                  "interfaces_and_dependencies", "assets"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "class": "form-control"})
            for name in ("statement", "organisational_boundaries", "technical_boundaries",
                         "interfaces_and_dependencies")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        assets = self.fields["assets"]
        assets.queryset = Asset.objects.exclude(status=Asset.Status.RETIRED).order_by("name")
        assets.widget.attrs.update({"class": "form-select", "size": 12})


ExclusionFormSet = forms.inlineformset_factory(
    Scope, ScopeExclusion, fields=["what", "justification"], extra=2, can_delete=True,
    widgets={
        "what": forms.TextInput(attrs={"class": "form-control"}),
        "justification": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    },
)


class ScopeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Scope.Status.choices)
    ordering = django_filters.OrderingFilter(
        fields=(("version", "version"), ("approved_at", "approved")), label="Sort by"
    )

    class Meta:
        model = Scope
        fields = ["status"]
