"""Pages keep rendered fragments ({% cache %} under isms.fragments.fragment_key). What a person
sees must never be a fragment rendered for someone else, for other filters, another day or
time zone, or before a change: each test renders a page, changes one thing, renders it again."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from assets.models import Asset
from assets.services.assets import update_asset
from isms.fragments import fragment_key, trail_head
from isms.preferences import update_preferences
from risks.services import update_risk
from tests import factories
from tests.conftest import client_for
from training.services import add_training_record

pytestmark = pytest.mark.django_db


def _html(client, name: str, **params) -> str:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_change_through_a_service_is_seen_on_the_next_request(officer):
    asset = factories.AssetFactory(name="support-slm", owner=officer)
    client = client_for(officer)
    assert "support-slm" in _html(client, "assets:asset-list")
    update_asset(asset, acting_user=officer, name="support-slm-v2")
    html = _html(client, "assets:asset-list")
    assert "support-slm-v2" in html and ">support-slm<" not in html


def test_each_user_gets_fragments_of_their_own(officer, engineer):
    """The SoA's rows carry Edit buttons for whoever may change them: never for an engineer,
    even right after an officer's view of the same page was kept."""
    officer_html = _html(client_for(officer), "controls:soa-list")
    assert ">Edit<" in officer_html
    engineer_html = _html(client_for(engineer), "controls:soa-list")
    assert ">Edit<" not in engineer_html
    assert 'data-testid="soa-row-5.1"' in engineer_html


def test_filters_sorting_and_pages_each_have_their_fragment(officer):
    factories.AssetFactory(name="alpha-model", kind="model", owner=officer)
    factories.AssetFactory(name="beta-dataset", kind="dataset", owner=officer)
    client = client_for(officer)
    everything = _html(client, "assets:asset-list")
    assert "alpha-model" in everything and "beta-dataset" in everything
    models = _html(client, "assets:asset-list", kind="model")
    assert "alpha-model" in models and "beta-dataset" not in models
    assert 'value="model" selected' in models  # the filter form is the one of this query
    assert 'value="model" selected' not in _html(client, "assets:asset-list")


def test_a_new_object_grant_is_seen_at_once(engineer, officer):
    """Guardian's grants are not in the audit trail: the permissions version moves instead."""
    factories.AssetFactory(name="owned-elsewhere", owner=officer)
    entry = factories.soa_entry("8.25")
    client = client_for(engineer)
    assert ">Edit<" not in _html(client, "controls:soa-list")
    key_before = fragment_key(client.get(reverse("controls:soa-list")).wsgi_request)
    assign_perm("controls.attach_evidence_soaentry", engineer, entry)
    key_after = fragment_key(client.get(reverse("controls:soa-list")).wsgi_request)
    assert key_before != key_after


def test_the_register_heatmaps_follow_a_rescored_risk(officer):
    risk = factories.risk(officer, residual_likelihood=2, residual_impact=3)
    client = client_for(officer)
    worst = "Likelihood 5 × impact 5 = 25 (critical): 1 risk</title>"
    before = _html(client, "risks:risk-list")
    assert worst not in before
    update_risk(risk, acting_user=officer, residual_likelihood=5, residual_impact=5)
    after = _html(client, "risks:risk-list")
    assert worst in after and "Critical · 25" in after


def test_the_training_matrix_follows_a_new_record(officer):
    course = factories.CourseFactory(title="SLM safety basics", teams=["ml-platform"])
    person = factories.PersonFactory(name="Priya Shah", team="ml-platform")
    client = client_for(officer)
    assert 'data-state="missing"' in _html(client, "training:training-matrix")
    add_training_record(acting_user=officer, person=person, course=course,
                        completed_on=timezone.localdate())
    html = _html(client, "training:training-matrix")
    assert 'data-state="current"' in html and 'data-state="missing"' not in html


def test_a_new_day_renders_again(officer):
    today = timezone.localdate()
    factories.evidence(officer, title="pentest", valid_until=today)
    client = client_for(officer)
    key_today = fragment_key(client.get(reverse("evidence:evidence-list")).wsgi_request)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: tomorrow)
        request = client_for(officer).get(reverse("evidence:evidence-list")).wsgi_request
        assert fragment_key(request) != key_today


def test_times_follow_the_users_time_zone(officer):
    factories.AssetFactory(name="tz-probe", owner=officer)
    client = client_for(officer)
    utc_html = _html(client, "audittrail-list")
    update_preferences(acting_user=officer, time_zone="Asia/Tokyo")
    tokyo_html = _html(client, "audittrail-list")
    entry_time = timezone.now().astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:")
    assert entry_time in tokyo_html
    assert tokyo_html != utc_html


def test_the_key_names_the_committed_state_of_the_data(officer):
    client = client_for(officer)
    request = client.get(reverse("assets:asset-list")).wsgi_request
    head = trail_head(request)
    Asset.objects.create(name="written directly", owner=officer)  # audited: a new entry
    later = client.get(reverse("assets:asset-list")).wsgi_request
    assert trail_head(later) != head
    assert "written directly" in _html(client, "assets:asset-list")


def test_an_empty_trail_keys_as_a_dash(rf, officer):
    from isms.models import AuditEntry

    request = rf.get("/")
    request.user = officer
    expected = "-" if not AuditEntry.objects.exists() else None
    if expected:
        assert trail_head(request) == "-"
    else:  # factories write entries: the head is the newest one
        newest = AuditEntry.objects.order_by("-sequence").first()
        assert trail_head(request) == f"{newest.sequence}:{newest.entry_hash}"
