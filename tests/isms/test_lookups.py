"""`__any_of` (isms.lookups) selects what `__in` selects, with the keys as one array parameter on
PostgreSQL."""

import pytest
from django.db import connection

from risks.models import Risk
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(officer):
    risks = [factories.risk(officer, title=f"Risk {n}", assets=factories.AssetFactory.create_batch(2))
             for n in range(3)]
    return Risk.assets.through.objects.filter(risk__in=risks)


@pytest.mark.parametrize("pick", [
    lambda ids: ids, lambda ids: ids[1:], lambda ids: [], lambda ids: ids[:1] * 60,
])
def test_it_selects_what_in_selects(links, pick):
    ids = pick(sorted({link.risk_id for link in links}))
    assert len(ids) == len(pick([1, 2, 3]))
    any_of = Risk.assets.through.objects.filter(risk_id__any_of=ids).values_list("pk", flat=True)
    in_ = Risk.assets.through.objects.filter(risk_id__in=ids).values_list("pk", flat=True)
    assert sorted(any_of) == sorted(in_)


def test_on_postgresql_the_keys_are_one_array_parameter(links):
    if connection.vendor != "postgresql":
        pytest.skip("the array form is PostgreSQL's; elsewhere any_of is __in")
    ids = list(links.values_list("risk_id", flat=True))
    sent = []

    def capture(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        list(Risk.assets.through.objects.filter(risk_id__any_of=ids * 40))
    (sql, params), = sent
    assert sql.endswith(' = ANY(%s)') and sql.count("%s") == 1
    assert params == (ids * 40,)


def test_only_integer_keys_are_taken():
    with pytest.raises(ValueError):
        list(Risk.objects.filter(pk__any_of=["1; DROP TABLE risks_risk"]))
