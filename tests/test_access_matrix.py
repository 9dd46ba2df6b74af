"""Every URL pattern x every persona x GET and POST, against an explicit expectation table.

The tables live in tests/access/<app>.py. A new URL without a row fails the suite; so does a
row for a URL that no longer exists. Auditors must never get a successful write.
"""

import pytest
from django.urls import reverse

from tests.access import EXPECTED, NOT_WRITES
from tests.conftest import ROLES, client_for
from tests.urlwalk import url_patterns


def test_every_url_pattern_has_an_expectation():
    names = {name for name, _ in url_patterns()}
    assert names - EXPECTED.keys() == set(), "add these URLs to EXPECTED"
    assert EXPECTED.keys() - names == set(), "remove these stale rows from EXPECTED"


def _cases():
    for name, (get, post, _) in EXPECTED.items():
        for method, statuses in (("get", get), ("post", post)):
            for role, status in zip(ROLES, statuses.split(), strict=True):
                yield pytest.param(name, method, role, int(status), id=f"{name}-{method}-{role}")


@pytest.mark.parametrize(("name", "method", "role", "expected"), list(_cases()))
def test_access_matrix(personas, name, method, role, expected):
    kwargs_builder = EXPECTED[name][2]
    url = reverse(name, kwargs=kwargs_builder(personas) if kwargs_builder else None)
    response = getattr(client_for(personas[role]), method)(url)
    assert response.status_code == expected, f"{role} {method.upper()} {url}"
    if role.startswith("auditor") and method == "post" and name not in NOT_WRITES:
        assert response.status_code >= 400 or response.status_code == 302 and "login" in (
            response.url
        ), "auditors must never write"
