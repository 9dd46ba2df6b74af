from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from controls.models import SoAEntry
from isms import asset_csv, mlbom, search_select
from isms.access import can, visible
from isms.asset_filters import AssetFilter
from isms.asset_forms import AssetForm, AssetImportForm
from isms.asset_rows import asset_rows
from isms.generic import (
    CsvImportView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsUpdateView,
    requires,
)
from isms.models import Asset
from isms.services.assets import asset_create, asset_update, assets_import


class AssetFormMixin:
    model = Asset
    form_class = AssetForm
    template_name = "isms/asset_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class AssetListView(IsmsListView):
    model = Asset
    queryset = Asset.objects.all()
    rows = asset_rows
    filterset_class = AssetFilter
    template_name = "isms/asset_list.html"
    rows_template = "isms/_asset_rows.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, may_add=can(user, "add", Asset), may_import=can(user, "change", Asset)
        )


class AssetDetailView(IsmsDetailView):
    model = Asset
    queryset = Asset.objects.select_related("owner").prefetch_related(
        "assignees", "depends_on", "dependents", "training_datasets", "trained_models",
        "soa_entries__control",
    )
    template_name = "isms/asset_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            may_edit=can(user, "change", self.object),
            can_map_controls=can(user, "change", SoAEntry),
            asset_evidence=visible(self.object.evidence.order_by("-effective_date"), user),
        )


class AssetCreateView(AssetFormMixin, IsmsCreateView):
    service = asset_create
    success_message = "Asset added."


class AssetUpdateView(AssetFormMixin, IsmsUpdateView):
    service = asset_update
    success_message = "Asset saved."


class AssetImportView(CsvImportView):
    permission_action = "change"  # officers: imports may give assets to any owner
    permission_model = Asset
    form_class = AssetImportForm
    template_name = "isms/asset_import.html"
    success_url = reverse_lazy("asset-list")
    success_message = "Assets imported."
    extra_context = {"columns": asset_csv.COLUMNS}
    parser, parse_error, max_bytes = asset_csv.parse, asset_csv.AssetCsvError, asset_csv.MAX_BYTES
    service = assets_import


@requires("view", Asset)
@require_GET
def asset_export(request):
    """The assets of the list page, with its filters, as CSV."""
    assets = AssetFilter(request.GET, queryset=visible(Asset.objects.for_export(), request.user)).qs
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assets.csv"'
    asset_csv.export(assets, response)
    return response


@requires("view", Asset)
@require_GET
def asset_mlbom(request):
    """The whole visible inventory as a CycloneDX 1.6 ML-BOM."""
    bom = mlbom.build(visible(Asset.objects.for_export(), request.user))
    response = JsonResponse(bom, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="ml-bom.cdx.json"'
    return response


@requires("view", Asset)
@require_GET
def asset_choices(request):
    """<option>s for the asset search-select (isms.search_select): ?q=text&scope=view&field=name,
    the selected ids under `field` (default "selected"); only assets the user may see."""
    query = request.GET.get("q", "").strip()
    scope = request.GET.get("scope", "view")
    if len(query) > search_select.MAX_QUERY or "\x00" in query:  # PostgreSQL refuses NUL
        return HttpResponseBadRequest(f"The search text may be at most {search_select.MAX_QUERY} characters.")
    if scope not in search_select.SCOPES:
        return HttpResponseBadRequest("Unknown scope.")
    selected = request.GET.getlist(request.GET.get("field", "selected"))
    if len(selected) > search_select.MAX_SELECTED:
        return HttpResponseBadRequest(f"At most {search_select.MAX_SELECTED} selected assets.")
    empty = request.GET.get("empty")
    html = search_select.asset_options(
        request.user, query=query, scope=scope, selected=selected,
        empty_label=None if empty is None else empty[:100],
    )
    return HttpResponse(html)
