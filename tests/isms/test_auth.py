import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.conftest import client_for

PASSWORD = "correct-horse-battery-staple"


def _login(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


@pytest.mark.django_db
def test_auditor_can_sign_in_during_their_engagement(client, auditor):
    response = _login(client, "ada")
    assert response.status_code == 302 and response.url == reverse("dashboard")


@pytest.mark.django_db
def test_auditor_cannot_sign_in_after_their_engagement(client, auditor_ended):
    response = _login(client, "old-auditor")
    assert response.status_code == 200
    assert "engagement is not active" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_auditor_cannot_sign_in_before_their_engagement_starts(client):
    user = factories.UserFactory(username="early", role="auditor")
    start = timezone.localdate() + datetime.timedelta(days=3)
    factories.AuditEngagementFactory(
        auditors=[user], start_date=start, end_date=start + datetime.timedelta(days=10)
    )
    assert _login(client, "early").status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_auditor_is_signed_out_when_the_engagement_ends_mid_session(auditor):
    client = client_for(auditor)
    assert client.get(reverse("dashboard")).status_code == 200
    auditor.audit_engagements.update(end_date=timezone.localdate() - datetime.timedelta(days=1))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_officer_sees_the_audit_trail_in_the_navigation(officer):
    html = client_for(officer).get(reverse("dashboard")).content.decode()
    assert reverse("audittrail-list") in html


@pytest.mark.django_db
def test_engineer_does_not_see_the_audit_trail_in_the_navigation(engineer):
    html = client_for(engineer).get(reverse("dashboard")).content.decode()
    assert reverse("audittrail-list") not in html


@pytest.mark.django_db
def test_outsider_without_a_role_is_refused_the_dashboard(outsider):
    assert client_for(outsider).get(reverse("dashboard")).status_code == 403


@pytest.mark.django_db
def test_a_role_taken_away_is_seen_on_the_next_request(officer):
    """Permission sets may be kept in the shared cache (isms.permission_cache): a change of a
    user's groups must still count at once."""
    client = client_for(officer)
    assert client.get(reverse("audittrail-list")).status_code == 200
    officer.groups.clear()
    assert client.get(reverse("audittrail-list")).status_code == 403


@pytest.mark.django_db
def test_a_permission_taken_from_a_group_is_seen_on_the_next_request(officer):
    from django.contrib.auth.models import Permission

    client = client_for(officer)
    assert client.get(reverse("audittrail-list")).status_code == 200
    group = officer.groups.get()
    group.permissions.remove(Permission.objects.get(codename="view_auditentry"))
    assert client.get(reverse("audittrail-list")).status_code == 403
