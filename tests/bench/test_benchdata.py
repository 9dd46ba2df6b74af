"""The benchmark workload generator: deterministic, complete, refuses a database in use."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from assets.models import Asset
from bench.data import BenchDataRefused, bench_data_generate
from controls.models import SoAEntry
from evidence.models import Evidence, EvidenceFile
from isms.models import AuditEntry
from risks.models import Risk
from tests import factories
from training.models import Person, TrainingRecord

pytestmark = pytest.mark.django_db

SMALL = {"assets": 30, "risks": 40, "evidence": 12, "people": 9, "audited_edits": 5}


def _snapshot() -> dict:
    return {
        "assets": list(Asset.objects.order_by("name").values_list(
            "name", "kind", "classification", "holds_pii", "base_model", "owner__username")),
        "dependencies": sorted(
            Asset.depends_on.through.objects.values_list("from_asset__name", "to_asset__name")),
        "risks": list(Risk.objects.order_by("title").values_list(
            "title", "inherent_score", "residual_score", "residual_level", "owner__username")),
        "evidence": list(
            EvidenceFile.objects.order_by("original_name").values_list("original_name", "sha256")),
        "training": sorted(TrainingRecord.objects.values_list("person__email", "course__title", "score")),
    }


def _wipe() -> None:
    """Back to an empty ISMS; flush's post_migrate reloads Annex A, the threats and the roles."""
    call_command("flush", "--no-input", verbosity=0)


def test_bench_data_generate_builds_the_whole_workload():
    report = bench_data_generate(**SMALL, seed=7)
    counts = [model.objects.count() for model in (Asset, Risk, Evidence, Person)]
    assert counts == [30, 40, 12, 9]
    assert Asset.objects.filter(depends_on__isnull=False).exists()
    assert Asset.objects.filter(kind="model").exclude(base_model="").exists()
    assert not SoAEntry.objects.filter(applicable__isnull=True).exists()  # a decided SoA
    assert TrainingRecord.objects.count() == report.counts["training records"]
    from connectors.models import Connector, ConnectorRun

    assert Connector.objects.count() == 4 and Connector.objects.filter(controls__isnull=False).exists()
    assert ConnectorRun.objects.count() == report.counts["connector runs"] == 200
    assert ConnectorRun.objects.filter(status="failed").exists()


def test_bench_data_files_are_real_and_hashed():
    bench_data_generate(**SMALL, seed=7)
    for stored in EvidenceFile.objects.all():
        with default_storage.open(stored.file.name) as handle:
            content = handle.read()
        assert (len(content), hashlib.sha256(content).hexdigest()) == (stored.size, stored.sha256)


def test_bench_data_audit_log_is_off_for_the_bulk_rows_only():
    before = AuditEntry.objects.count()
    bench_data_generate(**SMALL, seed=7)
    # Only the audited edits at the end write entries (one per edit), none for the bulk rows.
    assert AuditEntry.objects.count() - before == SMALL["audited_edits"]


@pytest.mark.django_db(transaction=True)
def test_bench_data_same_seed_gives_the_same_data():
    bench_data_generate(**SMALL, seed=3)
    first = _snapshot()
    _wipe()
    bench_data_generate(**SMALL, seed=3)
    assert _snapshot() == first


def test_bench_data_refuses_a_database_with_an_isms():
    factories.AssetFactory()
    with pytest.raises(BenchDataRefused, match="already has assets"):
        bench_data_generate(**SMALL)
    assert Asset.objects.count() == 1  # nothing added


def test_generate_bench_data_command_says_the_audit_log_is_off(capsys):
    call_command("generate_bench_data", "--assets", "5", "--risks", "5", "--evidence", "2",
                 "--people", "3", "--audited-edits", "0", "--seed", "1")
    out = capsys.readouterr().out
    assert "Audit log switched OFF" in out and "Benchmark data ready" in out


def test_generate_bench_data_command_refuses_with_a_clear_error():
    factories.AssetFactory()
    with pytest.raises(CommandError, match="freshly migrated database"):
        call_command("generate_bench_data", "--assets", "5")
