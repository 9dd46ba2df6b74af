"""The git kind against repositories made by the test (local path and a clone over HTTP)."""

import pytest

from connectors.kinds import PermanentError, TransientError, git_repo
from connectors.runs import run_connector
from tests.connectors.builders import connector

CODEOWNERS_POLICY = """package isms.repo

deny contains "no CODEOWNERS file" if { not input.data.codeowners.path }
deny contains "no CI configuration" if { count(input.data.ci_files) == 0 }
deny contains msg if {
    input.data.signed_commits.share < 0.5
    msg := sprintf("only %d of %d recent commits are signed",
        [input.data.signed_commits.signed, input.data.signed_commits.checked])
}
"""


def test_git_collects_head_codeowners_ci_and_signed_share(git_repo_path):
    data = git_repo.collect({"path": str(git_repo_path), "files": ["SECURITY.md", "missing.txt"]}, "")
    assert data["head"]["subject"] == "Security policy"
    assert len(data["head"]["sha"]) == 40
    assert data["codeowners"] == {"path": "CODEOWNERS", "content": "* @ml-platform/security\n"}
    assert data["ci_files"] == [".github/workflows/ci.yml"]
    assert data["files"]["SECURITY.md"].startswith("Report vulnerabilities")
    assert data["missing_files"] == ["missing.txt"]
    # Three commits, the last one signed (ssh): a third.
    assert data["signed_commits"] == {"checked": 3, "signed": 1, "share": 0.3333}


def test_git_policy_over_the_repository(officer, git_repo_path):
    c = connector(
        officer,
        name="Gateway repo",
        kind="git_repo",
        policy=CODEOWNERS_POLICY,
        config={"path": str(git_repo_path), "commits": 2},
    )
    run = run_connector(c, acting_user=officer)
    assert run.status == "succeeded", run.error
    assert run.policy_allow is True  # 1 of the last 2 commits is signed: a half
    c.config = {"path": str(git_repo_path), "commits": 3}
    c.save()
    run = run_connector(c, acting_user=officer)
    assert run.policy_allow is False
    assert run.policy_reasons == ["only 1 of 3 recent commits are signed"]


def test_git_clone_over_http(git_http):
    data = git_repo.collect({"url": git_http, "branch": "main"}, "a-token")
    assert data["source"] == git_http
    assert data["codeowners"]["path"] == "CODEOWNERS"
    assert data["signed_commits"]["signed"] == 1


def test_git_missing_repository_fails_the_run(officer, tmp_path):
    c = connector(officer, name="Gone", kind="git_repo", config={"path": str(tmp_path / "nope")})
    run = run_connector(c, acting_user=officer)
    assert run.status == "failed"
    assert "There is no repository at" in run.error
    assert run.evidence is None


def test_git_directory_that_is_not_a_repository_is_permanent(tmp_path):
    with pytest.raises(PermanentError, match="not a git repository"):
        git_repo.collect({"path": str(tmp_path)}, "")


def test_git_unknown_clone_url_is_permanent(git_http):
    with pytest.raises(PermanentError):
        git_repo.collect({"url": git_http.replace("gateway", "unknown")}, "")


def test_git_unreachable_clone_url_is_transient():
    with pytest.raises(TransientError):
        git_repo.collect({"url": "http://127.0.0.1:9/repo.git"}, "")


def test_git_config_is_checked():
    assert git_repo.check_config({"url": "ssh://git@example.com/x.git"}) == [
        "“url” must be an http:// or https:// clone URL."
    ]
    assert git_repo.check_config({}) == [
        "Give exactly one of “url” (http/https clone URL) or “path” (a local repository)."
    ]
    assert git_repo.check_config({"path": "relative/repo"}) == ["“path” must be an absolute path."]
