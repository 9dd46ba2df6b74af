"""Policy-as-code: Rego (v1 syntax) evaluated in-process with regopy over the collected JSON.

A policy declares a package with `allow` and/or `deny contains msg if { ... }` rules. The run
passes when allow is true (or, without an allow rule, when deny is empty) and deny is empty;
the deny messages are the reasons shown on the connector, the SoA and the dashboard."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from regopy import Input, Interpreter, RegoError

PACKAGE = re.compile(r"^\s*package\s+([A-Za-z_][\w.]*)\s*$", re.MULTILINE)
# Pre-v1 partial rules (`deny[msg] { ... }`) are evaluated wrongly by a v1 engine: refuse them.
ALLOW_RULE = re.compile(r"^\s*(default\s+)?allow\b", re.MULTILINE)
OLD_SYNTAX = re.compile(r"^\s*\w+\s*\[\s*\w+\s*\]\s*\{", re.MULTILINE)

EXAMPLE = """package isms.connector

default allow := false

deny contains msg if {
    some user in input.data.users
    user.superuser
    user.username != "admin"
    msg := sprintf("%s is a superuser", [user.username])
}

allow if count(deny) == 0
"""


@dataclass
class PolicyResult:
    allow: bool
    reasons: list[str] = field(default_factory=list)


class PolicyError(Exception):
    pass


def _package(text: str) -> str:
    match = PACKAGE.search(text)
    if not match:
        raise PolicyError("The policy needs a `package` line, e.g. `package isms.connector`.")
    return match.group(1)


def _interpreter(text: str) -> Interpreter:
    if OLD_SYNTAX.search(text):
        raise PolicyError(
            "Write rules in Rego v1 syntax: `deny contains msg if { ... }`, not `deny[msg] { ... }`."
        )
    interpreter = Interpreter()
    try:
        interpreter.add_module("policy.rego", text)
    except RegoError as error:
        raise PolicyError(f"The policy does not compile: {error}") from error
    return interpreter


def _reasons(value) -> list[str]:
    if isinstance(value, dict):  # a set of non-string keys comes back as an object
        value = list(value)
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return [] if value in (None, False) else [str(value)]


def policy_evaluate(text: str, document: dict) -> PolicyResult:
    """Evaluate `text` with `document` as input; PolicyError when it cannot be evaluated."""
    package = _package(text)
    interpreter = _interpreter(text)
    interpreter.set_input(Input(document))
    try:
        output = interpreter.query(f"x := data.{package}")
    except RegoError as error:
        raise PolicyError(f"The policy failed while evaluating: {error}") from error
    if not output.ok() or len(output) == 0:
        raise PolicyError(f"The policy failed while evaluating: {output}")
    result = output[0]["x"]
    if not isinstance(result, dict):
        raise PolicyError(f"data.{package} is not a package of rules.")
    reasons = _reasons(result.get("deny"))
    # An allow rule that is undefined for this input means "not allowed".
    allow = bool(result.get("allow", False)) if ALLOW_RULE.search(text) else True
    return PolicyResult(allow=allow and not reasons, reasons=reasons)


def policy_check(text: str) -> None:
    """Refuse a policy that cannot be evaluated (ValidationError for the form)."""
    if not text.strip():
        return
    try:
        policy_evaluate(text, {})
    except PolicyError as error:
        raise ValidationError({"policy": str(error)}) from error
