"""The few base views every page is built on. Each one asks isms.access before doing anything:
a concrete view only declares its model, its action and its template (and a service to call).

- Anonymous users are sent to the log-in page; signed-in users without the right get 403.
- Object views look the object up in the rows the user may see (invisible means 404), then
  check the action on that row (so guardian grants count).
- Writes go through a service called with acting_user; a ValidationError from the service is
  shown on the form, nothing is saved.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.views.generic import CreateView, DetailView, FormView, TemplateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from isms.access import can, visible
from isms.related import related_sections


class PermissionMixin:
    """Declares `permission_action` and the model it applies to (`permission_model`, else
    `model`; None means any signed-in user with a role)."""

    permission_action: str | None = None
    permission_model: type[models.Model] | None = None

    def permission_target(self):
        return self.permission_model or getattr(self, "model", None)

    def has_permission(self) -> bool:
        return can(self.request.user, self.permission_action, self.permission_target())

    def dispatch(self, request, *args, **kwargs):
        if self.permission_action is None:
            raise ImproperlyConfigured(f"{type(self).__name__} declares no permission_action.")
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.has_permission():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ObjectPermissionMixin(PermissionMixin):
    """For views of one row: the role is checked first, then the action on the row itself."""

    def has_permission(self) -> bool:
        return can(self.request.user, self.permission_action, None)

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user, "view")

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not can(self.request.user, self.permission_action, obj):
            raise PermissionDenied
        return obj


class HtmxPartialMixin:
    """Answers htmx requests with the partial template (named with a leading underscore), the
    part of the page that the page itself includes."""

    partial_template_name: str | None = None

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.partial_template_name:
            return [self.partial_template_name]
        return super().get_template_names()


class IsmsTemplateView(PermissionMixin, TemplateView):
    permission_action = "view"


class IsmsListView(PermissionMixin, HtmxPartialMixin, FilterView):
    """Filterable (django-filter), sortable (an OrderingFilter in the FilterSet) and paginated."""

    permission_action = "view"
    paginate_by = 50
    page_sizes = (25, 50, 100)  # ?per_page= may pick one of these; anything else is ignored

    def get_queryset(self):
        return visible(super().get_queryset(), self.request.user, "view")

    def get_paginate_by(self, queryset):
        size = self.request.GET.get("per_page", "")
        return int(size) if size.isdigit() and int(size) in self.page_sizes else self.paginate_by

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx["querystring"] = query.urlencode()
        return ctx


class IsmsDetailView(ObjectPermissionMixin, DetailView):
    """One record, with the sections other apps add to its page (isms.related)."""

    permission_action = "view"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, related_sections=related_sections(self.object, self.request.user)
        )


class ServiceFormMixin:
    """Saves through the view's service instead of form.save():
    `service(target, acting_user=..., **form.cleaned_data)`, where the target is the record the
    form is about (`service_target()`: the object edited, the parent of a row added under it) and
    is left out when there is none (a new top-level record)."""

    service: Callable | None = None
    success_message = ""

    def service_target(self) -> models.Model | None:
        return None

    def service_kwargs(self, form) -> dict:
        return dict(form.cleaned_data)

    def perform(self, form):
        target = self.service_target()
        args = () if target is None else (target,)
        return type(self).service(*args, acting_user=self.request.user, **self.service_kwargs(form))

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.perform(form)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class IsmsCreateView(PermissionMixin, ServiceFormMixin, CreateView):
    permission_action = "add"


class IsmsUpdateView(ObjectPermissionMixin, ServiceFormMixin, HtmxPartialMixin, UpdateView):
    permission_action = "change"

    def service_target(self) -> models.Model:
        return self.object


class IsmsObjectFormView(ObjectPermissionMixin, ServiceFormMixin, SingleObjectMixin, FormView):
    """A form about one record that is not its edit form (a new version of this policy, a
    review of this evidence, the controls of this asset): the record is looked up among those
    the user may see, then `permission_action` is checked on it, or on `permission_model` when
    that is set (adding a child row needs the child's model permission, not a right on the
    parent). The record is the service's target; the page goes back to it."""

    permission_action = "change"

    def has_permission(self) -> bool:
        if self.permission_model is not None:
            return can(self.request.user, self.permission_action, self.permission_model)
        return super().has_permission()

    def get_object(self, queryset=None):
        if self.permission_model is None:
            return super().get_object(queryset)
        return SingleObjectMixin.get_object(self, queryset)  # among the visible rows

    def get(self, request, *args, **kwargs):
        self.target = self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # self.object becomes the service's result on success; the page's record stays in target.
        self.target = self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, target=self.target)

    def service_target(self) -> models.Model:
        return self.target

    def get_success_url(self) -> str:
        return self.target.get_absolute_url()


class IsmsActionView(ObjectPermissionMixin, SingleObjectMixin, View):
    """A POST-only button on one row (approve, accept, run now): calls exactly one service."""

    http_method_names = ["post"]
    service: Callable | None = None
    success_message = ""

    def service_kwargs(self) -> dict:
        return {}

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            with transaction.atomic():
                type(self).service(self.object, acting_user=request.user, **self.service_kwargs())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def requires(action: str, model: type[models.Model] | None = None):
    """The same check for function views: @requires("view", Asset)."""

    def decorator(view_func):
        @functools.wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can(request.user, action, model):
                raise PermissionDenied
            return view_func(request, *args, **kwargs)

        wrapper.permission_action = action
        return wrapper

    return decorator


class CsvImportView(PermissionMixin, ServiceFormMixin, FormView):
    """Upload a CSV file: `parser(bytes)` turns it into rows or raises `parse_error` (with its
    row-by-row `.errors`), then `service(acting_user=..., rows=...)` imports all or nothing."""

    parser: Callable | None = None
    parse_error: type[Exception] = Exception
    max_bytes = 5 * 1024 * 1024

    def perform(self, form):
        upload = form.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise ValidationError([f"The file is larger than {self.max_bytes // (1024 * 1024)} MB."])
        try:
            rows = type(self).parser(upload.read())
        except self.parse_error as error:
            raise ValidationError(error.errors) from None
        return type(self).service(acting_user=self.request.user, rows=rows)
