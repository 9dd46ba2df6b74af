"""Each user's own time zone: times are shown in it, times typed are read in it."""

import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from isms.models import AuditEntry, User
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_times_show_in_the_users_own_time_zone_and_only_for_them(officer, admin_user):
    factories.AssetFactory(owner=officer)
    entry = AuditEntry.objects.order_by("-timestamp").first()
    tokyo = timezone.localtime(entry.timestamp, zoneinfo.ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M:%S")
    utc = timezone.localtime(entry.timestamp, zoneinfo.ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M:%S")
    client = client_for(officer)
    response = client.post(reverse("preferences"), {"time_zone": "Asia/Tokyo"})
    assert response.status_code == 302 and User.objects.get(pk=officer.pk).time_zone == "Asia/Tokyo"
    trail = reverse("audittrail-list")
    assert tokyo in client.get(trail).content.decode()
    assert "Asia/Tokyo" in client.get(reverse("preferences")).content.decode()
    other = client_for(admin_user).get(trail).content.decode()  # no preference: the site's zone (UTC)
    assert utc in other and tokyo not in other
    assert AuditEntry.objects.filter(object_pk=str(officer.pk), changes__has_key="time_zone").exists()


def test_an_unknown_time_zone_is_refused_and_nothing_changes(officer):
    response = client_for(officer).post(reverse("preferences"), {"time_zone": "Mars/Olympus_Mons"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert User.objects.get(pk=officer.pk).time_zone == ""


def test_an_auditor_sets_their_own_time_zone(auditor):
    assert client_for(auditor).post(reverse("preferences"), {"time_zone": "Europe/Oslo"}).status_code == 302
    assert User.objects.get(pk=auditor.pk).time_zone == "Europe/Oslo"
