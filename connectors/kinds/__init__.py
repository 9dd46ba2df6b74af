"""Connector kinds. Each module offers:

EXAMPLE: dict                          an example configuration (shown on the form, documented)
check_config(config) -> list[str]      what is wrong with a configuration (empty when fine)
collect(config, secret) -> dict        the collected JSON, or TransientError / PermanentError
findings(data, config) -> list[str]    optional built-in checks (deny reasons) on the data
"""

from types import ModuleType

from connectors.kinds import git_repo, http_json, isms_access_review, postgres, slm_endpoint
from connectors.kinds.errors import ConnectorError, PermanentError, TransientError

__all__ = ["ConnectorError", "PermanentError", "TransientError", "kind_module"]

MODULES = {
    "http_json": http_json,
    "postgres": postgres,
    "git_repo": git_repo,
    "slm_endpoint": slm_endpoint,
    "isms_access_review": isms_access_review,
}


def kind_module(kind: str) -> ModuleType:
    if kind not in MODULES:
        raise PermanentError(f"Unknown connector kind “{kind}”.")
    return MODULES[kind]
