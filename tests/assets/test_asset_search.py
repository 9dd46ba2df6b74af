"""The asset search-select (isms/search_select.py): the <option>s endpoint and the widget."""

import re

import pytest
from django import forms
from django.urls import reverse

from assets.models import Asset
from assets.search_select import AssetSearchSelect, AssetSearchSelectMultiple
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
URL = "/assets/choices/"
OPTION = re.compile(r'<option value="(\d*)"( selected)?( disabled)?>([^<]*)</option>')


def _options(response) -> list[tuple[str, bool, bool, str]]:
    """(value, selected, disabled, label) of every <option> of an answer, in order."""
    html = response.content.decode()
    found = [(v, bool(s), bool(d), label) for v, s, d, label in OPTION.findall(html)]
    assert html.count("<option") == len(found), html
    return found


def test_url_name():
    assert reverse("assets:asset-choices") == URL


def test_officer_gets_matches_by_name_case_insensitively(officer):
    for name in ("zeta-model", "Alpha-Model", "gamma-dataset"):
        factories.AssetFactory(name=name)
    response = client_for(officer).get(URL, {"q": "MODEL"})
    assert response.status_code == 200
    assert [label for *_, label in _options(response)] == ["Alpha-Model", "zeta-model"]


def test_search_offers_fifty_and_says_how_many_more(officer):
    for n in range(53):
        factories.AssetFactory(name=f"bulk-{n:02}")
    factories.AssetFactory(name="other")
    options = _options(client_for(officer).get(URL, {"q": "bulk"}))
    assert [label for *_, label in options[:50]] == [f"bulk-{n:02}" for n in range(50)]
    assert options[50] == ("", False, True, "3 more: refine the search")
    assert len(options) == 51


def test_empty_search_browses_the_first_fifty_by_name(officer):
    for n in range(50, -1, -1):
        factories.AssetFactory(name=f"a-{n:02}")
    options = _options(client_for(officer).get(URL, {"q": ""}))
    assert [label for *_, label in options[:50]] == [f"a-{n:02}" for n in range(50)]
    assert options[-1][3] == "1 more: refine the search"


def test_exactly_fifty_matches_say_nothing_more(officer):
    for n in range(50):
        factories.AssetFactory(name=f"bulk-{n:02}")
    options = _options(client_for(officer).get(URL, {"q": "bulk"}))
    assert len(options) == 50 and not any(disabled for _, _, disabled, _ in options)


def test_selected_assets_come_first_still_selected_and_once(officer):
    chosen = factories.AssetFactory(name="zz-chosen-model")
    other = factories.AssetFactory(name="m-chosen")
    factories.AssetFactory(name="a-model")
    response = client_for(officer).get(
        URL, {"q": "model", "field": "assets", "assets": [chosen.pk, other.pk]}
    )
    assert _options(response) == [
        (str(other.pk), True, False, "m-chosen"),
        (str(chosen.pk), True, False, "zz-chosen-model"),
        (str(Asset.objects.get(name="a-model").pk), False, False, "a-model"),
    ]


def test_single_select_keeps_its_empty_choice_selected_when_nothing_is_chosen(officer):
    asset = factories.AssetFactory(name="gateway")
    client = client_for(officer)
    assert _options(client.get(URL, {"q": "gate", "empty": "All", "field": "asset", "asset": ""})) == [
        ("", True, False, "All"), (str(asset.pk), False, False, "gateway"),
    ]
    assert _options(client.get(URL, {"q": "", "empty": "All", "field": "asset", "asset": asset.pk})) == [
        ("", False, False, "All"), (str(asset.pk), True, False, "gateway"),
    ]


def test_names_are_escaped(officer):
    asset = factories.AssetFactory(name="<b>x</b> & \"y\"")
    html = client_for(officer).get(URL, {"q": "<b>", "selected": asset.pk}).content.decode()
    assert "<b>" not in html
    assert f'<option value="{asset.pk}" selected>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</option>' == html


def test_empty_label_is_escaped(officer):
    html = client_for(officer).get(URL, {"q": "none", "empty": "<script>"}).content.decode()
    assert html == '<option value="" selected>&lt;script&gt;</option>'


@pytest.mark.parametrize("bad", ["abc", "-1", "0", "1.5", "99999999999999999999999", "", "١"])
def test_bad_selected_ids_are_ignored(officer, bad):
    factories.AssetFactory(name="kept")
    response = client_for(officer).get(URL, {"q": "kept", "selected": bad})
    assert response.status_code == 200
    assert [(s, label) for _, s, _, label in _options(response)] == [(False, "kept")]


