"""A form page about one row (record a measurement of this objective, a new version of this
policy): the row is looked up among those the user may see, then the action is checked."""

from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from isms.access import can
from isms.generic import ObjectPermissionMixin, ServiceFormMixin


class ObjectFormView(ObjectPermissionMixin, ServiceFormMixin, SingleObjectMixin, FormView):
    """`permission_action` is checked on the row itself, or on `permission_model` when that is
    set (adding a child row needs the child's model permission, not a right on the parent)."""

    object_kwarg = "object"

    def has_permission(self) -> bool:
        if self.permission_model is not None:
            return can(self.request.user, self.permission_action, self.permission_model)
        return super().has_permission()

    def get_object(self, queryset=None):
        if self.permission_model is None:
            return super().get_object(queryset)
        obj = SingleObjectMixin.get_object(self, queryset)  # among the visible rows
        if not can(self.request.user, self.permission_action, self.permission_model):
            raise PermissionDenied
        return obj

    def get(self, request, *args, **kwargs):
        self.target = self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        # self.object becomes the service's result on success; the page's row stays in target.
        self.target = self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def service_kwargs(self, form) -> dict:
        return {self.object_kwarg: self.target, **form.cleaned_data}

    def get_success_url(self) -> str:
        return self.target.get_absolute_url()
