"""Expectation tables for tests/test_access_matrix.py, one module per app.

Each module defines EXPECTED = {url name: (GET statuses, POST statuses, kwargs builder or None)}.
Statuses are listed per persona in this order:
    anonymous outsider engineer officer auditor auditor_ended
The kwargs builder gets the personas dict and returns the URL kwargs (creating rows as needed).
"""

from tests.access import controls, evidence, isms, packs, risks

EXPECTED = {**isms.EXPECTED, **risks.EXPECTED, **controls.EXPECTED, **evidence.EXPECTED,
    **packs.EXPECTED,
}
# Views whose POST does not change ISMS data (signing in and out only touch the session).
NOT_WRITES = {"login", "logout"}
# Requesting an audit pack reads the ISMS and changes nothing in it: auditors may, for their
# own engagement (an invalid empty POST answers 200 with the form errors).
NOT_WRITES |= {"packs:pack-create"}
