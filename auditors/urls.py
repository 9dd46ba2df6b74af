from django.urls import path

from auditors import views

app_name = "auditors"

urlpatterns = [
    path("engagements/", views.EngagementListView.as_view(), name="engagement-list"),
    path("engagements/new/", views.EngagementCreateView.as_view(), name="engagement-create"),
    path("engagements/<int:pk>/", views.EngagementDetailView.as_view(), name="engagement-detail"),
    path("engagements/<int:pk>/edit/", views.EngagementUpdateView.as_view(), name="engagement-edit"),
    path("engagements/<int:pk>/invite/", views.EngagementInviteView.as_view(), name="engagement-invite"),
    path("engagements/<int:pk>/end/", views.EngagementEndView.as_view(), name="engagement-end"),
    path("engagements/<int:pk>/auditors/<int:user_pk>/reset-two-factor/",
         views.EngagementAuditorMfaResetView.as_view(), name="engagement-auditor-mfa-reset"),
    path("engagements/<int:pk>/access-log/", views.EngagementAccessListView.as_view(),
         name="engagement-access"),
    path("engagements/<int:pk>/access-log.csv", views.engagement_access_export,
         name="engagement-access-export"),
]
