from django.urls import path

from isms import scope_views as views

urlpatterns = [
    path("", views.ScopeListView.as_view(), name="scope-list"),
    path("new/", views.scope_create, name="scope-create"),
    path("diff/", views.ScopeDiffView.as_view(), name="scope-diff"),
    path("<int:pk>/", views.ScopeDetailView.as_view(), name="scope-detail"),
    path("<int:pk>/edit/", views.ScopeUpdateView.as_view(), name="scope-edit"),
    path("<int:pk>/approve/", views.ScopeApproveView.as_view(), name="scope-approve"),
]
