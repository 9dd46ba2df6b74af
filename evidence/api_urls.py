from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from evidence import api

app_name = "api"

urlpatterns = [
    path("evidence/", api.EvidenceListCreate.as_view(), name="evidence-list"),
    path("soa/", api.SoAList.as_view(), name="soa-list"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script under our CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
