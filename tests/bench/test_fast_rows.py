"""The list pages' rows of plain values (issue #11) say what the model instances say, and the
Jinja2 helpers write what Django's template filters write."""

import datetime
import gc
import zoneinfo

import pytest
from django.db.models import Count
from django.template import defaultfilters, engines
from django.urls import reverse
from django.utils import timezone, translation

from assets.models import Asset
from assets.rows import asset_rows
from controls.models import SoAEntry
from controls.services import update_soa_entry
from controls.soa_rows import soa_row, soa_rows
from evidence.list_rows import evidence_rows
from evidence.models import Evidence
from isms import jinja
from risks.models import Risk
from risks.register_rows import register_rows
from risks.services import accept_risk
from risks.templatetags.risks_tags import level_badge
from tests import factories
from tests.bench.test_fast_paths import _risk
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_register_rows_give_each_risk_its_acceptance_state_and_labels(officer):
    model = factories.AssetFactory(kind="model", model_version="1", name="slm-a", owner=officer)
    other = factories.AssetFactory(kind="model", model_version="1", name="slm-b", owner=officer)
    risks = [_risk(officer, "within", residual_likelihood=1), _risk(officer, "needed", residual_likelihood=4),
             _risk(officer, "accepted", residual_likelihood=4, model=model),
             _risk(officer, "stale", residual_likelihood=4, model=other)]
    for risk in risks[2:]:
        accept_risk(risk, acting_user=officer, justification="ok")
    other.model_version = "2"
    other.save()
    rows = {row.title: row for row in register_rows(Risk.objects.with_action_counts())}
    for risk in Risk.objects.for_register():
        row = rows[risk.title]
        assert row.acceptance_state == risk.acceptance_state, risk.title
        assert (row.treatment_label, row.status_label, row.owner) == (
            risk.get_treatment_display(), risk.get_status_display(), str(risk.owner))
        assert row.asset_names == ", ".join(asset.name for asset in risk.assets.all())
        assert row.url == risk.get_absolute_url()
        assert row.inherent_badge == level_badge(risk.inherent_level, risk.inherent_score)
        assert row.residual_badge == level_badge(risk.residual_level, risk.residual_score)
    assert [rows[t].acceptance_state for t in ("within", "needed", "accepted", "stale")] == [
        "not_needed", "needed", "accepted", "stale"]


def test_soa_rows_match_the_entries(officer, engineer):
    entry = SoAEntry.objects.select_related("control").get(control__ref="5.15")
    asset = factories.AssetFactory(name="gateway", owner=officer)
    marked = factories.AssetFactory(name="<b>gw & co</b>", owner=officer)
    update_soa_entry(acting_user=officer, entry=entry, applicable=False, justification="Not here",
                     implementation_status="partial", owner=officer, assignees=[engineer],
                     assets=[asset, marked])
    factories.evidence(officer, controls=[entry.control])
    entry = SoAEntry.objects.for_listing().get(pk=entry.pk)
    row = soa_row(entry.pk)
    assert (row.ref, row.title, row.status_key, row.status_label, row.applicability_label) == (
        "5.15", entry.control.title, entry.status_key, entry.status_label, entry.applicability_label)
    assert (row.owner, row.assignees) == (str(officer), [str(engineer)])
    assert row.assets == [(marked.pk, "<b>gw & co</b>"), (asset.pk, "gateway")]
    assert row.url == entry.control.get_absolute_url()
    assert row.assets_html == (f'<a href="{marked.get_absolute_url()}">&lt;b&gt;gw &amp; co&lt;/b&gt;</a>, '
                               f'<a href="{asset.get_absolute_url()}">gateway</a>')
    assert row.edit_url == reverse("controls:soa-edit", args=[entry.pk])
    assert row.valid_evidence == Evidence.objects.valid().filter(controls=entry.control).count()
    assert len(soa_rows(SoAEntry.objects.all())) == SoAEntry.objects.count()


def test_evidence_rows_match_the_items(officer):
    controls = [factories.soa_entry(ref).control for ref in ("8.15", "5.1")]
    item = factories.evidence(officer, controls=controls, valid_until=timezone.localdate())
    row, = evidence_rows(Evidence.objects.filter(pk=item.pk).annotate(version_count=Count("versions")))
    assert (row.title, row.control_refs, row.freshness, row.version_count) == (
        item.title, ["5.1", "8.15"], item.freshness(), 1)
    assert (row.source_label, row.review_label) == (
        item.get_source_display(), item.get_review_status_display())


