"""The asset inventory as CSV: parsing and checking an upload row by row, and writing the export.
Writes go through isms.services.assets.import_assets (one transaction, all or nothing)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model

from assets.models import Asset

MAX_BYTES = 5 * 1024 * 1024
COLUMNS = [
    "name", "kind", "description", "owner", "classification", "confidentiality", "integrity",
    "availability", "holds_pii", "pii_categories", "hosting", "region", "status", "depends_on",
    "base_model", "model_version", "parameter_count", "architecture", "licence",
    "training_datasets", "intended_use", "out_of_scope_use", "limitations", "artefact_sha256",
    "endpoint_url", "authentication_method",
    # Optional extras (after the documented core) so an export carries the whole model card.
    "data_provenance", "evaluation_results", "encrypted_at_rest", "encrypted_in_transit",
]
REQUIRED = ["name", "kind", "owner"]
RATINGS = {"low": 1, "medium": 2, "high": 3, "very_high": 4}
RATING_NAMES = {v: k for k, v in RATINGS.items()}
YES_NO = {"yes": True, "no": False}
SHA256 = re.compile(r"^[0-9a-f]{64}$")
ENUMS = {
    "kind": Asset.Kind.values, "classification": Asset.Classification.values,
    "hosting": Asset.Hosting.values, "status": Asset.Status.values,
}
TEXT = ["description", "region", "base_model", "model_version", "architecture", "licence",
        "intended_use", "out_of_scope_use", "limitations", "endpoint_url",
        "authentication_method", "data_provenance", "evaluation_results"]


class AssetCsvError(Exception):
    """The file cannot be imported; `errors` lists every problem found, row by row."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise AssetCsvError([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AssetCsvError([f"The file is not UTF-8 text (byte {error.start})."]) from None
    if not text.strip():
        raise AssetCsvError(["The file is empty."])
    return text


def _check_header(header: list[str] | None) -> None:
    header = header or []
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED if c not in header]
    errors = [f"Unknown column: {c}." for c in unknown] + [f"Missing column: {c}." for c in missing]
    if len(set(header)) != len(header):
        errors.append("A column appears twice in the header.")
    if errors:
        raise AssetCsvError(errors)


def _enum(row: dict, field: str, allowed: Iterable, errors: list, default=None):
    value = (row.get(field) or "").strip()
    if not value and default is not None:
        return default
    if value not in allowed:
        errors.append(f"{field} '{value}' is not one of {', '.join(allowed)}")
    return value


def _optional_bool(value: str, field: str, errors: list) -> bool | None:
    value = (value or "").strip().lower()
    if not value:
        return None
    if value not in YES_NO:
        errors.append(f"{field} '{value}' must be yes or no")
    return YES_NO.get(value)


def _parse_row(row: dict, owners: dict, errors: list) -> dict:
    fields = {name: (row.get(name) or "").strip() for name in TEXT}
    fields["name"] = (row.get("name") or "").strip()
    if not fields["name"]:
        errors.append("name is empty")
    for field, allowed in ENUMS.items():
        fields[field] = _enum(row, field, allowed, errors, default=None if field == "kind" else "")
    for field in ("classification", "hosting", "status"):
        if not fields[field]:
            fields.pop(field)  # the model default
    for field in ("confidentiality", "integrity", "availability"):
        name = _enum(row, field, list(RATINGS), errors, default="medium")
        fields[field] = RATINGS.get(name)
    pii = (row.get("holds_pii") or "no").strip().lower()
    if pii not in YES_NO:
        errors.append(f"holds_pii '{pii}' must be yes or no")
    fields["holds_pii"] = YES_NO.get(pii, False)
    fields["pii_categories"] = _split(row.get("pii_categories") or "")
    for field in ("encrypted_at_rest", "encrypted_in_transit"):
        fields[field] = _optional_bool(row.get(field), field, errors)
    username = (row.get("owner") or "").strip()
    fields["owner"] = owners.get(username)
    if fields["owner"] is None:
        errors.append(f"unknown owner '{username}'")
    count = (row.get("parameter_count") or "").strip().replace("_", "")
    fields["parameter_count"] = int(count) if count.isdigit() else None
    if count and not count.isdigit():
        errors.append(f"parameter_count '{count}' is not a whole number")
    fields["artefact_sha256"] = (row.get("artefact_sha256") or "").strip().lower()
    if fields["artefact_sha256"] and not SHA256.match(fields["artefact_sha256"]):
        errors.append("artefact_sha256 must be a SHA-256 digest (64 hex digits)")
    fields["depends_on"] = _split(row.get("depends_on") or "")
    fields["training_datasets"] = _split(row.get("training_datasets") or "")
    return fields


def _check_references(rows: list[tuple[int, dict]], errors: list[str]) -> None:
    in_file = {fields["name"]: fields["kind"] for _, fields in rows}
    existing = dict(Asset.objects.values_list("name", "kind"))
    kinds = {**existing, **in_file}
    for line, fields in rows:
        for name in fields["depends_on"] + fields["training_datasets"]:
            if name not in kinds:
                errors.append(f"Row {line}: unknown asset '{name}'")
        for name in fields["training_datasets"]:
            if name in kinds and kinds[name] != Asset.Kind.DATASET:
                errors.append(f"Row {line}: training dataset '{name}' is not a dataset")
        if fields["name"] in fields["depends_on"]:
            errors.append(f"Row {line}: an asset cannot depend on itself")


def parse(data: bytes) -> list[tuple[int, dict]]:
    """Check the whole file; return [(line number, service fields)] or raise AssetCsvError."""
    reader = csv.DictReader(io.StringIO(_decode(data), newline=""))
    _check_header(reader.fieldnames)
    owners = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    existing = set(Asset.objects.values_list("name", flat=True))
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(f"Row {line}: more values than columns")
        row_errors: list[str] = []
        fields = _parse_row(row, owners, row_errors)
        name = fields["name"]
        if name in seen:
            row_errors.append(f"duplicate name '{name}' (also on row {seen[name]})")
        elif name in existing:
            row_errors.append(f"an asset named '{name}' already exists")
        seen.setdefault(name, line)
        errors += [f"Row {line}: {message}" for message in row_errors]
        rows.append((line, fields))
    if not rows and not errors:
        errors.append("The file has a header but no rows.")
    _check_references(rows, errors)
    if errors:
        raise AssetCsvError(errors)
    return rows


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def export_row(asset: Asset) -> dict:
    row = {name: getattr(asset, name) for name in TEXT + ["name", "kind", "classification",
                                                           "hosting", "status", "artefact_sha256"]}
    row.update(
        owner=asset.owner.username,
        confidentiality=RATING_NAMES[asset.confidentiality],
        integrity=RATING_NAMES[asset.integrity],
        availability=RATING_NAMES[asset.availability],
        holds_pii=_yes_no(asset.holds_pii),
        pii_categories=";".join(asset.pii_categories or []),
        depends_on=";".join(a.name for a in asset.depends_on.all()),
        training_datasets=";".join(a.name for a in asset.training_datasets.all()),
        parameter_count=asset.parameter_count or "",
        encrypted_at_rest=_yes_no(asset.encrypted_at_rest),
        encrypted_in_transit=_yes_no(asset.encrypted_in_transit),
    )
    return row


def export(assets: Iterable[Asset], out) -> None:
    """Write `assets` (prefetch owner, depends_on, training_datasets) as CSV to `out`."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for asset in assets:
        writer.writerow(export_row(asset))
