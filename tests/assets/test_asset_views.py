import pytest
from django.urls import reverse

from assets.models import Asset
from tests import factories
from tests.conftest import client_for


def _form(**overrides) -> dict:
    data = {
        "name": "pii-redactor", "kind": "model", "classification": "confidential",
        "confidentiality": 3, "integrity": 3, "availability": 2, "hosting": "cloud",
        "status": "production", "encrypted_at_rest": "unknown", "encrypted_in_transit": "unknown",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("count", [10, 500])
def test_asset_list_query_count_is_constant(officer, django_assert_max_num_queries, count):
    factories.AssetFactory.create_batch(count, owner=officer)
    client = client_for(officer)
    with django_assert_max_num_queries(9):  # without a shared cache: the session, groups and permissions too
        response = client.get(reverse("assets:asset-list"))
    assert response.status_code == 200
    with django_assert_max_num_queries(7):  # then the rows and filter kept (isms.fragments)
        assert client.get(reverse("assets:asset-list")).status_code == 200


def test_officer_can_filter_assets_by_kind_and_search(officer):
    factories.AssetFactory(name="support-tickets", kind="dataset")
    factories.AssetFactory(name="support-assistant-7b", kind="model", base_model="Mistral-7B")
    response = client_for(officer).get(reverse("assets:asset-list"), {"kind": "model", "q": "mistral"})
    assert [a.name for a in response.context["object_list"]] == ["support-assistant-7b"]


def test_asset_list_answers_htmx_with_rows_only(officer):
    factories.AssetFactory(name="gpu-cluster")
    response = client_for(officer).get(reverse("assets:asset-list"), HTTP_HX_REQUEST="true")
    assert b"gpu-cluster" in response.content
    assert b"<nav" not in response.content


def test_asset_detail_shows_model_card_and_dependencies(engineer):
    dataset = factories.AssetFactory(name="support-tickets", kind="dataset")
    model = factories.AssetFactory(name="support-assistant-7b", base_model="Mistral-7B-v0.3")
    model.training_datasets.set([dataset])
    endpoint = factories.AssetFactory(name="support-endpoint", kind="endpoint")
    endpoint.depends_on.set([model])
    body = client_for(engineer).get(reverse("assets:asset-detail", args=[model.pk])).content.decode()
    assert "Model card" in body and "Mistral-7B-v0.3" in body
    assert "support-tickets" in body and "support-endpoint" in body
    assert "Not mapped to any control yet." in body and "No evidence yet." in body


def test_asset_detail_hides_model_card_for_infrastructure(engineer):
    asset = factories.AssetFactory(kind="infrastructure")
    body = client_for(engineer).get(reverse("assets:asset-detail", args=[asset.pk])).content.decode()
    assert "Model card" not in body


def test_engineer_can_create_asset_they_then_own(engineer):
    response = client_for(engineer).post(reverse("assets:asset-create"), _form(owner=engineer.pk))
    asset = Asset.objects.get(name="pii-redactor")
    assert response.status_code == 302 and asset.owner == engineer


def test_engineer_cannot_create_asset_for_someone_else(engineer, officer):
    response = client_for(engineer).post(reverse("assets:asset-create"), _form(owner=officer.pk))
    assert response.status_code == 200 and not Asset.objects.exists()


def test_engineer_can_edit_own_asset(engineer):
    asset = factories.asset_owned(engineer, name="pii-redactor")
    response = client_for(engineer).post(
        reverse("assets:asset-edit", args=[asset.pk]), _form(owner=engineer.pk, description="v2")
    )
    asset.refresh_from_db()
    assert response.status_code == 302 and asset.description == "v2"


def test_engineer_cannot_edit_anothers_asset(engineer):
    asset = factories.asset_owned(factories.engineer(username="priya"))
    response = client_for(engineer).post(reverse("assets:asset-edit", args=[asset.pk]), _form())
    assert response.status_code == 403


def test_officer_can_reassign_owner(officer, engineer):
    asset = factories.asset_owned(officer, name="pii-redactor")
    client_for(officer).post(reverse("assets:asset-edit", args=[asset.pk]), _form(owner=engineer.pk))
    asset.refresh_from_db()
    assert asset.owner == engineer


def test_asset_form_offers_only_datasets_and_not_itself(officer):
    asset = factories.AssetFactory(name="m1")
    dataset = factories.AssetFactory(name="d1", kind="dataset")
    form = client_for(officer).get(reverse("assets:asset-edit", args=[asset.pk])).context["form"]
    assert list(form.fields["training_datasets"].queryset) == [dataset]
    assert asset not in form.fields["depends_on"].queryset


def test_dashboard_shows_asset_panel(engineer):
    factories.AssetFactory(name="pii-redactor", holds_pii=True)
    body = client_for(engineer).get(reverse("dashboard")).content.decode()
    assert "SLM assets and scope" in body and "1 asset</a>" in body and "1 holding personal data" in body


def test_asset_form_offers_only_officers_and_engineers_as_owners(officer, engineer, auditor):
    form = client_for(officer).get(reverse("assets:asset-create")).context["form"]
    assert set(form.fields["owner"].queryset) == {officer, engineer}


def test_asset_list_sorts_by_owner_descending(officer):
    factories.AssetFactory(name="a", owner=factories.UserFactory(username="zoe"))
    factories.AssetFactory(name="b", owner=factories.UserFactory(username="adam"))
    response = client_for(officer).get(reverse("assets:asset-list"), {"ordering": "-owner"})
    assert [a.name for a in response.context["object_list"]] == ["a", "b"]
