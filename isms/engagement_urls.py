from django.urls import path

from isms import engagement_views as views

urlpatterns = [
    path("", views.EngagementListView.as_view(), name="engagement-list"),
    path("new/", views.EngagementCreateView.as_view(), name="engagement-create"),
    path("<int:pk>/", views.EngagementDetailView.as_view(), name="engagement-detail"),
    path("<int:pk>/edit/", views.EngagementUpdateView.as_view(), name="engagement-edit"),
    path("<int:pk>/invite/", views.EngagementInviteView.as_view(), name="engagement-invite"),
    path("<int:pk>/end/", views.EngagementEndView.as_view(), name="engagement-end"),
    path("<int:pk>/auditors/<int:user_pk>/reset-two-factor/", views.EngagementAuditorMfaResetView.as_view(),
         name="engagement-auditor-mfa-reset"),
    path("<int:pk>/access-log/", views.EngagementAccessListView.as_view(), name="engagement-access"),
    path("<int:pk>/access-log.csv", views.engagement_access_export, name="engagement-access-export"),
]
