"""Git repository: HEAD commit, CODEOWNERS, CI configuration, chosen policy files and the share
of signed commits, read with the `git` CLI from a local path or a fresh clone of a URL.

For an https URL the secret is sent as an `Authorization: Bearer` header (through git's
environment configuration, so it never appears in a process list or the clone's config)."""

import os
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

from django.conf import settings

from connectors.kinds.errors import PermanentError, TransientError

EXAMPLE = {
    "url": "https://git.example.com/ml/inference-gateway.git",
    "branch": "main",
    "files": ["SECURITY.md", ".github/branch-protection.json"],
    "commits": 200,
}
CODEOWNERS_PATHS = ["CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"]
CI_PREFIXES = [
    ".github/workflows/",
    ".gitlab-ci.yml",
    "Jenkinsfile",
    ".circleci/",
    "azure-pipelines.yml",
    ".woodpecker",
    "bitbucket-pipelines.yml",
]
MAX_FILE_BYTES = 200_000
TRANSIENT_HINTS = (
    "Could not resolve host",
    "Connection refused",
    "timed out",
    "Connection reset",
    "Failed to connect",
    "Couldn't connect",
    "The requested URL returned error: 5",
    "early EOF",
)


def check_config(config: dict) -> list[str]:
    url, path = config.get("url"), config.get("path")
    problems = []
    if bool(url) == bool(path):
        problems.append("Give exactly one of “url” (http/https clone URL) or “path” (a local repository).")
    if url and urllib.parse.urlsplit(str(url)).scheme not in ("http", "https"):
        problems.append("“url” must be an http:// or https:// clone URL.")
    if path and not os.path.isabs(str(path)):
        problems.append("“path” must be an absolute path.")
    if not isinstance(config.get("files", []), list):
        problems.append("“files” must be a list of paths in the repository.")
    commits = config.get("commits", 100)
    if not isinstance(commits, int) or not 1 <= commits <= 10_000:
        problems.append("“commits” must be a whole number from 1 to 10000.")
    return problems


def _git(args: list[str], *, cwd=None, env=None, input_bytes=None) -> bytes:
    try:
        done = subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607  (git from PATH, as an operator installs it)
            cwd=cwd,
            env=env,
            input=input_bytes,
            capture_output=True,
            timeout=settings.CONNECTOR_TIMEOUT * 3,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise TransientError(f"git {args[0]} did not finish within the timeout.") from error
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        text = message[-1] if message else f"git {args[0]} failed"
        if any(hint in "\n".join(message) for hint in TRANSIENT_HINTS):
            raise TransientError(text)
        raise PermanentError(text)
    return done.stdout


def _env(secret: str) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GIT_TERMINAL_PROMPT": "0",
        "HOME": "/nonexistent",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if secret:
        env |= {
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "http.extraHeader",
            "GIT_CONFIG_VALUE_0": f"Authorization: Bearer {secret}",
        }
    return env


def _show(repo: str, ref: str, path: str, env: dict) -> str | None:
    try:
        return _git(["show", f"{ref}:{path}"], cwd=repo, env=env)[:MAX_FILE_BYTES].decode(errors="replace")
    except PermanentError:
        return None


def signed_share(repo: str, ref: str, count: int, env: dict) -> dict:
    """How many of the last `count` commits carry a signature (gpg, ssh or x509): the header is
    read from the commit objects; verifying it needs the signers' keys, which we do not hold."""
    shas = _git(["rev-list", f"--max-count={count}", ref], cwd=repo, env=env).split()
    if not shas:
        return {"checked": 0, "signed": 0, "share": None}
    raw = _git(["cat-file", "--batch"], cwd=repo, env=env, input_bytes=b"\n".join(shas) + b"\n")
    signed = raw.count(b"\ngpgsig ") + raw.count(b"\ngpgsig-sha256 ")
    return {"checked": len(shas), "signed": signed, "share": round(signed / len(shas), 4)}


def _inspect(repo: str, config: dict, env: dict) -> dict:
    ref = config.get("branch") or "HEAD"
    head = _git(["log", "-1", "--format=%H%n%an%n%aI%n%s", ref], cwd=repo, env=env).decode().split("\n")
    names = _git(["ls-tree", "-r", "--name-only", ref], cwd=repo, env=env).decode().splitlines()
    codeowners_path = next((p for p in CODEOWNERS_PATHS if p in names), None)
    files = {p: _show(repo, ref, p, env) for p in config.get("files", [])}
    return {
        "head": {
            "sha": head[0],
            "author": head[1],
            "date": head[2],
            "subject": head[3] if len(head) > 3 else "",
        },
        "ref": ref,
        "codeowners": {
            "path": codeowners_path,
            "content": _show(repo, ref, codeowners_path, env) if codeowners_path else None,
        },
        "ci_files": [n for n in names if any(n.startswith(p) for p in CI_PREFIXES)],
        "files": files,
        "missing_files": [p for p, content in files.items() if content is None],
        "signed_commits": signed_share(repo, ref, int(config.get("commits", 100)), env),
    }


def collect(config: dict, secret: str) -> dict:
    env = _env(secret)
    if config.get("path"):
        path = Path(config["path"])
        if not path.exists():
            raise PermanentError(f"There is no repository at {path}.")
        return {"source": str(path), **_inspect(str(path), config, env)}
    with tempfile.TemporaryDirectory(prefix="isms-git-") as tmp:
        args = ["clone", "--quiet", "--bare", "--filter=blob:limit=1m", "--single-branch"]
        if config.get("branch"):
            args += ["--branch", config["branch"]]
        _git([*args, "--", config["url"], tmp + "/repo"], env=env)
        return {"source": config["url"], **_inspect(tmp + "/repo", config, env)}