@pytest.mark.parametrize("params", [{"q": "x" * 101}, {"q": "a\x00b"}, {"scope": "everything"},
                                    {"selected": list(range(1, 502))}])
def test_bad_search_is_a_400(officer, params):
    response = client_for(officer).get(URL, params)
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["engineer", "officer", "auditor"])
def test_reading_roles_can_search_every_asset(personas, role):
    factories.AssetFactory(name="inventory-a")
    factories.AssetFactory(name="inventory-b")
    response = client_for(personas[role]).get(URL, {"q": "inventory"})
    assert response.status_code == 200
    assert [label for *_, label in _options(response)] == ["inventory-a", "inventory-b"]


def test_auditor_outside_an_engagement_is_signed_out(auditor_ended):
    factories.AssetFactory(name="inventory-a")
    response = client_for(auditor_ended).get(URL, {"q": "inventory"})
    assert response.status_code == 302 and "login" in response.url


def test_auditor_outside_an_engagement_gets_no_options(auditor_ended, rf):
    """Even past the sign-out middleware, `visible` decides: nothing."""
    from assets.search_select import asset_options

    factories.AssetFactory(name="inventory-a")
    assert asset_options(auditor_ended, query="", selected=[]) == {
        "empty_label": None, "chosen": [], "matches": [], "more": 0}


def test_outsider_cannot_search(outsider):
    assert client_for(outsider).get(URL, {"q": ""}).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL, {"q": ""})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_change_scope_offers_only_the_assets_the_engineer_may_change(engineer):
    mine = factories.asset_owned(engineer, name="mine")
    factories.AssetFactory(name="theirs")
    other = factories.AssetFactory(name="theirs-selected")
    response = client_for(engineer).get(URL, {"q": "", "scope": "change", "selected": other.pk})
    assert _options(response) == [(str(mine.pk), False, False, "mine")]


def test_in_service_scope_leaves_retired_assets_out(officer):
    factories.AssetFactory(name="old", status=Asset.Status.RETIRED)
    factories.AssetFactory(name="new")
    response = client_for(officer).get(URL, {"q": "", "scope": "in_service"})
    assert [label for *_, label in _options(response)] == ["new"]


class _Form(forms.Form):
    one = forms.ModelChoiceField(Asset.objects.all(), required=False, widget=AssetSearchSelect)
    many = forms.ModelMultipleChoiceField(Asset.objects.all(), widget=AssetSearchSelectMultiple)


def test_widget_renders_no_query_when_nothing_is_chosen(django_assert_num_queries):
    factories.AssetFactory.create_batch(3)
    form = _Form()
    with django_assert_num_queries(0):
        html = str(form["one"]) + str(form["many"])
    assert html.count("<option") == 1  # the empty choice of the single select
    assert 'type="search"' in html and 'aria-label="Search assets"' in html
    assert 'placeholder="Type to search assets…"' in html
    assert 'hx-trigger="input changed delay:250ms, search"' in html
    assert '<select name="many" required id="id_many" multiple' in html


def test_widget_renders_the_chosen_assets_in_one_query(django_assert_num_queries):
    a, b, _ = factories.AssetFactory.create_batch(3)
    form = _Form(data={"one": str(a.pk), "many": [str(a.pk), str(b.pk), "junk"]})
    form.is_valid()  # validation queries apart: the rendering is measured
    with django_assert_num_queries(2):  # one per field
        html = str(form["one"]) + str(form["many"])
    assert html.count(f'<option value="{a.pk}" selected>') == 2
    assert html.count(f'<option value="{b.pk}" selected>') == 1
    assert html.count("<option") == 4


def test_form_with_the_widget_rejects_an_asset_outside_its_queryset():
    retired = factories.AssetFactory(status=Asset.Status.RETIRED)
    live = factories.AssetFactory()

    class Form(forms.Form):
        many = forms.ModelMultipleChoiceField(Asset.objects.exclude(status=Asset.Status.RETIRED),
                                              widget=AssetSearchSelectMultiple(scope="in_service"))

    assert not Form(data={"many": [str(retired.pk)]}).is_valid()
    form = Form(data={"many": [str(live.pk)]})
    assert form.is_valid() and list(form.cleaned_data["many"]) == [live]


def test_unknown_scope_is_a_programming_error():
    with pytest.raises(ValueError, match="scope"):
        AssetSearchSelect(scope="everything")


def test_widget_renders_every_chosen_asset_however_many(django_assert_num_queries):
    """Nothing chosen may be dropped: the select is what the form submits."""
    assets = factories.AssetFactory.create_batch(520)
    form = _Form(initial={"many": [a.pk for a in assets]})
    with django_assert_num_queries(1):
        html = str(form["many"])
    assert html.count(" selected>") == 520
