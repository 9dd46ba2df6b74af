"""Expectation tables for tests/test_access_matrix.py, one module per app.

Each module defines EXPECTED = {url name: (GET statuses, POST statuses, kwargs builder or None)}.
Statuses are listed per persona in this order:
    anonymous outsider engineer officer auditor auditor_ended
The kwargs builder gets the personas dict and returns the URL kwargs (creating rows as needed).
"""

from tests.access import audits, controls, evidence, isms, risks

EXPECTED = {**isms.EXPECTED, **risks.EXPECTED, **controls.EXPECTED, **evidence.EXPECTED,
            **audits.EXPECTED}
# Views whose POST does not change ISMS data (signing in and out only touch the session).
NOT_WRITES = {"login", "logout"}
