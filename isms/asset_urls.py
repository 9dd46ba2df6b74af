from django.urls import path

from isms import asset_views as views

urlpatterns = [
    path("", views.AssetListView.as_view(), name="asset-list"),
    path("import/", views.AssetImportView.as_view(), name="asset-import"),
    path("export.csv", views.asset_export, name="asset-export"),
    path("choices/", views.asset_choices, name="asset-choices"),
    path("ml-bom.json", views.asset_mlbom, name="asset-mlbom"),
    path("new/", views.AssetCreateView.as_view(), name="asset-create"),
    path("<int:pk>/", views.AssetDetailView.as_view(), name="asset-detail"),
    path("<int:pk>/edit/", views.AssetUpdateView.as_view(), name="asset-edit"),
]
