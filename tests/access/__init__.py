"""Expectation tables for tests/test_access_matrix.py, one module per app.

Each module defines EXPECTED = {url name: (GET statuses, POST statuses, kwargs builder or None)}.
Statuses are listed per persona in this order:
    anonymous outsider engineer officer auditor auditor_ended
The kwargs builder gets the personas dict and returns the URL kwargs (creating rows as needed).
"""

import importlib

# One table per area, merged into one; each module has EXPECTED and may have NOT_WRITES.
TABLES = ["isms", "auditors", "risks", "controls", "evidence", "governance", "connectors",
          "incidents", "audits", "packs"]

EXPECTED: dict = {}
# Views whose POST does not change ISMS data (signing in and out only touch the session).
NOT_WRITES = {"login", "logout"}
for _name in TABLES:
    _module = importlib.import_module(f"tests.access.{_name}")
    EXPECTED |= _module.EXPECTED
    NOT_WRITES |= getattr(_module, "NOT_WRITES", set())
