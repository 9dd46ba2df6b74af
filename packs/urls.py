from django.urls import path

from packs import views

app_name = "packs"

urlpatterns = [
    path("", views.PackListView.as_view(), name="pack-list"),
    path("new/", views.PackRequestView.as_view(), name="pack-create"),
    path("<int:pk>/", views.PackDetailView.as_view(), name="pack-detail"),
    path("<int:pk>/audit-pack.pdf", views.pack_download, {"kind": "pdf"}, name="pack-pdf"),
    path("<int:pk>/audit-pack.zip", views.pack_download, {"kind": "zip"}, name="pack-zip"),
]
