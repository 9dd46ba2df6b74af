"""Writes to the asset inventory. The owner of an asset holds guardian `change_asset` on it;
these services grant it and move it when the owner changes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from assets.models import Asset
from isms.access import can, require, role_of
from isms.models import User
from isms.roles import ENGINEER, OFFICER

M2M_FIELDS = ("assignees", "depends_on", "training_datasets")
CHANGE_PERM = "assets.change_asset"


def _may_assign_owner(user: User) -> bool:
    """Officers (model-level change) may give an asset to anyone; others only to themselves."""
    return can(user, "change", Asset)


def _check_owner(owner: User) -> None:
    """Owners keep the asset up to date: staff only, never an auditor or a user without a role
    (the form offers only staff; the CSV import and the API reach the service directly)."""
    if not owner.is_active or not (owner.is_superuser or role_of(owner) in (OFFICER, ENGINEER)):
        raise ValidationError(
            {"owner": f"{owner} cannot own assets: owners are compliance officers or engineers."}
        )


def _apply(asset: Asset, fields: dict) -> dict:
    m2m = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    for name, value in fields.items():
        setattr(asset, name, value)
    return m2m


def _set_m2m(asset: Asset, m2m: dict) -> None:
    for name, values in m2m.items():
        if name == "depends_on" and any(getattr(v, "pk", v) == asset.pk for v in values):
            raise ValidationError({"depends_on": "An asset cannot depend on itself."})
        if name == "training_datasets" and any(v.kind != Asset.Kind.DATASET for v in values):
            raise ValidationError({"training_datasets": "Training datasets must be dataset assets."})
        getattr(asset, name).set(values)


@transaction.atomic
def create_asset(*, acting_user: User, owner: User | None = None, **fields) -> Asset:
    """Add an asset. Engineers may only create assets they own themselves."""
    require(acting_user, "add", Asset)
    owner = owner or acting_user
    if owner != acting_user and not _may_assign_owner(acting_user):
        raise ValidationError({"owner": "You may only create assets that you own."})
    _check_owner(owner)
    asset = Asset(owner=owner)
    m2m = _apply(asset, dict(fields))
    asset.full_clean()
    asset.save()
    _set_m2m(asset, m2m)
    assign_perm(CHANGE_PERM, owner, asset)
    return asset


@transaction.atomic
def update_asset(asset: Asset, *, acting_user: User, **fields) -> Asset:
    """Change an asset; officers may reassign its owner, who then holds change_asset on it."""
    require(acting_user, "change", asset)
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    previous_owner = asset.owner
    new_owner = fields.pop("owner", None) or previous_owner
    if new_owner != previous_owner and not _may_assign_owner(acting_user):
        raise ValidationError({"owner": "Only a compliance officer may change the owner."})
    if new_owner != previous_owner:
        _check_owner(new_owner)
    asset.owner = new_owner
    m2m = _apply(asset, dict(fields))
    asset.full_clean()
    asset.save()
    _set_m2m(asset, m2m)
    if new_owner != previous_owner:
        remove_perm(CHANGE_PERM, previous_owner, asset)
        assign_perm(CHANGE_PERM, new_owner, asset)
    return asset


@transaction.atomic
def import_assets(*, acting_user: User, rows: list[tuple[int, dict]]) -> list[Asset]:
    """Create the assets parsed from a CSV file (assets.csv_import.parse), all or nothing.
    References (depends_on, training_datasets) are names in the file or already in the DB."""
    require(acting_user, "change", Asset)
    created, errors = {}, []
    for line, fields in rows:
        fields = dict(fields)
        fields.pop("depends_on"), fields.pop("training_datasets")
        try:
            created[fields["name"]] = create_asset(acting_user=acting_user, **fields)
        except ValidationError as error:
            errors += [f"Row {line}: {message}" for message in error.messages]
    if errors:
        raise ValidationError(errors)
    by_name = {a.name: a for a in Asset.objects.all()}
    for _line, fields in rows:
        asset = created[fields["name"]]
        _set_m2m(asset, {
            "depends_on": [by_name[n] for n in fields["depends_on"]],
            "training_datasets": [by_name[n] for n in fields["training_datasets"]],
        })
    return list(created.values())
