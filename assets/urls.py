from django.urls import path

from assets.views import assets, scope

app_name = "assets"

urlpatterns = [
    path("assets/", assets.AssetListView.as_view(), name="asset-list"),
    path("assets/import/", assets.AssetImportView.as_view(), name="asset-import"),
    path("assets/export.csv", assets.asset_export, name="asset-export"),
    path("assets/choices/", assets.asset_choices, name="asset-choices"),
    path("assets/ml-bom.json", assets.asset_mlbom, name="asset-mlbom"),
    path("assets/new/", assets.AssetCreateView.as_view(), name="asset-create"),
    path("assets/<int:pk>/", assets.AssetDetailView.as_view(), name="asset-detail"),
    path("assets/<int:pk>/edit/", assets.AssetUpdateView.as_view(), name="asset-edit"),
    path("scope/", scope.ScopeListView.as_view(), name="scope-list"),
    path("scope/new/", scope.scope_create, name="scope-create"),
    path("scope/diff/", scope.ScopeDiffView.as_view(), name="scope-diff"),
    path("scope/<int:pk>/", scope.ScopeDetailView.as_view(), name="scope-detail"),
    path("scope/<int:pk>/edit/", scope.ScopeUpdateView.as_view(), name="scope-edit"),
    path("scope/<int:pk>/approve/", scope.ScopeApproveView.as_view(), name="scope-approve"),
]
