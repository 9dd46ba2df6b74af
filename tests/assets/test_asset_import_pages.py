"""Importing the inventory from CSV through the page, role by role: a good file creates every
asset (each with its audit entry and its owner's right to change it); a bad one shows every
problem with its row and writes nothing at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assets.models import Asset
from isms.access import can
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
IMPORT = reverse("assets:asset-import")
HEADER = "name,kind,owner,depends_on,training_datasets,endpoint_url,parameter_count"


def _csv(*rows: str, header: str = HEADER, bom: bool = False) -> bytes:
    text = "\n".join([header, *rows]) + "\n"
    return ("\ufeff" + text if bom else text).encode("utf-8")


def _upload(user, data: bytes, name: str = "inventory.csv"):
    return client_for(user).post(IMPORT, {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def _page_errors(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def staff(officer):
    return {"officer": officer, "engineer": factories.engineer(username="enzo")}


GOOD = _csv(
    "helpdesk-endpoint,endpoint,enzo,helpdesk-7b,,https://llm.internal/v1,",
    "helpdesk-7b,model,olivia,,helpdesk-tickets,,7_241_732_096",
    "helpdesk-tickets,dataset,enzo,,,,",
)


# --- who may import ---------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("engineer", 403), ("auditor", 403), ("outsider", 403),
                                              ("anonymous", 302)])
def test_only_officers_may_import(personas, role, status):
    factories.engineer(username="enzo")
    assert _upload(personas[role], GOOD).status_code == status
    assert not Asset.objects.exists()


def test_the_import_page_lists_the_columns_for_officers(officer):
    html = client_for(officer).get(IMPORT).content.decode()
    for column in ("name", "kind", "owner", "training_datasets", "artefact_sha256"):
        assert column in html


def test_engineers_are_not_offered_the_import_on_the_list(engineer, officer):
    assert IMPORT not in client_for(engineer).get(reverse("assets:asset-list")).content.decode()
    assert IMPORT in client_for(officer).get(reverse("assets:asset-list")).content.decode()


# --- a good file ------------------------------------------------------------------------------


def test_a_good_file_creates_every_asset_with_its_links(staff):
    response = _upload(staff["officer"], GOOD)
    assert response.status_code == 302 and response.url == reverse("assets:asset-list")
    model = Asset.objects.get(name="helpdesk-7b")
    assert model.parameter_count == 7241732096 and model.owner == staff["officer"]
    assert [d.name for d in model.training_datasets.all()] == ["helpdesk-tickets"]
    endpoint = Asset.objects.get(name="helpdesk-endpoint")
    assert endpoint.endpoint_url == "https://llm.internal/v1" and list(endpoint.depends_on.all()) == [model]


def test_each_imported_asset_is_audited_as_created_by_the_officer(staff):
    _upload(staff["officer"], GOOD)
    for asset in Asset.objects.all():
        created = AuditEntry.objects.get_for_object(asset).get(action=AuditEntry.Action.CREATE)
        assert created.actor == staff["officer"], asset.name


def test_owners_of_imported_assets_may_change_them(staff):
    _upload(staff["officer"], GOOD)
    enzo = factories.engineer(username="enzo")
    assert can(enzo, "change", Asset.objects.get(name="helpdesk-tickets"))
    assert not can(enzo, "change", Asset.objects.get(name="helpdesk-7b"))


def test_a_file_saved_by_excel_with_a_byte_order_mark_imports(staff):
    response = _upload(staff["officer"], _csv("bom-model,model,olivia,,,,", bom=True))
    assert response.status_code == 302 and Asset.objects.filter(name="bom-model").exists()


def test_an_import_says_it_succeeded(staff):
    response = client_for(staff["officer"]).post(
        IMPORT, {"file": SimpleUploadedFile("a.csv", GOOD)}, follow=True
    )
    assert "Assets imported." in response.content.decode()


# --- bad files: every problem named, nothing written ------------------------------------------


def test_an_auditor_cannot_be_made_owner_through_the_import(staff, auditor):
    response = _upload(staff["officer"], _csv(f"audited-model,model,{auditor.username},,,,"))
    assert response.status_code == 200
    assert "Row 2:" in _page_errors(response) and "cannot own assets" in _page_errors(response)
    assert not Asset.objects.exists()


def test_a_user_without_a_role_cannot_be_made_owner_through_the_import(staff, outsider):
    response = _upload(staff["officer"], _csv(f"orphan-model,model,{outsider.username},,,,"))
    assert "cannot own assets" in _page_errors(response) and not Asset.objects.exists()


def test_a_deactivated_user_is_an_unknown_owner(staff):
    factories.engineer(username="gone", is_active=False)
    response = _upload(staff["officer"], _csv("m,model,gone,,,,"))
    assert "Row 2: unknown owner 'gone'" in _page_errors(response) and not Asset.objects.exists()


def test_one_bad_row_among_good_ones_writes_nothing(staff):
    data = _csv("good-a,model,olivia,,,,", "good-b,dataset,enzo,,,,", "bad-c,endpoint,olivia,,,not a url,")
    response = _upload(staff["officer"], data)
    assert response.status_code == 200 and "Row 4:" in _page_errors(response)
    assert "Enter a valid URL." in _page_errors(response)
    assert not Asset.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_repr="good-a").exists()


def test_every_bad_row_is_reported_at_once(staff):
    data = _csv("a,robot,olivia,,,,", "b,model,nobody,,,,", "c,model,olivia,,,,twelve")
    errors = _page_errors(_upload(staff["officer"], data))
    assert "Row 2: kind 'robot'" in errors and "Row 3: unknown owner 'nobody'" in errors
    assert "Row 4: parameter_count 'twelve' is not a whole number" in errors


def test_an_asset_depending_on_itself_is_refused(staff):
    errors = _page_errors(_upload(staff["officer"], _csv("loop,model,olivia,loop,,,")))
    assert "Row 2: an asset cannot depend on itself" in errors and not Asset.objects.exists()


def test_a_row_with_more_values_than_columns_is_refused(staff):
    errors = _page_errors(_upload(staff["officer"], _csv("wide,model,olivia,,,,,surplus")))
    assert "Row 2: more values than columns" in errors and not Asset.objects.exists()


def test_a_missing_name_is_refused(staff):
    errors = _page_errors(_upload(staff["officer"], _csv(",model,olivia,,,,")))
    assert "Row 2: name is empty" in errors and not Asset.objects.exists()


def test_a_column_given_twice_is_refused(staff):
    data = _csv("x,model,olivia,model", header="name,kind,owner,kind")
    errors = _page_errors(_upload(staff["officer"], data))
    assert "A column appears twice in the header." in errors


def test_a_binary_file_is_refused_as_not_utf8(staff):
    errors = _page_errors(_upload(staff["officer"], b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", name="logo.csv"))
    assert "The file is not UTF-8 text" in errors and not Asset.objects.exists()


def test_posting_without_a_file_asks_for_one(staff):
    response = client_for(staff["officer"]).post(IMPORT, {})
    assert response.status_code == 200 and response.context["form"].errors["file"]


def test_a_refused_import_writes_no_audit_entry(staff):
    before = AuditEntry.objects.count()
    _upload(staff["officer"], _csv("good-a,model,olivia,,,,", "bad,model,nobody,,,,"))
    assert AuditEntry.objects.count() == before


def test_importing_a_name_that_exists_leaves_the_existing_asset_alone(staff):
    existing = factories.asset_owned(staff["officer"], name="helpdesk-7b", description="keep me")
    errors = _page_errors(_upload(staff["officer"], GOOD))
    assert "an asset named 'helpdesk-7b' already exists" in errors
    existing.refresh_from_db()
    assert existing.description == "keep me" and Asset.objects.count() == 1
