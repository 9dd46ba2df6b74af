from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from assets.models import Asset
from controls import export, services
from controls.filters import SoAEntryFilter
from controls.forms import AssetControlsForm, SoAEntryForm
from controls.models import Control, SoAEntry
from controls.progress import progress_by_theme, progress_of_rows
from controls.soa_rows import soa_row, soa_table_rows
from isms.access import can, visible
from isms.generic import (
    IsmsDetailView,
    IsmsListView,
    IsmsObjectFormView,
    IsmsUpdateView,
    requires,
)
from isms.trail_memo import trail_head


class CanEditSoAMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, can_edit=can(self.request.user, "change", SoAEntry))


class SoAListView(CanEditSoAMixin, IsmsListView):
    model = SoAEntry
    queryset = SoAEntry.objects.in_catalogue_order()
    rows = soa_table_rows
    filterset_class = SoAEntryFilter
    paginate_by = 100  # the whole Annex A (93 controls) on one page, as auditors read it
    template_name = "controls/soa_list.html"
    rows_template = "controls/_soa_rows.html"

    def page_rows(self, page):
        return soa_table_rows(page, trail_head(self.request))  # the head its filter read

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self._shows_every_entry(ctx["page_obj"]):
            ctx["progress"] = progress_of_rows(ctx["object_list"])
        else:  # the chart is of the whole SoA, whatever the filters
            ctx["progress"] = progress_by_theme(visible(SoAEntry.objects.all(), self.request.user))
        return ctx

    def _shows_every_entry(self, page) -> bool:
        if page.has_other_pages():
            return False
        if not self.filterset.is_bound:  # no query string at all
            return True
        if not self.filterset.is_valid():
            return False
        return not any(value for name, value in self.filterset.form.cleaned_data.items() if name != "o")


class SoARowView(CanEditSoAMixin, IsmsDetailView):
    model = SoAEntry
    queryset = SoAEntry.objects.all()
    template_name = "includes/rows.html"  # the row's Jinja2 partial (isms.generic.HtmxPartialMixin)
    context_object_name = "entry"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, rows_template="controls/_soa_trs.html", object_list=[soa_row(self.object.pk)],
            grouped=False,
        )


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
            row = soa_row(self.object.pk)
            return render(self.request, "includes/rows.html",
                          {"rows_template": "controls/_soa_trs.html", "object_list": [row],
                           "grouped": False, "can_edit": True})
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
