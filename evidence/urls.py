from django.urls import path

from evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.EvidenceListView.as_view(), name="evidence-list"),
    path("new/", views.EvidenceCreateView.as_view(), name="evidence-create"),
    path("<int:pk>/", views.EvidenceDetailView.as_view(), name="evidence-detail"),
    path("<int:pk>/versions/", views.EvidenceVersionAddView.as_view(), name="evidence-version-add"),
    path("<int:pk>/review/", views.EvidenceReviewView.as_view(), name="evidence-review"),
    path("files/<int:pk>/", views.file_download, name="file-download"),
    path("tokens/", views.TokenListView.as_view(), name="token-list"),
    path("tokens/new/", views.TokenCreateView.as_view(), name="token-create"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
