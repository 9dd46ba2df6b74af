"""The SoA shows each control's valid evidence, and a change made through the product is seen on
the next request, although the SoA's rows are kept in the cache (isms.fragments)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from controls.models import Control, SoAEntry
from controls.services import update_soa_entry
from evidence.models import Evidence
from evidence.services import review_evidence
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _applicable(officer, *refs):
    for ref in refs:
        entry = SoAEntry.objects.get(control__ref=ref)
        update_soa_entry(acting_user=officer, entry=entry, applicable=True, justification="Needed")


def _evidence_cell(client, ref: str) -> str:
    html = client.get(reverse("controls:soa-list")).content.decode()
    row = html[html.index(f'data-testid="soa-row-{ref}"'):]
    return row[: row.index("</tr>")]


def test_a_new_item_and_a_rejection_are_seen_at_once(officer):
    control = Control.objects.get(ref="8.25")
    _applicable(officer, "8.25")
    client = client_for(officer)
    assert "no valid evidence" in _evidence_cell(client, "8.25")
    item = factories.evidence(officer, controls=[control])
    assert "1 valid" in _evidence_cell(client, "8.25")
    factories.evidence(officer, controls=[control])
    assert "2 valid" in _evidence_cell(client, "8.25")
    review_evidence(acting_user=officer, evidence=item, status=Evidence.Review.REJECTED, comment="stale")
    assert "1 valid" in _evidence_cell(client, "8.25")


def test_validity_ends_with_the_day(officer):
    control = Control.objects.get(ref="8.25")
    _applicable(officer, "8.25")
    factories.evidence(officer, controls=[control], valid_until=timezone.localdate())
    client = client_for(officer)
    assert "1 valid" in _evidence_cell(client, "8.25")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:  # the same trail, a new day
        patch.setattr(timezone, "now", lambda: tomorrow)
        # A new sign-in: the first session would have expired by then.
        assert "no valid evidence" in _evidence_cell(client_for(officer), "8.25")


def test_an_item_of_another_control_does_not_count(officer):
    _applicable(officer, "8.25")
    factories.evidence(officer, controls=[Control.objects.get(ref="8.28")])
    assert "no valid evidence" in _evidence_cell(client_for(officer), "8.25")
