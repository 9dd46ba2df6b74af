import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assets.models import Asset
from assets.services.assets import create_asset, update_asset
from isms.access import can
from isms.models import AuditEntry
from tests import factories


def test_asset_create_makes_the_engineer_owner_with_change_permission(engineer):
    asset = create_asset(acting_user=engineer, name="support-assistant-7b", kind="model")
    assert asset.owner == engineer
    assert can(engineer, "change", asset)
    assert AuditEntry.objects.filter(object_pk=str(asset.pk), action=AuditEntry.Action.CREATE).exists()


def test_asset_create_refuses_engineer_creating_for_someone_else(engineer, officer):
    with pytest.raises(ValidationError):
        create_asset(acting_user=engineer, owner=officer, name="x", kind="model")
    assert not Asset.objects.exists()


def test_asset_create_refuses_auditor(auditor):
    with pytest.raises(PermissionDenied):
        create_asset(acting_user=auditor, name="x", kind="model")


def test_asset_update_by_owner_engineer_saves(engineer):
    asset = factories.asset_owned(engineer)
    update_asset(acting_user=engineer, asset=asset, description="updated")
    asset.refresh_from_db()
    assert asset.description == "updated"


def test_asset_update_refuses_engineer_on_anothers_asset(engineer):
    asset = factories.asset_owned(factories.engineer(username="priya"))
    with pytest.raises(PermissionDenied):
        update_asset(acting_user=engineer, asset=asset, description="mine now")


def test_asset_update_refuses_engineer_reassigning_owner(engineer):
    other = factories.engineer(username="priya")
    asset = factories.asset_owned(engineer)
    with pytest.raises(ValidationError):
        update_asset(acting_user=engineer, asset=asset, owner=other)
    asset.refresh_from_db()
    assert asset.owner == engineer


def test_asset_update_moves_change_permission_with_the_owner(officer, engineer):
    other = factories.engineer(username="priya")
    asset = factories.asset_owned(engineer)
    update_asset(acting_user=officer, asset=asset, owner=other)
    asset = Asset.objects.get(pk=asset.pk)
    engineer = type(engineer).objects.get(pk=engineer.pk)  # fresh permission cache
    other = type(other).objects.get(pk=other.pk)
    assert asset.owner == other
    assert can(other, "change", asset)
    assert not can(engineer, "change", asset)


def test_asset_update_refuses_depending_on_itself(officer):
    asset = factories.AssetFactory()
    with pytest.raises(ValidationError):
        update_asset(acting_user=officer, asset=asset, depends_on=[asset])


def test_asset_update_refuses_non_dataset_training_data(officer):
    asset, other = factories.AssetFactory(), factories.AssetFactory(kind="model")
    with pytest.raises(ValidationError):
        update_asset(acting_user=officer, asset=asset, training_datasets=[other])
