"""A database built before the domain apps moved out of isms/ and evidence/ (issue #21)
upgrades in place: rows, links, object permissions and the audit trail's hash chain survive."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from guardian.models import UserObjectPermission

BEFORE = [
    ("isms", "0008_user_time_zone"), ("evidence", "0004_list_order_index"),
    ("risks", "0003_alter_risk_inherent_level_alter_risk_residual_level"), ("controls", "0002_soa_entries"),
    ("governance", "0001_initial"), ("incidents", "0002_default_regimes"), ("packs", "0001_initial"),
    ("audits", "0002_nonconformity_incident"),
    ("assets", None), ("training", None), ("auditors", None), ("connectors", None),  # not there yet
]
AFTER = [
    ("isms", "0009_models_moved_to_domain_apps"), ("evidence", "0005_connectors_moved_app"),
    ("risks", "0004_asset_moved_app"), ("controls", "0003_asset_moved_app"),
    ("governance", "0002_person_moved_app"), ("incidents", "0003_asset_moved_app"),
    ("packs", "0002_engagement_moved_app"),
]
MOVED = {"isms": ["asset", "scope", "scopeexclusion", "person", "course", "trainingrecord",
                  "auditengagement", "auditoraccess"],
         "evidence": ["connector", "connectorrun", "policytestsuite", "policytestsuiteversion"]}


def _content_types(old):
    content_type = old.get_model("contenttypes", "ContentType")
    return {(app, model): content_type.objects.get_or_create(app_label=app, model=model)[0]
            for app, models in MOVED.items() for model in models}


def _chain_entry(old, content_type, obj, actor):
    """An audit entry as the old code chained it (isms.chain_hashing, on the historical model)."""
    from isms.chain_hashing import GENESIS_HASH, entry_digest

    ContentType.objects.clear_cache()
    entries = old.get_model("isms", "AuditEntry")
    newest = entries.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    head = newest or (0, GENESIS_HASH)
    entry = entries(
        content_type=content_type, object_pk=str(obj.pk), object_id=obj.pk, object_repr=obj.name,
        action=0, changes={"name": ["None", obj.name]}, actor=actor,
        timestamp=datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC),
        sequence=head[0] + 1, prev_hash=head[1],
    )
    entry.entry_hash = entry_digest(entry)
    entry.save()


def _old_data(old) -> dict:
    model = old.get_model
    content_types = _content_types(old)
    officer = model("isms", "User").objects.create(username="olivia")
    engineer = model("isms", "User").objects.create(username="evan")
    asset = model("isms", "Asset").objects.create(name="support-7b", kind="model", owner=engineer)
    scope = model("isms", "Scope").objects.create(version=1, statement="All SLMs", created_by=officer)
    scope.assets.add(asset)
    course = model("isms", "Course").objects.create(title="Secure prompting", validity_months=12)
    course.audience_assets.add(asset)
    person = model("isms", "Person").objects.create(name="Evan", email="evan@example.com", user=engineer)
    model("isms", "TrainingRecord").objects.create(
        person=person, course=course, completed_on=datetime.date(2026, 1, 5),
        expires_on=datetime.date(2027, 1, 5))
    engagement = model("isms", "AuditEngagement").objects.create(
        name="Stage 2", audit_firm="Northbridge", start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 2, 1))
    engagement.auditors.add(officer)
    model("evidence", "Connector").objects.create(
        name="IdP", kind="http_json", config={"url": "https://idp.example.com"}, created_by=officer)
    change_asset, _ = model("auth", "Permission").objects.get_or_create(
        codename="change_asset", content_type=content_types[("isms", "asset")],
        defaults={"name": "Can change asset"})
    # guardian's tables do not change here; bulk_create skips its save(), which loads the object
    UserObjectPermission.objects.bulk_create([UserObjectPermission(
        user_id=engineer.pk, permission_id=change_asset.pk,
        content_type_id=content_types[("isms", "asset")].pk, object_pk=str(asset.pk))])
    _chain_entry(old, content_types[("isms", "asset")], asset, officer)
    return {"asset": asset.pk, "engineer": engineer.pk, "asset_type": content_types[("isms", "asset")].pk}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([target for target in targets if target[1]]).apps


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_upgrades_in_place():
    try:
        before = _old_data(_migrate(BEFORE))  # back to main's schema before the move
        _migrate(AFTER)
        _check_upgraded(before)
    finally:
        call_command("migrate", verbosity=0)


def _check_upgraded(before: dict) -> None:
    from assets.models import Asset, Scope
    from auditors.models import AuditEngagement
    from connectors.models import Connector
    from isms.audit_chain import audit_chain_verify
    from isms.models import AuditEntry, User
    from training.models import Course, TrainingRecord

    ContentType.objects.clear_cache()
    asset = Asset.objects.get(pk=before["asset"])
    assert list(Scope.objects.get().assets.all()) == [asset]
    assert list(Course.objects.get().audience_assets.all()) == [asset]
    assert TrainingRecord.objects.get().person.user.username == "evan"
    assert AuditEngagement.objects.get().auditors.get().username == "olivia"
    assert Connector.objects.get().name == "IdP"
    # The content types moved with their rows: the same id, now under the new app.
    assert ContentType.objects.get_for_model(Asset).pk == before["asset_type"]
    assert not ContentType.objects.filter(app_label="isms", model__in=MOVED["isms"]).exists()
    assert not ContentType.objects.filter(app_label="evidence", model__in=MOVED["evidence"]).exists()
    # So the engineer's object permission on the asset holds, and the audit trail still verifies.
    assert User.objects.get(pk=before["engineer"]).has_perm("assets.change_asset", asset)
    assert AuditEntry.objects.get(object_repr="support-7b").content_type.model_class() is Asset
    verification = audit_chain_verify()
    assert verification.ok and verification.checked == AuditEntry.objects.count()
