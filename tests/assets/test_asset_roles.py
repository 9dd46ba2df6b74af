"""The asset inventory role by role: who may add and change assets, who may own them, what bad
input is refused (nothing written) and what the audit trail records for every change."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assets.models import Asset
from assets.services.assets import create_asset, update_asset
from isms.access import can
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
CREATE = reverse("assets:asset-create")


def _form(**overrides) -> dict:
    data = {
        "name": "ticket-router", "kind": "application", "classification": "internal",
        "confidentiality": 2, "integrity": 2, "availability": 3, "hosting": "cloud",
        "status": "production", "encrypted_at_rest": "unknown", "encrypted_in_transit": "unknown",
    }
    return {**data, **overrides}


def _edit(asset) -> str:
    return reverse("assets:asset-edit", args=[asset.pk])


def _entries(asset, action):
    return AuditEntry.objects.get_for_object(asset).filter(action=action)


# --- adding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("outsider", 403), ("auditor", 403), ("anonymous", 302),
                                              ("auditor_ended", 302)])
def test_roles_that_may_not_add_assets_are_refused_and_nothing_is_written(personas, role, status):
    owner = personas["officer"]
    response = client_for(personas[role]).post(CREATE, _form(owner=owner.pk))
    assert response.status_code == status and not Asset.objects.exists()


@pytest.mark.parametrize("role", ["outsider", "auditor"])
def test_the_add_page_itself_is_refused(personas, role):
    assert client_for(personas[role]).get(CREATE).status_code == 403


def test_officer_adds_an_asset_for_an_engineer_who_may_then_change_it(officer, engineer):
    response = client_for(officer).post(CREATE, _form(owner=engineer.pk))
    asset = Asset.objects.get(name="ticket-router")
    assert response.status_code == 302 and response.url == asset.get_absolute_url()
    assert asset.owner == engineer
    assert can(factories.engineer(username=engineer.username), "change", asset)


def test_adding_an_asset_is_audited_with_its_author(engineer):
    client_for(engineer).post(CREATE, _form(owner=engineer.pk, name="feature-store"))
    created = _entries(Asset.objects.get(name="feature-store"), AuditEntry.Action.CREATE).get()
    assert created.actor == engineer and created.changes_dict["name"][1] == "feature-store"


def test_engineer_form_offers_only_themselves_as_owner(engineer, officer):
    form = client_for(engineer).get(CREATE).context["form"]
    assert list(form.fields["owner"].queryset) == [engineer]


def test_auditors_and_users_without_a_role_are_never_offered_as_owners(officer, engineer, auditor, outsider):
    asset = factories.asset_owned(engineer)
    for url in (CREATE, _edit(asset)):
        owners = set(client_for(officer).get(url).context["form"].fields["owner"].queryset)
        assert auditor not in owners and outsider not in owners and {officer, engineer} <= owners


def test_deactivated_staff_are_not_offered_as_owners(officer):
    gone = factories.engineer(username="left-the-company", is_active=False)
    owners = client_for(officer).get(CREATE).context["form"].fields["owner"].queryset
    assert gone not in owners


def test_officer_cannot_post_an_auditor_as_owner(officer, auditor):
    response = client_for(officer).post(CREATE, _form(owner=auditor.pk))
    assert response.status_code == 200 and response.context["form"].errors["owner"]
    assert not Asset.objects.exists()


def test_asset_create_refuses_an_auditor_as_owner(officer, auditor):
    with pytest.raises(ValidationError) as error:
        create_asset(acting_user=officer, owner=auditor, name="x", kind="model")
    assert "cannot own assets" in str(error.value) and not Asset.objects.exists()


def test_asset_create_refuses_a_user_without_a_role_as_owner(officer, outsider):
    with pytest.raises(ValidationError):
        create_asset(acting_user=officer, owner=outsider, name="x", kind="model")
    assert not Asset.objects.exists()


def test_asset_update_refuses_handing_an_asset_to_an_auditor(officer, engineer, auditor):
    asset = factories.asset_owned(engineer)
    with pytest.raises(ValidationError):
        update_asset(asset, acting_user=officer, owner=auditor)
    asset.refresh_from_db()
    assert asset.owner == engineer
    assert not factories.auditor(username=auditor.username).has_perm("assets.change_asset", asset)


def test_asset_create_refuses_an_outsider(outsider):
    with pytest.raises(PermissionDenied):
        create_asset(acting_user=outsider, name="x", kind="model")


@pytest.mark.parametrize(("field", "value"), [
    ("name", ""), ("kind", "spaceship"), ("classification", "secret"), ("confidentiality", 9),
    ("artefact_sha256", "not-a-digest"), ("artefact_sha256", "A" * 64), ("parameter_count", 0),
    ("parameter_count", "-5"), ("endpoint_url", "javascript:alert(1)"), ("hosting", "moon"),
    ("status", "zombie"),
])
def test_bad_asset_fields_are_refused_and_nothing_is_written(engineer, field, value):
    response = client_for(engineer).post(CREATE, _form(owner=engineer.pk, **{field: value}))
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not Asset.objects.exists()


def test_duplicate_name_is_refused(engineer):
    factories.AssetFactory(name="ticket-router")
    response = client_for(engineer).post(CREATE, _form(owner=engineer.pk))
    assert "already exists" in str(response.context["form"].errors["name"])
    assert Asset.objects.count() == 1


def test_pii_categories_typed_as_one_line_are_stored_as_a_list(engineer):
    client_for(engineer).post(CREATE, _form(owner=engineer.pk, holds_pii="on",
                                            pii_categories="contact; health , ,financial"))
    asset = Asset.objects.get()
    assert asset.holds_pii is True and asset.pii_categories == ["contact", "health", "financial"]


def test_model_card_facts_are_saved_from_the_form(engineer):
    dataset = factories.AssetFactory(name="tickets-2025", kind="dataset")
    client_for(engineer).post(CREATE, _form(
        owner=engineer.pk, name="router-7b", kind="model", base_model="Qwen2.5-7B", model_version="3",
        parameter_count="7615616512", licence="Apache-2.0", training_datasets=[dataset.pk],
        artefact_sha256="ab" * 32, endpoint_url="llm.internal/v1", encrypted_at_rest="true",
    ))
    asset = Asset.objects.get(name="router-7b")
    assert asset.parameter_count == 7615616512 and list(asset.training_datasets.all()) == [dataset]
    assert asset.endpoint_url == "https://llm.internal/v1" and asset.encrypted_at_rest is True
    assert asset.encrypted_in_transit is None


def test_a_model_cannot_be_trained_on_a_non_dataset(engineer):
    other = factories.AssetFactory(name="gpu-rack", kind="infrastructure")
    response = client_for(engineer).post(CREATE, _form(owner=engineer.pk, training_datasets=[other.pk]))
    assert response.context["form"].errors["training_datasets"]
    assert not Asset.objects.filter(name="ticket-router").exists()


# --- changing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["auditor", "outsider"])
def test_readers_cannot_change_an_asset(personas, role):
    asset = factories.asset_owned(personas["engineer"], name="ticket-router")
    client = client_for(personas[role])
    assert client.get(_edit(asset)).status_code == 403
    assert client.post(_edit(asset), _form(description="hacked")).status_code == 403
    asset.refresh_from_db()
    assert asset.description == "" and not _entries(asset, AuditEntry.Action.UPDATE).exists()


def test_readers_are_not_offered_the_edit_button(personas):
    asset = factories.asset_owned(personas["engineer"])
    edit = _edit(asset)
    assert edit in client_for(personas["engineer"]).get(asset.get_absolute_url()).content.decode()
    assert edit in client_for(personas["officer"]).get(asset.get_absolute_url()).content.decode()
    assert edit not in client_for(personas["auditor"]).get(asset.get_absolute_url()).content.decode()
    other = factories.engineer(username="priya")
    assert edit not in client_for(other).get(asset.get_absolute_url()).content.decode()


def test_engineer_assigned_to_an_asset_cannot_change_it(officer, engineer):
    asset = factories.asset_owned(officer, name="ticket-router")
    asset.assignees.set([engineer])
    response = client_for(engineer).post(_edit(asset), _form(owner=officer.pk, description="mine now"))
    assert response.status_code == 403


def test_an_update_is_audited_with_old_and_new_values(officer, engineer):
    asset = factories.asset_owned(engineer, name="ticket-router", classification="internal")
    client_for(engineer).post(_edit(asset), _form(owner=engineer.pk, classification="restricted"))
    update = _entries(asset, AuditEntry.Action.UPDATE).get()
    assert update.actor == engineer and update.changes_dict["classification"] == ["internal", "restricted"]


def test_handing_an_asset_over_is_audited_and_moves_the_right_to_change_it(officer, engineer):
    asset = factories.asset_owned(officer, name="ticket-router")
    client_for(officer).post(_edit(asset), _form(owner=engineer.pk))
    update = _entries(asset, AuditEntry.Action.UPDATE).get()
    assert str(update.changes_dict["owner"][1]) == str(engineer.pk)
    assert client_for(factories.engineer(username=engineer.username)).get(_edit(asset)).status_code == 200


def test_the_previous_owner_engineer_loses_the_asset(officer, engineer):
    asset = factories.asset_owned(engineer, name="ticket-router")
    other = factories.engineer(username="priya")
    update_asset(asset, acting_user=officer, owner=other)
    response = client_for(factories.engineer(username=engineer.username)).post(
        _edit(asset), _form(owner=engineer.pk, description="still mine?")
    )
    assert response.status_code == 403
    asset.refresh_from_db()
    assert asset.owner == other and asset.description == ""


def test_a_refused_update_leaves_every_field_as_it_was(engineer):
    asset = factories.asset_owned(engineer, name="ticket-router", description="before")
    response = client_for(engineer).post(_edit(asset), _form(owner=engineer.pk, description="after",
                                                             artefact_sha256="xyz"))
    assert response.status_code == 200
    asset.refresh_from_db()
    assert asset.description == "before" and not _entries(asset, AuditEntry.Action.UPDATE).exists()


def test_an_asset_cannot_depend_on_itself_through_the_page(officer):
    asset = factories.asset_owned(officer, name="ticket-router")
    response = client_for(officer).post(_edit(asset), _form(owner=officer.pk, depends_on=[asset.pk]))
    assert response.status_code == 200 and response.context["form"].errors["depends_on"]
    assert not asset.depends_on.exists()


def test_dependency_changes_are_audited(officer):
    model = factories.asset_owned(officer, name="router-7b")
    endpoint = factories.asset_owned(officer, name="ticket-router")
    client_for(officer).post(_edit(endpoint), _form(owner=officer.pk, depends_on=[model.pk]))
    changes = [e.changes_dict for e in _entries(endpoint, AuditEntry.Action.UPDATE)]
    assert any(c.get("depends_on", {}).get("objects") == ["router-7b"] for c in changes)


def test_unknown_asset_pages_are_404(officer):
    assert client_for(officer).get(reverse("assets:asset-detail", args=[999999])).status_code == 404
    assert client_for(officer).get(reverse("assets:asset-edit", args=[999999])).status_code == 404


# --- deleting -----------------------------------------------------------------------------------


def test_an_owner_who_owns_assets_cannot_be_deleted(officer, engineer):
    """Assets keep their owner: removing the user is refused, the asset stays."""
    from django.db.models import ProtectedError

    asset = factories.asset_owned(engineer)
    with pytest.raises(ProtectedError):
        engineer.delete()
    assert Asset.objects.filter(pk=asset.pk).exists()


def test_deleting_an_asset_is_audited(officer):
    asset = factories.asset_owned(officer, name="retired-bot")
    pk = asset.pk
    asset.delete()
    deleted = AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_pk=str(pk),
                                        object_repr="retired-bot")
    assert deleted.count() == 1
