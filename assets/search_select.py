"""Search-select for assets: a search box and a native <select> that holds only the chosen
assets until someone types, then up to PAGE matches fetched from `asset-choices` (htmx).

A <select> of every asset costs a query of the whole inventory and 1,000 escaped <option>s
on each page with an asset filter or an asset multi-select; this one renders the selected
values only. The form field's queryset still validates what is submitted: the endpoint
only offers choices, so it never widens what a form accepts.

The search box belongs to no form (its `form` attribute names an id that never exists), so
neither a native submission nor htmx's FormData of the filter form carries its value."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from urllib.parse import urlencode

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.safestring import mark_safe

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


def _option(key, label, *, selected: bool = False, disabled: bool = False) -> str:
    flags = (" selected" if selected else "") + (" disabled" if disabled else "")
    return f'<option value="{escape(str(key))}"{flags}>{escape(str(label))}</option>'


def asset_options(user, *, query: str, selected: Iterable, scope: str = "view",
                  empty_label: str | None = None) -> str:
    """<option>s for a search: the empty one (optional single selects), the selected assets
    (still selected), then the first PAGE matches by name and "N more" when there are more."""
    rows = SCOPES[scope](user)
    ids = valid_ids(selected)
    chosen = Asset.choice_labels(rows.filter(pk__in=ids)) if ids else []
    matches = rows.exclude(pk__in=[pk for pk, _ in chosen]).order_by("name")
    if query:
        matches = matches.filter(name__icontains=query)
    page = Asset.choice_labels(matches[: PAGE + 1])
    html = [] if empty_label is None else [_option("", empty_label, selected=not chosen)]
    html += [_option(pk, label, selected=True) for pk, label in chosen]
    html += [_option(pk, label) for pk, label in page[:PAGE]]
    if len(page) > PAGE:
        html.append(_option("", f"{matches.count() - PAGE} more: refine the search", disabled=True))
    return "".join(html)


class SearchSelectMixin:
    """render() for a model choice field of assets: the search box, then a <select> holding
    the empty choice (optional single selects) and the selected assets only."""

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

    def _selected(self, value) -> list[tuple]:
        ids = valid_ids(value)
        field = self._field()
        if not ids or field is None:  # nothing chosen: no query at all
            return []
        return Asset.choice_labels(field.queryset.filter(pk__in=ids))

    def _empty_label(self) -> str | None:
        field = self._field()
        return None if self.allow_multiple_selected or field is None else field.empty_label

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs.setdefault("id", f"id_{name}")
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = self._selected(self.format_value(value))
        empty = self._empty_label()
        options = "" if empty is None else _option("", empty, selected=not chosen)
        options += "".join(_option(pk, label, selected=True) for pk, label in chosen)
        params = {"field": name, "scope": self.scope}
        if empty is not None:
            params["empty"] = empty
        target = f"#{final_attrs['id']}"
        search = {
            "type": "search", "name": "q", "form": NO_FORM, "autocomplete": "off",
            "class": "form-control form-control-sm mb-1", "aria-label": "Search assets",
            "placeholder": "Type to search assets…", "data-search-only": True,
            "hx-get": f"{reverse('assets:asset-choices')}?{urlencode(params)}",
            "hx-trigger": "input changed delay:250ms, search", "hx-target": target,
            "hx-include": target, "hx-swap": "innerHTML",
            # A filter form's hx-push-url and hx-select would otherwise be inherited.
            "hx-push-url": "false", "hx-select": "unset",
        }
        return mark_safe(  # noqa: S308 - every key and label escaped above
            f'<div class="search-select"><input{flatatt(search)}>'
            f'<select name="{escape(name)}"{flatatt(final_attrs)}>{options}</select></div>'
        )


class AssetSearchSelect(SearchSelectMixin, forms.Select):
    pass


class AssetSearchSelectMultiple(SearchSelectMixin, forms.SelectMultiple):
    pass
