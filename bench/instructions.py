"""Instructions per request of the list pages, counted by valgrind's callgrind (issue #11).

Wall and CPU times on a shared machine drift by half within minutes; the number of instructions
the Python process runs for a request does not. Use it to compare two versions of the code on
the same workload (docs/performance.md, "Counting instructions"):

    .venv/bin/python bench/instructions.py [--requests 5] [--pages risks,SoA] [--output FILE]

For each page two processes run under callgrind: one signs in and serves the page twice (the
warm-up of bench/run.py), the other serves it `--requests` more times; the difference divided by
that number is one request. The count is of this process only: PostgreSQL's own work is not in
it (bench/run.py's wall time is). Needs valgrind (Debian package `valgrind`) and the benchmark
database of bench/run.py; it takes about 90 s per page, pages run in parallel, one per CPU.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results" / "instructions.json"
WARM_UP = 2


def serve(url: str, requests: int) -> None:
    """In the process under callgrind: sign in, warm up, then serve `url` `requests` times."""
    # regopy's allocator (snmalloc) refuses to start under valgrind; no list page evaluates a
    # Rego policy, so a stand-in module lets the project load.
    regopy = types.ModuleType("regopy")
    regopy.Input = regopy.Interpreter = object
    regopy.RegoError = Exception
    sys.modules["regopy"] = regopy
    sys.argv = [sys.argv[0]]
    sys.path.insert(0, str(BENCH))
    import run  # noqa: PLC0415 - sets up Django as bench/run.py measures pages
    from django.test import Client  # noqa: PLC0415

    from isms.models import User  # noqa: PLC0415

    client = Client()
    client.force_login(User.objects.get(username="bench-officer"))
    for _ in range(WARM_UP + requests):
        run._consume(client.get(url))


def count(url: str, requests: int) -> int:
    """Instructions of a process that serves `url` `requests` times after the warm-up."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, __file__, "--serve", url, "--requests", str(requests)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}  # the same dict layouts, run after run
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)  # noqa: S603
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        sys.exit(f"valgrind failed for {url}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_request(url: str, requests: int) -> int:
    return (count(url, requests) - count(url, 0)) // requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5)
    parser.add_argument("--pages", default="", help="comma-separated names of bench/run.py's pages")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.requests)
        return
    sys.argv = [sys.argv[0]]
    sys.path.insert(0, str(BENCH))
    import run  # noqa: PLC0415 - the page list, and a check that the benchmark database is there

    wanted = set(filter(None, args.pages.split(",")))
    pages = [(name, url) for name, url, _ in run._pages() if not wanted or name in wanted]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip([name for name, _ in pages],
                          pool.map(lambda page: per_request(page[1], args.requests), pages), strict=True))
    print(f"{'page':<18} {'instructions per request':>26}")
    for name, instructions in counts.items():
        print(f"{name:<18} {instructions / 1e6:>24.1f} M")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BENCH,  # noqa: S607
                            capture_output=True, text=True).stdout.strip()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"commit": commit, "requests": args.requests,
                                       "instructions_per_request": counts}, indent=2) + "\n")
    print(f"\nwritten: {args.output}")


if __name__ == "__main__":
    main()
