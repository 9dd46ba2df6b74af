from collections import Counter

import pytest

from controls.catalogue import CATALOGUE_DIR, catalogue_load, catalogues_load_all
from controls.models import Control
from isms.models import AuditEntry

ANNEX_A = CATALOGUE_DIR / "iso27001_2022_annex_a.json"


@pytest.mark.django_db
def test_annex_a_is_loaded_after_migrate_with_93_controls_in_four_themes():
    controls = Control.objects.in_framework("iso27001-2022")
    assert controls.count() == 93
    assert Counter(controls.values_list("theme", flat=True)) == {
        "organizational": 37, "people": 8, "physical": 14, "technological": 34,
    }
    refs = list(controls.values_list("ref", flat=True))
    assert refs[:2] == ["5.1", "5.2"] and refs[9] == "5.10" and refs[-1] == "8.34"
    assert not controls.filter(guidance="").exists()


@pytest.mark.django_db
def test_catalogue_load_twice_changes_nothing():
    entries = AuditEntry.objects.count()
    catalogues_load_all()
    _, created = catalogue_load(ANNEX_A)
    assert created == 0
    assert AuditEntry.objects.count() == entries


@pytest.mark.django_db
def test_catalogue_load_keeps_an_officers_edited_guidance():
    control = Control.objects.get(ref="8.28")
    control.guidance = "Our own words"
    control.save()
    catalogue_load(ANNEX_A)
    control.refresh_from_db()
    assert control.guidance == "Our own words"


@pytest.mark.django_db
def test_catalogue_load_restores_a_missing_control():
    Control.objects.filter(ref="7.4").delete()
    _, created = catalogue_load(ANNEX_A)
    assert created == 1 and Control.objects.filter(ref="7.4").exists()
