from django.urls import path

from controls import views

app_name = "controls"

urlpatterns = [
    path("soa/", views.SoAListView.as_view(), name="soa-list"),
    path("soa/export/", views.soa_export_view, name="soa-export"),
    path("soa/<int:pk>/", views.SoARowView.as_view(), name="soa-row"),
    path("soa/<int:pk>/edit/", views.SoAEditView.as_view(), name="soa-edit"),
    path("<int:pk>/", views.ControlDetailView.as_view(), name="control-detail"),
    path("assets/<int:pk>/controls/", views.AssetControlsEditView.as_view(), name="asset-controls-edit"),
]