def test_asset_rows_carry_the_display_labels(officer):
    asset = factories.AssetFactory(name="slm", kind="model", hosting="self_hosted", owner=officer)
    row, = asset_rows(Asset.objects.filter(pk=asset.pk))
    assert (row.kind_label, row.hosting_label, row.status_label, row.owner) == (
        asset.get_kind_display(), asset.get_hosting_display(), asset.get_status_display(), str(officer))


@pytest.mark.parametrize("name", ["assets:asset-detail", "risks:risk-detail", "evidence:evidence-detail"])
def test_jinja_url_builds_the_reversed_url(name):
    assert jinja.url(name, 42) == reverse(name, args=[42])
    assert jinja.url("assets:asset-list") == reverse("assets:asset-list")


@pytest.mark.parametrize("fmt", [None, "Y-m-d", "Y-m-d H:i:s", "j F Y"])
def test_jinja_date_writes_what_django_writes(fmt, settings):
    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)  # 01:30, then 03:00 in Paris
    template = engines["jinja2"].from_string("{{ value|date(fmt) }}")
    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")), translation.override("en-gb"):
        dates = [] if fmt and "H" in fmt else [datetime.date(2026, 11, 5)]  # Django refuses times of a date
        for value in (*dates, moment, moment + datetime.timedelta(hours=1)):
            local = timezone.localtime(value) if isinstance(value, datetime.datetime) else value
            # Alone, and with the language and time zone read once for the render (partials).
            for extra in ({}, jinja.render_values()):
                html = template.render({"value": value, "fmt": fmt, **extra})
                assert html == str(defaultfilters.date(local, fmt)), (value, fmt, extra)
        assert template.render({"value": None, "fmt": fmt}) == ""


@pytest.mark.parametrize("text", ["short", "x" * 60, "y" * 61, "ünïcödé " * 20, 12345])
def test_jinja_truncatechars_is_djangos(text):
    assert jinja.truncatechars(text, 60) == defaultfilters.truncatechars(text, 60)


def test_a_web_worker_freezes_what_it_loaded():
    import isms.wsgi  # noqa: F401 - the module a worker imports

    assert gc.get_freeze_count() > 10_000


def test_htmx_refresh_of_a_list_renders_the_rows_partial_alone(officer):
    factories.AssetFactory(name="only-row", owner=officer)
    response = client_for(officer).get(reverse("assets:asset-list"), HTTP_HX_REQUEST="true")
    assert response.context["rows_template"] == "assets/_asset_rows.html"
    assert b"only-row" in response.content and b"navbar" not in response.content


def test_choice_labels_are_what_str_says(officer, engineer):
    from isms.models import User
    from risks.models import RiskAssessment, Threat

    factories.AssetFactory(name="slm <a>", owner=officer)
    factories.RiskAssessmentFactory(assessor=officer)
    engineer.first_name, engineer.last_name = "", ""
    engineer.save()
    from controls.models import Control

    for model in (Asset, User, Threat, RiskAssessment, Control):
        queryset = model.objects.all()
        assert queryset.exists(), model
        assert dict(model.choice_labels(queryset)) == {obj.pk: str(obj) for obj in queryset}, model


def test_the_backend_reads_the_permissions_django_reads(officer, engineer, auditor, admin_user,
                                                         django_assert_num_queries):
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    from isms.auth_backends import ModelPermissionBackend
    from isms.models import User

    engineer.user_permissions.add(Permission.objects.get(codename="view_threat"))
    for user in (officer, engineer, auditor, admin_user):
        fresh, reference = User.objects.get(pk=user.pk), User.objects.get(pk=user.pk)
        with django_assert_num_queries(1):
            ours = ModelPermissionBackend().get_all_permissions(fresh)
        assert ours == ModelBackend().get_all_permissions(reference) and ours, user


def test_role_and_permissions_come_from_one_query(officer, engineer, auditor, django_assert_num_queries):
    from django.contrib.auth.backends import ModelBackend

    from isms.access import role_of
    from isms.models import User
    from isms.roles import AUDITOR, ENGINEER, OFFICER

    for user, role in ((officer, OFFICER), (engineer, ENGINEER), (auditor, AUDITOR)):
        fresh = User.objects.get(pk=user.pk)
        expected = ModelBackend().has_perm(User.objects.get(pk=user.pk), "risks.change_risk")
        with django_assert_num_queries(1):
            assert role_of(fresh) == role
            assert fresh.has_perm("risks.change_risk") == expected
    # A user list with its groups prefetched asks nothing more per user.
    users = list(User.objects.filter(pk__in=[officer.pk, engineer.pk]).prefetch_related("groups"))
    with django_assert_num_queries(0):
        assert {role_of(user) for user in users} == {OFFICER, ENGINEER}
