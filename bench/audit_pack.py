"""Benchmark: the full audit pack (PDF + ZIP) of a large ISMS, and the ZIP of its evidence alone.

Uses its own PostgreSQL database (BENCH_DATABASE_URL, default .../isms_pck_bench) and media
folder (var/bench-media). With --generate it creates and migrates the database and loads the
standard workload (`generate_bench_data --assets 1000 --risks 2000 --evidence 5000 --seed 42`,
see docs/performance.md) if the database has no assets yet. bench/run.py calls `measure()` on
its own benchmark database.

The pack is built by `manage.py build_audit_pack` in a child process (the same service as the
Celery job). CPU seconds of the whole tree are reported beside the wall time, since a shared
machine's load stretches the latter. Peak memory is reported two ways: the sum of the resident
memory of the whole process tree (the command, the forkserver and its WeasyPrint workers),
sampled every 50 ms,
and getrusage's max RSS of SELF and CHILDREN (the largest single process).

    .venv/bin/python bench/audit_pack.py --generate [--workers N]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/isms_pck_bench"


def _environment() -> dict:
    env = os.environ | {
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(ROOT / "var" / "bench-media")), "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "isms.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop"),
        "CELERY_TASK_ALWAYS_EAGER": "1", "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    return env


def _create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _children(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:  # a process that exits meanwhile: its /proc entries vanish (glob raises then)
            tasks = list(Path(f"/proc/{current}/task").glob("*"))
        except OSError:
            continue
        for task in tasks:
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            found.extend(kids)
            stack.extend(kids)
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):  # gone, or read while exiting
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _build_pack(env: dict, workers: int | None) -> dict:
    out = Path(tempfile.mkdtemp(prefix="bench-pack-"))
    command = [PY, "manage.py", "build_audit_pack", "-o", str(out), "--user", "bench-officer"]
    if workers:
        command += ["--workers", str(workers)]
    peak, cpu, errors = {"tree_kib": 0}, {}, []
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603

    def sample():
        while process.poll() is None:
            try:
                tree = [process.pid, *_children(process.pid)]
                peak["tree_kib"] = max(peak["tree_kib"], sum(_rss_kib(p) for p in tree))
                for pid in tree:  # CPU time used by every process of the tree (last value seen)
                    cpu[pid] = max(cpu.get(pid, 0.0), _cpu_seconds(pid))
            except Exception as error:  # noqa: BLE001 (one missed sample, not a dead sampler)
                errors.append(repr(error))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode:
        raise SystemExit("the pack build failed")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall_seconds": round(seconds, 1), "cpu_seconds_tree": round(sum(cpu.values()), 1),
            "peak_tree_mib": round(peak["tree_kib"] / 1024),
            "max_rss_children_mib": round(children / 1024), "output": str(out),
            **({"sampling_errors": errors[:5]} if errors else {})}


def _zip_only() -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from packs.bundle import Bundle
    from packs.evidence_files import current_files

    workdir = Path(tempfile.mkdtemp(prefix="bench-zip-"))
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        files = current_files(timezone.localdate())
        bundle = Bundle(workdir / "evidence.zip")
        bundle.add_manifest({"bench": True}, bundle.add_evidence(files, lambda n: None))
        bundle.close()
        seconds = time.perf_counter() - started
    return {"files": len(files), "seconds": round(seconds, 2), "queries": len(queries)}


def measure(env: dict, workers: int | None = None) -> dict:
    """The ZIP alone (in this process, which must have Django set up) and the whole pack."""
    from packs.models import AuditPack

    result = {"zip": _zip_only(), "pack": _build_pack(env, workers)}
    pack = AuditPack.objects.order_by("-pk").first()
    result["pack"] |= {"pages": pack.page_count, "evidence_files": pack.file_count,
                       "build_seconds": round(pack.duration.total_seconds(), 1),
                       "pdf_mib": round(pack.pdf_size / 2**20, 1), "zip_mib": round(pack.zip_size / 2**20, 1)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--workers", type=int)
    args = parser.parse_args()
    env = _environment()
    if args.generate:
        _create_database(env["DATABASE_URL"])
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from assets.models import Asset

    if args.generate and not Asset.objects.exists():
        call_command("generate_bench_data", assets=1000, risks=2000, evidence=5000, seed=42)
    result = measure(env, args.workers)
    result["self_max_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    result["cpus"] = os.cpu_count()
    result["load_average_1m"] = os.getloadavg()[0]
    print(json.dumps(result, indent=2))
    (ROOT / "var" / "bench-audit-pack.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
