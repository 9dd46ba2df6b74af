"""The base of the lists' filter sets: django-filter's FilterSet, set up for a request at a
fraction of its cost (issue #11).

On every request django-filter deep-copies each filter (the querysets of the model choices
with their SQL trees), builds new form fields from the copies and a new form class from the
fields, which the form then deep-copies once more: about 1.4 ms of every list page, more than
its table's query. Here

- each filter is copied one level deep: what a request sets on a filter (its model, its filter
  set, the form field it builds, its bound `method`) is the copy's own, and the arguments its
  form field is built from are shared, only read;
- the form class is built once per filter set class: its fields are built from those
  arguments alone.

A filter set whose choices depend on the request (a callable queryset) keeps django-filter's
way. tests/bench/test_fast_paths.py checks both ways give the same forms and querysets.

`kept_choices` names model choice filters whose option lists are read once per head of the
audit trail (isms.trail_memo.keep_choices) instead of once per request: their models must be
audited, which tests/isms/test_trail_memo.py checks for every filter set."""

import copy

import django_filters
from django.http import QueryDict

from isms.trail_memo import keep_choices, trail_head

_form_classes: dict[type, type] = {}


class ListFilterSet(django_filters.FilterSet):
    copy_filters_shallowly = True  # False: django-filter's own way (the tests compare them)
    kept_choices: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        self._set_up(data, queryset, request=request, prefix=prefix)
        if self.kept_choices:
            keep_choices(self.form, self.kept_choices, trail_head(request))

    def _set_up(self, data, queryset, *, request, prefix):
        if not self._fast():
            super().__init__(data, queryset, request=request, prefix=prefix)
            return
        # django_filters.filterset.BaseFilterSet.__init__, with _copy() for its deepcopy.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = queryset.model
            filter_.parent = self
            if filter_.method is not None:  # rebinds its FilterMethod to this copy
                filter_.method = filter_.method

    @classmethod
    def _fast(cls) -> bool:
        """True unless a filter's choices depend on the request (a callable queryset)."""
        return cls.copy_filters_shallowly and not any(
            callable(getattr(filter_, "queryset", None)) for filter_ in cls.base_filters.values()
        )

    def get_form_class(self):
        if not self._fast():
            return super().get_form_class()
        form_class = _form_classes.get(type(self))
        if form_class is None:
            form_class = _form_classes[type(self)] = super().get_form_class()
        return form_class


def _copy(filter_):
    copied = copy.copy(filter_)
    copied.extra = dict(filter_.extra)  # a model choice's field writes its queryset back here
    copied.__dict__.pop("_field", None)
    return copied
