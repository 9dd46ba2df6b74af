"""Real local services for the connector kinds: a threaded HTTP server (JSON API and an
OpenAI-compatible chat-completions endpoint), a static file server for git's dumb HTTP
protocol, and git repositories made with the git CLI."""

import json
import subprocess
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

TOKEN = "s3cret-token"
USERS = [
    {"id": 1, "profile": {"login": "alice", "email": "alice@example.com"}, "mfa": {"enrolled": True}},
    {"id": 2, "profile": {"login": "bob", "email": "bob@example.com"}, "mfa": {"enrolled": False}},
]


class FakeApi(BaseHTTPRequestHandler):
    """Routes: /users (needs the bearer token), /public, /error (500), /forbidden (403),
    /malformed, /slow, /redirect, /v1/chat/completions (needs the token), /open/v1/chat/completions
    (answers anyone)."""

    def log_message(self, *args):
        pass

    def _send(self, status: int, body, content_type="application/json"):
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _authorised(self) -> bool:
        return self.headers.get("Authorization") == f"Bearer {TOKEN}"

    def do_GET(self):  # noqa: N802
        self.server.hits.append(("GET", self.path, self.headers))
        if self.path == "/users":
            return (
                self._send(200, USERS) if self._authorised() else self._send(401, {"error": "unauthorised"})
            )
        if self.path == "/public":
            return self._send(200, {"settings": {"mfa_required": True, "session_hours": 8}, "noise": [1, 2]})
        if self.path == "/error":
            return self._send(500, {"error": "boom"})
        if self.path == "/forbidden":
            return self._send(403, {"error": "no"})
        if self.path == "/malformed":
            return self._send(200, b'{"users": [1, 2', "application/json")
        if self.path == "/slow":
            time.sleep(3)
            return self._send(200, {})
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "http://example.com/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return self._send(404, {"error": "not found"})

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.hits.append(("POST", self.path, self.headers, body))
        if self.path not in ("/v1/chat/completions", "/open/v1/chat/completions"):
            return self._send(404, {"error": "not found"})
        if self.path.startswith("/v1") and not self._authorised():
            return self._send(
                401, {"error": {"message": "Missing or invalid API key", "type": "invalid_request_error"}}
            )
        prompt = body["messages"][-1]["content"]
        answer = next(
            (a for key, a in self.server.answers.items() if key in prompt), "I cannot help with that."
        )
        return self._send(
            200,
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10},
            },
        )


class QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(server):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def api_server():
    """A real HTTP server on a free port; `.url(path)`, `.hits`, `.answers` (prompt part -> answer)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeApi)
    server.hits, server.answers = [], {}
    server.url = lambda path: f"http://127.0.0.1:{server.server_address[1]}{path}"
    _serve(server)
    yield server
    server.shutdown()
    server.server_close()


def git(cwd, *args, env=None):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env).stdout.decode()


@pytest.fixture
def git_repo_path(tmp_path):
    """A repository with CODEOWNERS, a CI workflow and a security policy: three commits, the last
    one signed with an SSH key (git's ssh signing; no gpg agent needed)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test Engineer")
    git(repo, "config", "user.email", "engineer@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    (repo / "README.md").write_text("# gateway\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Initial commit")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n")
    (repo / "CODEOWNERS").write_text("* @ml-platform/security\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "CI and code owners")
    key = tmp_path / "signing_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    (repo / "SECURITY.md").write_text("Report vulnerabilities to security@example.com\n")
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "gpg.format=ssh",
        "-c",
        f"user.signingkey={key}",
        "commit",
        "-q",
        "-S",
        "-m",
        "Security policy",
    )
    return repo


@pytest.fixture
def git_http(git_repo_path, tmp_path):
    """The repository as a bare clone served over git's dumb HTTP protocol by a static server."""
    root = tmp_path / "served"
    root.mkdir()
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(git_repo_path), str(root / "gateway.git")], check=True
    )
    git(root / "gateway.git", "update-server-info")
    handler = partial(QuietFiles, directory=str(root))
    server = _serve(ThreadingHTTPServer(("127.0.0.1", 0), handler))
    yield f"http://127.0.0.1:{server.server_address[1]}/gateway.git"
    server.shutdown()
    server.server_close()
