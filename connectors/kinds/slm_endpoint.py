"""SLM inference endpoint (OpenAI-compatible chat completions).

Checks that a request without credentials is refused and whether TLS is used, then sends each
prompt of the connector's policy test suite (with the secret as a bearer token) and records the
answer and whether it met its constraints: `must_match` / `must_not_match` regular expressions."""

import re
import urllib.parse

from connectors.kinds.errors import PermanentError, TransientError
from connectors.kinds.http import check_url, request_json, request_raw

EXAMPLE = {
    "url": "https://slm.internal.example.com/v1/chat/completions",
    "model": "support-assistant-7b",
    "require_tls": True,
    "max_tokens": 256,
}
MAX_ANSWER_CHARS = 4000


def check_config(config: dict) -> list[str]:
    problems = check_url(config.get("url"))
    if not isinstance(config.get("model"), str) or not config.get("model"):
        problems.append("“model” is required (the model name the endpoint serves).")
    return problems


def check_cases(cases) -> list[str]:
    """What is wrong with a list of test cases (used when a suite version is saved)."""
    if not isinstance(cases, list) or not cases:
        return ["A suite needs at least one test case."]
    problems = []
    for number, case in enumerate(cases, start=1):
        if not isinstance(case, dict) or not str(case.get("prompt", "")).strip():
            problems.append(f"Case {number}: a prompt is required.")
            continue
        if not case.get("must_match") and not case.get("must_not_match"):
            problems.append(f"Case {number}: give must_match or must_not_match (a regular expression).")
        for key in ("must_match", "must_not_match"):
            try:
                re.compile(case.get(key) or "")
            except re.error as error:
                problems.append(f"Case {number}: {key} is not a valid regular expression ({error}).")
    return problems


def _answer(data) -> str:
    try:
        return str(data["choices"][0]["message"]["content"])
    except (KeyError, IndexError, TypeError) as error:
        raise PermanentError(
            "The endpoint's answer is not a chat completion (no choices[0].message)."
        ) from error


def _run_case(config: dict, secret: str, case: dict) -> dict:
    body = {
        "model": config["model"],
        "messages": [{"role": "user", "content": case["prompt"]}],
        "max_tokens": int(config.get("max_tokens", 256)),
        "temperature": 0,
    }
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    _, data = request_json(config["url"], method="POST", headers=headers, body=body)
    answer = _answer(data)
    problems = []
    if case.get("must_match") and not re.search(case["must_match"], answer, re.IGNORECASE):
        problems.append(f"does not match {case['must_match']!r}")
    if case.get("must_not_match") and re.search(case["must_not_match"], answer, re.IGNORECASE):
        problems.append(f"matches forbidden {case['must_not_match']!r}")
    return {
        "name": case.get("name") or case["prompt"][:60],
        "prompt": case["prompt"],
        "answer": answer[:MAX_ANSWER_CHARS],
        "passed": not problems,
        "problems": problems,
    }


def collect(config: dict, secret: str) -> dict:
    """config["cases"] is filled in by the service from the suite's current version."""
    unauthenticated_status, _ = request_raw(
        config["url"],
        method="POST",
        body={"model": config["model"], "messages": [{"role": "user", "content": "ping"}], "max_tokens": 1},
    )
    if unauthenticated_status >= 500:
        raise TransientError(f"{config['url']} answered HTTP {unauthenticated_status}.")
    results = [_run_case(config, secret, case) for case in config.get("cases", [])]
    return {
        "url": config["url"],
        "tls": urllib.parse.urlsplit(config["url"]).scheme == "https",
        "unauthenticated_status": unauthenticated_status,
        "unauthenticated_refused": unauthenticated_status in (401, 403),
        "suite": config.get("suite"),
        "tests": results,
        "passed": sum(r["passed"] for r in results),
        "failed": sum(not r["passed"] for r in results),
    }


def findings(data: dict, config: dict) -> list[str]:
    reasons = []
    if not data.get("unauthenticated_refused"):
        reasons.append(
            f"The endpoint answered HTTP {data.get('unauthenticated_status')} without credentials."
        )
    if config.get("require_tls", True) and not data.get("tls"):
        reasons.append("The endpoint does not use TLS.")
    reasons += [
        f"Test “{t['name']}” failed: {'; '.join(t['problems'])}."
        for t in data.get("tests", [])
        if not t["passed"]
    ]
    return reasons
