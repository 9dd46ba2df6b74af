"""Connector kinds. Each module offers:

EXAMPLE: dict                          an example configuration (shown on the form, documented)
check_config(config) -> list[str]      what is wrong with a configuration (empty when fine)
collect(config, secret) -> dict        the collected JSON, or TransientError / PermanentError
findings(data, config) -> list[str]    optional built-in checks (deny reasons) on the data
"""

import importlib
from types import ModuleType

from evidence.connectors.errors import ConnectorError, PermanentError, TransientError

__all__ = ["ConnectorError", "PermanentError", "TransientError", "kind_module"]

MODULES = {
    "http_json": "evidence.connectors.http_json",
    "postgres": "evidence.connectors.postgres",
    "git_repo": "evidence.connectors.git_repo",
    "slm_endpoint": "evidence.connectors.slm_endpoint",
    "isms_access_review": "evidence.connectors.isms_access_review",
}


def kind_module(kind: str) -> ModuleType:
    if kind not in MODULES:
        raise PermanentError(f"Unknown connector kind “{kind}”.")
    return importlib.import_module(MODULES[kind])
