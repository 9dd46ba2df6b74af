"""Benchmarks of the standard large ISMS (issue #11): prints a table, writes bench/results/latest.json.

Prepare once, on PostgreSQL (see docs/performance.md):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/isms_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py generate_bench_data --assets 1000 --risks 2000 --evidence 5000 --seed 42
    .venv/bin/python bench/run.py [--repeat 10] [--upload-mb 1024] [--skip upload,fresh,pack]

Server time is the time of the whole Django request cycle (middleware, view, template, and
for exports the streamed body consumed), measured in-process through Django's test Client
with DEBUG off: no network and no web server in the figure. Each page is requested twice to
warm up, once with the queries captured (the count), then `--repeat` times for the timings.
The officer (a compliance officer, who sees every row) is the signed-in user.

The cache is Redis (database 13) when it answers on 127.0.0.1:6379, as in production
(CACHE_URL). Each list page is measured twice: as people mostly see it, with its fragments kept
since the last change to the ISMS ({% cache %}, isms.fragments), and "after a change", with
nothing kept (the fragments' cache replaced by Django's DummyCache), which is the first view of
every page after any change.

Other measures run in child processes: `migrate` + `seed_demo` on a freshly created empty
database (FRESH_DATABASE_URL, default: <DATABASE_URL>_fresh), the 1 GB upload through the API
to a gunicorn worker (bench/evidence_upload.py, against that fresh database) and the audit
pack (`build_audit_pack`, when an app provides that command).
"""

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isms.settings")
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-0123456789-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")  # no collectstatic needed for the pages

import socket  # noqa: E402
import warnings  # noqa: E402


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), 1).close()
    except OSError:
        return False
    return True


if "CACHE_URL" not in os.environ and _redis_answers():
    os.environ["CACHE_URL"] = "redis://127.0.0.1:6379/13"

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: no collectstatic here

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "latest.json"
TARGETS = {"list": 0.025, "csv": 0.3, "fresh": 30.0, "pack": 30.0, "upload_growth_mb": 100}


def _pages() -> list[tuple[str, str, str]]:
    """(name, url, how the 100 rows are asked for)."""
    return [
        ("assets", reverse("assets:asset-list") + "?per_page=100", "?per_page=100"),
        ("risks", reverse("risks:risk-list") + "?per_page=100", "?per_page=100, with the heatmaps"),
        ("evidence", reverse("evidence:evidence-list") + "?per_page=100", "?per_page=100"),
        ("SoA", reverse("controls:soa-list"), "all 93 Annex A rows (one page)"),
        ("training matrix", reverse("training:training-matrix") + "?team=ml-platform",
         "one team: 100 people x the courses"),
        ("audit trail", reverse("audittrail-list") + "?per_page=100", "?per_page=100"),
    ]


def _consume(response) -> int:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(body)


def _measure(client: Client, url: str, repeat: int) -> dict:
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, f"{url}: HTTP {response.status_code}"
        _consume(response)
    queries = []
    # A wrapper, not CaptureQueriesContext: request_started resets connection.queries.
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        size = _consume(client.get(url))
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        _consume(client.get(url))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return {"url": url, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "cpu_median_s": statistics.median(cpu), "queries": len(queries), "bytes": size, "repeat": repeat}


