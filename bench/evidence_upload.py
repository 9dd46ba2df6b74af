"""Benchmark: one large evidence upload through the REST API, as a CI pipeline sends it.

Starts gunicorn (one sync worker, DEBUG off) on 127.0.0.1 against a throw-away SQLite database
(or DATABASE_URL when set), streams a multipart body of SIZE_MB megabytes without holding it in
memory, and reports the time, the server worker's memory (resident before, peak during) and
whether the SHA-256 the server computed matches the one computed here.

    .venv/bin/python bench/evidence_upload.py [SIZE_MB]      # default 200
"""

import hashlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = 8765
CHUNK = 1024 * 1024
BOUNDARY = "benchboundary7f3a"


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("gunicorn worker did not start")


def payload_chunks(size: int):
    """Plain-text evidence (a log), generated on the fly, so the client never holds it either."""
    line = b"2026-11-24T10:00:00Z inference-gateway request ok latency_ms=42 tokens=512\n"
    block = line * (CHUNK // len(line))
    sent = 0
    while sent < size:
        piece = block[: min(len(block), size - sent)]
        sent += len(piece)
        yield piece


def upload(key: str, size: int) -> tuple[int, bytes, float, str]:
    """POST one evidence file of `size` bytes; returns status, body, seconds, local SHA-256."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nInference log\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="controls"\r\n\r\n8.15\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="gateway.log"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    digest = hashlib.sha256()
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    started = time.perf_counter()
    conn.putrequest("POST", "/api/v1/evidence/")
    conn.putheader("Authorization", f"Token {key}")
    conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
    conn.putheader("Content-Length", str(len(head) + size + len(tail)))
    conn.endheaders()
    conn.send(head)
    for piece in payload_chunks(size):
        digest.update(piece)
        conn.send(piece)
    conn.send(tail)
    response = conn.getresponse()
    body = response.read()
    return response.status, body, time.perf_counter() - started, digest.hexdigest()


def measure(size_mb: int, database_url: str | None = None) -> dict:
    """Upload one file of `size_mb` MB to a fresh gunicorn worker; the report as a dict."""
    size = size_mb * 1024 * 1024
    tmp = Path(tempfile.mkdtemp(prefix="isms-bench-"))
    env = os.environ | {
        "DEBUG": "0", "SECRET_KEY": "bench-only-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "CONNECTOR_SECRET_KEY": "YmVuY2gtb25seS1jb25uZWN0b3Ita2V5LTMyYnl0ZXM=",
        "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0", "STATIC_MANIFEST": "0",
        "MEDIA_ROOT": str(tmp / "media"), "CELERY_TASK_ALWAYS_EAGER": "1",
        "CELERY_BROKER_URL": "memory://", "EVIDENCE_MAX_UPLOAD_BYTES": str(size + CHUNK),
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True)  # noqa: S603
    key = subprocess.run(  # noqa: S603
        [*manage, "shell", "-c", (
            "from demo.seed import demo_seed; from evidence.services import create_api_token;"
            "u = demo_seed()['officer']; print(create_api_token(acting_user=u, name='bench')[1])"
        )], env=env, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()[-1]

    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/gunicorn"), "isms.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "1",
         "--timeout", "600"], env=env, cwd=ROOT, stderr=subprocess.DEVNULL,
    )
    try:
        worker = worker_pid(server.pid)
        time.sleep(1.5)
        upload(key, CHUNK)  # warm-up: the first request imports the API, serializers, libmagic
        before = rss_kib(worker)
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kib(worker))
                time.sleep(0.05)

        threading.Thread(target=sample, daemon=True).start()
        status, body, elapsed, local_sha = upload(key, size)
        done.set()
        peak_kib = max(peak[0], rss_kib(worker, "VmHWM"))
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = json.loads(body) if status == 201 else {"error": body[:500].decode()}
    server_sha = result.get("version", {}).get("files", [{}])[0].get("sha256")
    report = {
        "size_mb": size_mb, "status": status, "seconds": round(elapsed, 2),
        "mb_per_s": round(size_mb / elapsed, 1), "worker_rss_before_mb": round(before / 1024, 1),
        "worker_peak_mb": round(peak_kib / 1024, 1),
        "worker_growth_mb": round((peak_kib - before) / 1024, 1),
        "sha256_matches": server_sha == local_sha,
    }
    shutil.rmtree(tmp, ignore_errors=True)  # the stored copy: a gigabyte we do not keep
    return report


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 200), indent=2))
