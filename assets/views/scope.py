from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from assets.models import Scope
from assets.scope_diff import scope_diff
from assets.scope_forms import ExclusionFormSet, ScopeFilter, ScopeForm
from assets.services.scope import approve_scope, create_scope_draft, update_scope
from isms.access import can, visible
from isms.generic import (
    IsmsActionView,
    IsmsDetailView,
    IsmsListView,
    IsmsTemplateView,
    IsmsUpdateView,
    requires,
)

DETAIL_QUERYSET = Scope.objects.select_related("approved_by", "created_by").prefetch_related(
    "exclusions", "assets"
)


class ScopeListView(IsmsListView):
    model = Scope
    queryset = Scope.objects.select_related("approved_by", "created_by")
    filterset_class = ScopeFilter
    template_name = "assets/scope_list.html"
    partial_template_name = "assets/_scope_rows.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        may_draft = can(user, "add", Scope) and not Scope.objects.drafts().exists()
        return super().get_context_data(**kwargs, may_draft=may_draft)


class ScopeDetailView(IsmsDetailView):
    model = Scope
    queryset = DETAIL_QUERYSET
    template_name = "assets/scope_detail.html"

    def get_context_data(self, **kwargs):
        user, scope = self.request.user, self.object
        previous = Scope.objects.filter(version__lt=scope.version).order_by("-version").first()
        return super().get_context_data(
            **kwargs, previous=previous,
            may_edit=scope.is_draft and can(user, "change", scope),
            may_approve=scope.is_draft and can(user, "approve", scope),
        )


class ScopeUpdateView(IsmsUpdateView):
    model = Scope
    queryset = Scope.objects.drafts()  # approved versions are frozen: no edit page
    form_class = ScopeForm
    template_name = "assets/scope_form.html"
    service = update_scope
    success_message = "Scope draft saved."

    def get_formset(self):
        if not hasattr(self, "_formset"):
            data = self.request.POST if self.request.method == "POST" else None
            self._formset = ExclusionFormSet(data, instance=self.object, prefix="exclusions")
        return self._formset

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, formset=self.get_formset())

    def form_valid(self, form):
        if not self.get_formset().is_valid():
            return self.form_invalid(form)
        return super().form_valid(form)

    def service_kwargs(self, form) -> dict:
        rows = [f.cleaned_data for f in self.get_formset().forms if f.cleaned_data]
        exclusions = [r for r in rows if not r.get("DELETE") and r.get("what")]
        return {**super().service_kwargs(form), "exclusions": exclusions}


class ScopeApproveView(IsmsActionView):
    model = Scope
    permission_action = "approve"
    service = approve_scope
    success_message = "Scope approved: this version is now in force and frozen."


class ScopeDiffView(IsmsTemplateView):
    permission_model = Scope
    template_name = "assets/scope_diff.html"

    def _version(self, key: str, default):
        pk = self.request.GET.get(key)
        if not pk:
            return default
        scopes = visible(DETAIL_QUERYSET, self.request.user)
        try:
            return scopes.get(pk=int(pk))
        except (ValueError, Scope.DoesNotExist):
            raise Http404("No such scope version.") from None

    def get_context_data(self, **kwargs):
        latest = list(visible(DETAIL_QUERYSET, self.request.user).order_by("-version")[:2])
        b = self._version("b", latest[0] if latest else None)
        a = self._version("a", latest[1] if len(latest) > 1 else None)
        diff = scope_diff(a, b) if a and b else None
        versions = visible(Scope.objects.all(), self.request.user)
        return super().get_context_data(**kwargs, diff=diff, a=a, b=b, versions=versions)


@requires("add", Scope)
@require_POST
def scope_create(request):
    """Start a new draft (a copy of the scope in force) and open it for editing."""
    try:
        draft = create_scope_draft(acting_user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("assets:scope-list")
    messages.success(request, f"Draft v{draft.version} created from the approved scope.")
    return redirect("assets:scope-edit", pk=draft.pk)
