import pytest

from controls.models import SoAEntry
from demo.seed import demo_seed
from isms.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_demo_decides_every_control_with_a_justification():
    users = demo_seed()
    assert not SoAEntry.objects.filter(applicable=None).exists()
    assert not SoAEntry.objects.filter(justification="").exists()
    excluded = SoAEntry.objects.filter(applicable=False)
    assert set(excluded.values_list("control__theme", flat=True)) == {"physical"}
    assert SoAEntry.objects.assigned_to(users["engineer2"]).exists()


def test_demo_seed_twice_changes_nothing_in_the_soa():
    demo_seed()
    before = AuditEntry.objects.filter(content_type__model="soaentry").count()
    demo_seed()
    assert AuditEntry.objects.filter(content_type__model="soaentry").count() == before
