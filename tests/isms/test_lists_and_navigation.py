"""The platform's list pages (isms.generic.IsmsListView), the navigation bar and the dashboard,
as each role sees them."""

import re

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

LISTS = ["assets:asset-list", "risks:risk-list", "evidence:evidence-list", "controls:soa-list",
         "audittrail-list", "training:person-list", "governance:policy-list", "incidents:incident-list"]


def _nav_labels(html: str) -> set[str]:
    bar = html[html.index('<ul class="navbar-nav me-auto">'):]
    bar = bar[: bar.index("</ul>\n      </div>") if "</ul>\n      </div>" in bar else len(bar)]
    return set(re.findall(r'class="(?:nav-link|dropdown-item)[^"]*" href="[^"]+"[^>]*>([^<]+)<', bar))


def test_an_officer_sees_every_entry_of_the_bar(officer):
    labels = _nav_labels(client_for(officer).get(reverse("dashboard")).content.decode())
    assert {"Dashboard", "Assets", "Risks", "SoA", "Evidence", "Policies", "Training", "Incidents",
            "Internal audits", "Audit engagements", "Audit trail", "Audit packs"} <= labels


def test_an_engineer_sees_no_entry_for_what_they_may_not_view(engineer):
    labels = _nav_labels(client_for(engineer).get(reverse("dashboard")).content.decode())
    assert {"Assets", "Risks", "SoA", "Evidence", "Incidents"} <= labels
    assert not {"Audit trail", "Audit engagements", "Training"} & labels


def test_every_entry_of_the_bar_opens_for_whoever_sees_it(officer, engineer, auditor):
    for user in (officer, engineer, auditor):
        client = client_for(user)
        html = client.get(reverse("dashboard")).content.decode()
        bar = html[html.index('<ul class="navbar-nav me-auto">'):html.index("</nav>")]
        for href in set(re.findall(r'class="(?:nav-link|dropdown-item)[^"]*" href="(/[^"]*)"', bar)):
            assert client.get(href).status_code == 200, (user.username, href)


def test_the_current_page_is_marked_in_the_bar(officer):
    html = client_for(officer).get(reverse("risks:risk-list")).content.decode()
    assert re.search(r'class="nav-link active" href="/risks/" aria-current="page"', html)


def test_only_administrators_get_the_admin_link(officer, admin_user):
    assert 'href="/admin/"' not in client_for(officer).get(reverse("dashboard")).content.decode()
    assert 'href="/admin/"' in client_for(admin_user).get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_htmx_with_its_rows_only(officer, name):
    response = client_for(officer).get(reverse(name), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<table" in html and "<nav class=\"navbar" not in html and "<html" not in html


@pytest.mark.parametrize(("asked", "shown"), [("25", 25), ("100", 60), ("7", 50), ("abc", 50), ("-1", 50),
                                              ("", 50)])
def test_page_size_is_one_of_the_offered_ones(officer, asked, shown):
    factories.AssetFactory.create_batch(60, owner=officer)
    response = client_for(officer).get(reverse("assets:asset-list"), {"per_page": asked})
    assert response.status_code == 200
    assert len(response.context["object_list"]) == shown


def test_pagination_keeps_the_filters_and_drops_the_old_page(officer):
    factories.AssetFactory.create_batch(30, owner=officer, kind="model")
    factories.AssetFactory.create_batch(3, owner=officer, kind="dataset")
    response = client_for(officer).get(reverse("assets:asset-list"),
                                       {"kind": "model", "per_page": 25, "page": 1})
    html = response.content.decode()
    assert "Page 1 of 2 · 30 rows" in html
    assert 'href="?kind=model&amp;per_page=25&amp;page=2"' in html
    second = client_for(officer).get(reverse("assets:asset-list"),
                                     {"kind": "model", "per_page": 25, "page": 2})
    assert len(second.context["object_list"]) == 5
    assert 'page=1"' in second.content.decode()


def test_a_page_past_the_end_is_not_found(officer):
    factories.AssetFactory.create_batch(3, owner=officer)
    assert client_for(officer).get(reverse("assets:asset-list"), {"page": 9}).status_code == 404


def test_an_invalid_filter_value_shows_no_rows_and_no_error_page(officer):
    factories.AssetFactory(owner=officer)
    response = client_for(officer).get(reverse("assets:asset-list"), {"owner": "not-a-user"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []


def test_a_list_shows_how_many_rows_it_has(officer):
    factories.AssetFactory.create_batch(3, owner=officer)
    assert "3 rows" in client_for(officer).get(reverse("assets:asset-list")).content.decode()


def test_the_dashboard_greets_each_role_with_its_panels(officer, engineer, auditor):
    officer_page = client_for(officer).get(reverse("dashboard"))
    engineer_page = client_for(engineer).get(reverse("dashboard"))
    auditor_page = client_for(auditor).get(reverse("dashboard"))
    assert officer_page.context["role"] == "officer"
    assert engineer_page.context["role"] == "engineer"
    assert auditor_page.context["role"] == "auditor"
    assert len(officer_page.context["panels"]) >= len(engineer_page.context["panels"])


def test_the_health_check_says_nothing_about_the_isms(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_someone_signed_out_is_sent_to_sign_in_and_back(client):
    response = client.get(reverse("risks:risk-list"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/risks/"


def test_an_object_the_user_may_not_see_is_not_found_rather_than_forbidden(engineer, officer):
    incident = factories.incident(officer, officer=officer)
    response = client_for(engineer).get(reverse("incidents:incident-detail", args=[incident.pk]))
    assert response.status_code == 404
