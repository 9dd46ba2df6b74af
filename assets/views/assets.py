from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from assets import csv_import, mlbom, search_select
from assets.filters import AssetFilter
from assets.forms import AssetForm, AssetImportForm
from assets.models import Asset
from assets.services.assets import create_asset, import_assets, update_asset
from isms.access import can, visible
from isms.generic import (
    CsvImportView,
    IsmsCreateView,
    IsmsDetailView,
    IsmsListView,
    IsmsUpdateView,
    requires,
)


class AssetFormMixin:
    model = Asset
    form_class = AssetForm
    template_name = "assets/asset_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class AssetListView(IsmsListView):
    model = Asset
    queryset = Asset.objects.select_related("owner")
    filterset_class = AssetFilter
    template_name = "assets/asset_list.html"
    partial_template_name = "assets/_asset_rows.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs, may_add=can(user, "add", Asset), may_import=can(user, "change", Asset)
        )


class AssetDetailView(IsmsDetailView):
    model = Asset
    queryset = Asset.objects.select_related("owner").prefetch_related(
        "assignees", "depends_on", "dependents", "training_datasets", "trained_models",
    )
    template_name = "assets/asset_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(**kwargs, may_edit=can(user, "change", self.object))


class AssetCreateView(AssetFormMixin, IsmsCreateView):
    service = create_asset
    success_message = "Asset added."


class AssetUpdateView(AssetFormMixin, IsmsUpdateView):
    service = update_asset
    success_message = "Asset saved."


class AssetImportView(CsvImportView):
    permission_action = "change"  # officers: imports may give assets to any owner
    permission_model = Asset
    form_class = AssetImportForm
    template_name = "assets/asset_import.html"
    success_url = reverse_lazy("assets:asset-list")
    success_message = "Assets imported."
    extra_context = {"columns": csv_import.COLUMNS}
    parser, parse_error, max_bytes = csv_import.parse, csv_import.AssetCsvError, csv_import.MAX_BYTES
    service = import_assets


@requires("view", Asset)
@require_GET
def asset_export(request):
    """The assets of the list page, with its filters, as CSV."""
    assets = AssetFilter(request.GET, queryset=visible(Asset.objects.for_export(), request.user)).qs
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="assets.csv"'
    csv_import.export(assets, response)
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
    """<option>s for the asset search-select (assets.search_select): ?q=text&scope=view&field=name,
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
    options = search_select.asset_options(
        request.user, query=query, scope=scope, selected=selected,
        empty_label=None if empty is None else empty[:100],
    )
    return render(request, "assets/_asset_options.html", options)