def measure_pages(repeat: int) -> dict:
    from isms.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-officer"))
    caches["default"].clear()
    results = {}
    for name, url, how in _pages():
        results[name] = {**_measure(client, url, repeat), "rows": how}
    nothing_kept = {**settings.CACHES, "template_fragments": {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=nothing_kept):
        for name, url, how in _pages():
            results[f"{name} (after a change)"] = {**_measure(client, url, repeat), "rows": how}
    for fmt in ("csv", "xlsx"):
        url = reverse("risks:risk-export") + f"?format={fmt}"
        results[f"risk register {fmt.upper()}"] = {**_measure(client, url, repeat), "rows": "all 2,000 risks"}
    return results


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _manage(*args: str, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the manage.py process) of one command."""
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args, "-v", "0"],  # noqa: S603
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started, _children_cpu() - cpu


def _fresh_url() -> str:
    return os.environ.get("FRESH_DATABASE_URL") or os.environ["DATABASE_URL"].rstrip("/") + "_fresh"


def _recreate(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def measure_fresh() -> dict:
    """migrate + seed_demo on an empty database, each in its own process as a user runs them."""
    url = _fresh_url()
    _recreate(url)
    env = os.environ | {"DATABASE_URL": url}
    (migrate, migrate_cpu), (seed, seed_cpu) = _manage("migrate", env=env), _manage("seed_demo", env=env)
    return {"database": url.rsplit("/", 1)[1], "migrate_s": migrate, "seed_demo_s": seed,
            "total_s": migrate + seed, "python_cpu_s": migrate_cpu + seed_cpu}


def measure_pack() -> dict:
    """The full pack through `build_audit_pack` (bench/audit_pack.py): wall time, CPU and peak
    memory of the whole process tree, and the ZIP of the evidence alone."""
    from audit_pack import measure  # bench/audit_pack.py

    return measure(os.environ.copy())


def measure_upload(size_mb: int) -> dict:
    from evidence_upload import measure  # bench/evidence_upload.py

    return measure(size_mb, database_url=_fresh_url())


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def print_table(report: dict) -> None:
    print(f"\n{'measure':<22} {'median':>9} {'min':>9} {'max':>9} {'cpu':>9} {'queries':>8}  target")
    for name, r in report["pages"].items():
        target = TARGETS["csv"] if "CSV" in name else None if "XLSX" in name else TARGETS["list"]
        verdict = f"<= {target * 1000:g} ms {_verdict(r['median_s'], target)}" if target else "-"
        print(f"{name:<22} {r['median_s'] * 1000:>7.1f}ms {r['min_s'] * 1000:>7.1f}ms "
              f"{r['max_s'] * 1000:>7.1f}ms {r['cpu_median_s'] * 1000:>7.1f}ms {r['queries']:>8}  "
              f"{verdict}   ({r['rows']})")
    fresh = report.get("fresh")
    if fresh:
        verdict = _verdict(fresh["total_s"], TARGETS["fresh"])
        print(f"{'migrate + seed_demo':<22} {fresh['total_s']:>8.1f}s  (migrate {fresh['migrate_s']:.1f} s, "
              f"seed_demo {fresh['seed_demo_s']:.1f} s; Python CPU {fresh['python_cpu_s']:.1f} s)  "
              f"<= 30 s {verdict}")
    upload = report.get("upload")
    if upload:
        label = f"upload {upload['size_mb']} MB"
        print(f"{label:<22} {upload['seconds']:>8.1f}s  HTTP {upload['status']}, "
              f"worker +{upload['worker_growth_mb']} MB (peak {upload['worker_peak_mb']} MB), "
              f"SHA-256 matches: {upload['sha256_matches']}  <= 100 MB "
              f"{_verdict(upload['worker_growth_mb'], TARGETS['upload_growth_mb'])}")
    pack = report.get("pack")
    if pack:
        built, bundle = pack["pack"], pack["zip"]
        print(f"{'audit pack':<22} {built['wall_seconds']:>8.1f}s  {built['pages']} pages, "
              f"CPU {built['cpu_seconds_tree']} s, peak {built['peak_tree_mib']} MiB (process tree)  "
              f"<= 30 s {_verdict(built['wall_seconds'], TARGETS['pack'])}, <= 1024 MiB "
              f"{_verdict(built['peak_tree_mib'], 1024)}")
        print(f"{'evidence ZIP':<22} {bundle['seconds']:>8.1f}s  {bundle['files']} files, "
              f"{bundle['queries']} queries  <= 3 s {_verdict(bundle['seconds'], 3.0)}")


def machine_speed(repeat: int = 15) -> float:
    """Median ms of a fixed pure-Python loop, measured before and after the pages: the same
    code's wall times differ between machines and minutes by as much as two fixes do, and
    this says how fast this one was (a machine twice as slow doubles it)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        sum(n * n for n in range(200_000))
        times.append(time.process_time() - start)
    return round(statistics.median(times) * 1000, 2)


def _context() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,  # noqa: S607
                            capture_output=True, text=True).stdout.strip()
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        db_version = cursor.fetchone()[0].split(",")[0]
    return {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit,
            "python": platform.python_version(), "database": db_version, "cpus": os.cpu_count(),
            "debug": settings.DEBUG, "machine": platform.machine(),
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1],
            "load_average_before": [round(n, 2) for n in os.getloadavg()]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--upload-mb", type=int, default=1024)
    parser.add_argument("--skip", default="", help="comma-separated: pages, fresh, upload, pack")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if connection.vendor != "postgresql":
        sys.exit("bench/run.py measures on PostgreSQL: set DATABASE_URL (see docs/performance.md).")
    report = {"context": _context()}
    report["context"]["speed_loop_ms_before"] = machine_speed()
    if "pages" not in skip:
        report["pages"] = measure_pages(args.repeat)
    report["context"]["speed_loop_ms_after"] = machine_speed()
    if "pack" not in skip:
        report["pack"] = measure_pack()
    if "fresh" not in skip:
        report["fresh"] = measure_fresh()
    if "upload" not in skip:
        if "fresh" in skip:  # the upload needs a migrated database with the demo officer
            report["fresh"] = measure_fresh()
        report["upload"] = measure_upload(args.upload_mb)
    report.setdefault("pages", {})
    report["context"]["load_average_after"] = [round(n, 2) for n in os.getloadavg()]
    print_table(report)
    print(f"\nload average (1, 5, 15 min) before {report['context']['load_average_before']}, after "
          f"{report['context']['load_average_after']} on {os.cpu_count()} CPUs: wall times include waiting "
          "for a CPU; the cpu column is this process's own time.")
    context = report["context"]
    print(f"machine speed: a fixed Python loop took {context['speed_loop_ms_before']} ms before the pages "
          f"and {context['speed_loop_ms_after']} ms after (lower is faster; compare runs at similar values).")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nwritten: {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
