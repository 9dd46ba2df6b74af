"""Search-select for assets: a search box and a native <select> that holds only the chosen
assets until someone types, then up to PAGE matches fetched from `asset-choices` (htmx).

An inventory of thousands of assets is no pick list: the <select> holds the chosen assets,
and the search offers matches by name, as Django admin's autocomplete does. The form field's
queryset still validates what is submitted: the endpoint only offers choices, so it never
widens what a form accepts.

The search box belongs to no form (its `form` attribute names an id that never exists), so
neither a native submission nor htmx's FormData of the filter form carries its value."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django import forms
from django.forms.models import ModelChoiceIterator
from django.urls import reverse

from assets.models import Asset
from isms.access import visible

PAGE = 50  # matches per answer; more asks the person to refine the search
MAX_QUERY = 100  # characters of search text (asset names are at most 200)
# Selected ids a search may send back (a URL of ~10 kB); more is refused, never cut short,
# since the answer replaces the select's options and a dropped id would be unselected.
MAX_SELECTED = 500
MAX_ID = 2**63 - 1  # bigger ids would be a database error, not "no such asset"
NO_FORM = "search-only-no-form"  # the id of no element: keeps the search box out of every form

# The rows a search may offer, by name: the widget names one so that the choices match the
# form field's queryset (a form for assets the user may change offers only those).
SCOPES: dict[str, Callable] = {
    "view": lambda user: visible(Asset.objects.all(), user, "view"),
    "change": lambda user: visible(Asset.objects.all(), user, "change"),
    "in_service": lambda user: visible(Asset.objects.exclude(status=Asset.Status.RETIRED), user),
}


def valid_ids(values: Iterable) -> list[int]:
    """The values that can be asset ids; anything else is dropped (never a database error)."""
    ids = []
    for value in values:
        text = str(value).strip()
        if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID:
            ids.append(int(text))
    return ids


def _labels(queryset) -> list[tuple[int, str]]:
    return list(queryset.values_list("pk", "name"))  # str(asset) is its name


def asset_options(user, *, query: str, selected: Iterable, scope: str = "view",
                  empty_label: str | None = None) -> dict:
    """The options of a search (assets/_asset_options.html): the empty one (optional single
    selects), the selected assets (still selected), then the first PAGE matches by name and
    how many more there are."""
    rows = SCOPES[scope](user)
    ids = valid_ids(selected)
    chosen = _labels(rows.filter(pk__in=ids)) if ids else []
    matches = rows.exclude(pk__in=[pk for pk, _ in chosen]).order_by("name")
    if query:
        matches = matches.filter(name__icontains=query)
    page = _labels(matches[: PAGE + 1])
    return {"empty_label": empty_label, "chosen": chosen, "matches": page[:PAGE],
            "more": matches.count() - PAGE if len(page) > PAGE else 0}


class SearchSelectMixin:
    """A model choice widget for assets whose <select> holds the empty choice (optional single
    selects) and the selected assets only, after a search box
    (templates/widgets/asset_search_select.html)."""

    template_name = "widgets/asset_search_select.html"
    scope = "view"

    def __init__(self, attrs=None, scope: str = "view"):
        if scope not in SCOPES:
            raise ValueError(f"Unknown asset search scope {scope!r}")
        super().__init__(attrs)
        self.scope = scope

    def use_required_attribute(self, initial) -> bool:
        # Select's own answer iterates the choices: a query of every asset.
        return not self.is_hidden

    def _field(self):
        return self.choices.field if isinstance(self.choices, ModelChoiceIterator) else None

    def _empty_label(self) -> str | None:
        field = self._field()
        return None if self.allow_multiple_selected or field is None else field.empty_label

    def optgroups(self, name, value, attrs=None):
        """Django's option groups, of the empty choice and the chosen assets only."""
        ids, field = valid_ids(value), self._field()
        chosen = _labels(field.queryset.filter(pk__in=ids)) if ids and field is not None else []
        empty = self._empty_label()
        options = [] if empty is None else [("", empty, not chosen)]
        options += [(pk, label, True) for pk, label in chosen]
        return [(None, [self.create_option(name, key, label, selected, index, attrs=attrs)], index)
                for index, (key, label, selected) in enumerate(options)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].setdefault("id", f"id_{name}")
        params = {"field": name, "scope": self.scope}
        if self._empty_label() is not None:
            params["empty"] = self._empty_label()
        context["search"] = {
            "url": f"{reverse('assets:asset-choices')}?{urlencode(params)}",
            "target": f"#{widget_id}", "no_form": NO_FORM,
        }
        return context


class AssetSearchSelect(SearchSelectMixin, forms.Select):
    pass


class AssetSearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    pass
