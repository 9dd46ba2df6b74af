"""Writes to the Statement of Applicability and the control <-> asset mapping."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from assets.models import Asset
from controls.models import Control, Framework, SoAEntry
from isms.access import require
from isms.models import User

ATTACH_EVIDENCE = "controls.attach_evidence_soaentry"
SCALAR_FIELDS = {
    "applicable", "justification", "implementation_status", "owner", "implementation",
    "last_reviewed", "automated_check_status",
}
M2M_FIELDS = {"assignees", "assets"}


@transaction.atomic
def ensure_soa_entries(*, acting_user: User | None = None, framework: Framework | None = None) -> int:
    """Give every control (of `framework`, else of every framework) its SoA entry; returns how
    many were created. Idempotent: existing entries are left alone."""
    controls = Control.objects.filter(soa_entry__isnull=True)
    if framework is not None:
        controls = controls.filter(framework=framework)
    created = 0
    for control in controls:
        entry = SoAEntry(control=control)
        entry.full_clean()
        entry.save()
        created += 1
    return created


def _assignees_set(entry: SoAEntry, users: Iterable[User]) -> None:
    """Assignees may attach evidence to the entry: the guardian grant follows the assignment."""
    wanted = {user.pk: user for user in users}
    current = {user.pk: user for user in entry.assignees.all()}
    for pk, user in current.items():
        if pk not in wanted:
            entry.assignees.remove(user)
            remove_perm(ATTACH_EVIDENCE, user, entry)
    for pk, user in wanted.items():
        if pk not in current:
            entry.assignees.add(user)
            assign_perm(ATTACH_EVIDENCE, user, entry)


@transaction.atomic
def update_soa_entry(entry: SoAEntry, *, acting_user: User, **fields) -> SoAEntry:
    """Change an SoA row. A decision (applicable yes or no) needs a justification either way;
    the status of an excluded control is kept but shown as Excluded."""
    unknown = set(fields) - SCALAR_FIELDS - M2M_FIELDS
    if unknown:
        raise TypeError(f"update_soa_entry() got unexpected fields: {sorted(unknown)}")
    require(acting_user, "change", entry)
    for name in SCALAR_FIELDS & fields.keys():
        value = fields[name]
        setattr(entry, name, value.strip() if isinstance(value, str) else value)
    entry.full_clean()
    entry.save()
    if "assets" in fields:
        entry.assets.set(fields["assets"])
    if "assignees" in fields:
        _assignees_set(entry, fields["assignees"])
    return entry


@transaction.atomic
def set_asset_controls(asset: Asset, *, acting_user: User, controls: Iterable[Control]) -> Asset:
    """Map `asset` to exactly `controls` (through their SoA entries), from the asset's side."""
    wanted = {control.pk for control in controls}
    ensure_soa_entries(acting_user=acting_user)
    current = set(asset.soa_entries.values_list("control_id", flat=True))
    changed = SoAEntry.objects.filter(control_id__in=wanted ^ current).select_related("control")
    for entry in changed:
        require(acting_user, "change", entry)
        # Changed from the entry's side so the audit trail records it on the SoA entry.
        if entry.control_id in wanted:
            entry.assets.add(asset)
        else:
            entry.assets.remove(asset)
    return asset
