from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from assets.models import Asset
from controls import export, services
from controls.counts import VALID_EVIDENCE, control_counts
from controls.filters import SoAEntryFilter
from controls.forms import AssetControlsForm, SoAEntryForm
from controls.models import Control, SoAEntry
from controls.progress import progress_by_theme
from isms.access import can, visible
from isms.generic import (
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsUpdateView,
    requires,
)


class CanEditSoAMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, can_edit=can(self.request.user, "change", SoAEntry))


def with_valid_evidence(entries) -> list[SoAEntry]:
    """The entries, each with `valid_evidence`: how many valid evidence items its control has."""
    entries = list(entries)
    counts = control_counts(VALID_EVIDENCE, [entry.control_id for entry in entries])
    for entry in entries:
        entry.valid_evidence = counts.get(entry.control_id, 0)
    return entries


class SoAListView(CanEditSoAMixin, IsmsListView):
    model = SoAEntry
    queryset = SoAEntry.objects.for_listing().in_catalogue_order()
    filterset_class = SoAEntryFilter
    paginate_by = 100  # the whole Annex A (93 controls) on one page, as auditors read it
    template_name = "controls/soa_list.html"
    partial_template_name = "controls/_soa_rows.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page, user = ctx["object_list"], self.request.user
        # Lazy: read only when the rows' or the chart's kept fragment is not there.
        ctx.update(
            object_list=SimpleLazyObject(lambda: with_valid_evidence(page)),
            grouped=not self.request.GET.get("o"),
            # The chart is of the whole SoA, whatever the filters.
            progress=SimpleLazyObject(lambda: progress_by_theme(visible(SoAEntry.objects.all(), user))),
        )
        return ctx


class SoARowView(CanEditSoAMixin, IsmsDetailView):
    """One row of the SoA table (the htmx refresh after a view or an edit)."""

    model = SoAEntry
    queryset = SoAEntry.objects.for_listing()
    template_name = "controls/_soa_trs.html"
    context_object_name = "entry"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, object_list=with_valid_evidence([self.object]))


class SoAEditView(IsmsUpdateView):
    model = SoAEntry
    queryset = SoAEntry.objects.for_listing()
    form_class = SoAEntryForm
    service = services.update_soa_entry
    template_name = "controls/soaentry_form.html"
    partial_template_name = "controls/_soa_row_form.html"
    context_object_name = "entry"

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.htmx and isinstance(response, HttpResponseRedirect):
            entry = SoAEntry.objects.for_listing().get(pk=self.object.pk)
            return render(self.request, "controls/_soa_trs.html",
                          {"object_list": with_valid_evidence([entry]), "can_edit": True})
        return response

    def get_success_url(self) -> str:
        return reverse("controls:soa-list")


class ControlDetailView(CanEditSoAMixin, IsmsDetailView):
    model = Control
    queryset = Control.objects.select_related("framework", "soa_entry__owner").prefetch_related(
        "soa_entry__assignees", "soa_entry__assets"
    )
    template_name = "controls/control_detail.html"


class AssetControlsEditView(IsmsObjectFormView):
    """Which controls an asset is mapped to, set from the asset's side (officers only)."""

    model = Asset
    permission_model = SoAEntry
    form_class = AssetControlsForm
    service = services.set_asset_controls
    success_message = "Control mapping saved."
    template_name = "controls/asset_controls_form.html"

    def get_initial(self):
        return {"controls": Control.objects.filter(soa_entry__assets=self.target)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, asset=self.target)

    def get_success_url(self) -> str:
        return reverse("controls:asset-controls-edit", args=[self.target.pk])


@requires("view", SoAEntry)
@require_GET
def soa_export_view(request):
    fmt = request.GET.get("format", "csv")
    if fmt not in export.FORMATS:
        return HttpResponseBadRequest("format must be csv or xlsx")
    content = export.soa_export(visible(SoAEntry.objects.all(), request.user), fmt)
    response = HttpResponse(content, content_type=export.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="statement-of-applicability.{fmt}"'
    return response
