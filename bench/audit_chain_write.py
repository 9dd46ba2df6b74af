"""Cost of the audit trail's hash chain per audited write.

Run against PostgreSQL (it creates and drops a throwaway database bench_<name>, so nothing is
written to the database DATABASE_URL names):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/isms .venv/bin/python bench/audit_chain_write.py [N]

Each write is one transaction that saves an audited row (an AuditEngagement rename), as a
service would. Three runs of N writes (default 2,000):
  no audit   auditlog disabled: the bare cost of the write
  unchained  audit entry inserted without the chain (no lock, no head read, no hashing)
  chained    the real thing: advisory lock, head read, SHA-256, insert
"""

import itertools
import os
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isms.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-0123456789-0123456789")
os.environ.setdefault("CONNECTOR_SECRET_KEY", "YmVuY2gtb25seS1jb25uZWN0b3Ita2V5LTMyYnl0ZXM=")

import django  # noqa: E402

django.setup()

from auditlog.context import disable_auditlog  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from isms.models import audit as audit_models  # noqa: E402

_fake_sequence = itertools.count(10**12)


def _unchained_link(entry, using):
    entry.sequence = next(_fake_sequence)
    entry.prev_hash, entry.entry_hash = secrets.token_hex(32), secrets.token_hex(32)


def _run(label: str, writes: int) -> float:
    from auditors.models import AuditEngagement

    engagement = AuditEngagement.objects.create(
        name=f"{label} 0", audit_firm="Bench Ltd", start_date="2026-01-01", end_date="2026-12-31"
    )
    start = time.perf_counter()
    for n in range(1, writes + 1):
        with transaction.atomic():
            engagement.name = f"{label} {n}"
            engagement.save()
    per_write = (time.perf_counter() - start) * 1000 / writes
    print(f"{label:10} {writes} writes  {per_write:.3f} ms/write")
    return per_write


def main() -> None:
    writes = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    if connection.vendor != "postgresql":
        print("note: not PostgreSQL; numbers are for", connection.vendor)
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        _run("warm-up", 100)
        with disable_auditlog():
            bare = _run("no audit", writes)
        chained = _run("chained", writes)
        real_link = audit_models.chain_link
        audit_models.chain_link = _unchained_link
        try:
            unchained = _run("unchained", writes)
        finally:
            audit_models.chain_link = real_link
        print(f"audit entry: +{unchained - bare:.3f} ms/write; "
              f"hash chain on top: +{chained - unchained:.3f} ms/write "
              f"({(chained / unchained - 1) * 100:.0f}% over an unchained audited write)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
