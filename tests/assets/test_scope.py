import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assets.models import Asset, Scope, ScopeExclusion
from assets.scope_diff import scope_diff
from assets.services.scope import approve_scope, create_scope_draft, update_scope
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for


@pytest.fixture
def approved(officer):
    scope = factories.ScopeFactory(version=1, created_by=officer, statement="v1 statement")
    scope.assets.set([factories.AssetFactory(name="support-assistant-7b")])
    ScopeExclusion.objects.create(scope=scope, what="HR chatbot", justification="Separate ISMS.")
    return scope


def test_scope_draft_create_copies_latest_approved(officer, approved):
    draft = create_scope_draft(acting_user=officer)
    assert (draft.version, draft.status, draft.statement) == (2, "draft", "v1 statement")
    assert [a.name for a in draft.assets.all()] == ["support-assistant-7b"]
    assert [e.what for e in draft.exclusions.all()] == ["HR chatbot"]


def test_scope_draft_create_refuses_second_draft(officer, approved):
    create_scope_draft(acting_user=officer)
    with pytest.raises(ValidationError):
        create_scope_draft(acting_user=officer)
    assert Scope.objects.drafts().count() == 1


def test_scope_draft_create_refuses_engineer(engineer):
    with pytest.raises(PermissionDenied):
        create_scope_draft(acting_user=engineer)


def test_scope_update_refuses_approved_version(officer, approved):
    with pytest.raises(ValidationError, match="frozen"):
        update_scope(acting_user=officer, scope=approved, statement="rewritten")
    approved.refresh_from_db()
    assert approved.statement == "v1 statement"


def test_scope_clean_refuses_approved_version(approved):
    approved.statement = "rewritten"
    with pytest.raises(ValidationError, match="frozen"):
        approved.full_clean()


def test_scope_update_replaces_exclusions(officer, approved):
    draft = create_scope_draft(acting_user=officer)
    update_scope(acting_user=officer, scope=draft, statement="v2",
                 exclusions=[{"what": "Marketing site", "justification": "No SLM."}])
    assert [e.what for e in draft.exclusions.all()] == ["Marketing site"]
    assert [e.what for e in approved.exclusions.all()] == ["HR chatbot"]


def test_scope_approve_records_who_and_when(officer, approved):
    draft = create_scope_draft(acting_user=officer)
    approve_scope(draft, acting_user=officer)
    draft.refresh_from_db()
    assert draft.status == "approved" and draft.approved_by == officer and draft.approved_at
    assert AuditEntry.objects.filter(object_pk=str(draft.pk), action=AuditEntry.Action.UPDATE).exists()


def test_scope_approve_refuses_engineer(officer, engineer, approved):
    draft = create_scope_draft(acting_user=officer)
    with pytest.raises(PermissionDenied):
        approve_scope(draft, acting_user=engineer)


def test_exclusion_requires_justification(officer, approved):
    draft = create_scope_draft(acting_user=officer)
    with pytest.raises(ValidationError):
        update_scope(acting_user=officer, scope=draft, exclusions=[{"what": "x", "justification": ""}])


def test_scope_diff_lists_fields_exclusions_and_assets(officer, approved):
    draft = create_scope_draft(acting_user=officer)
    new_asset = factories.AssetFactory(name="gpu-cluster", kind="infrastructure")
    draft = update_scope(acting_user=officer, scope=draft, statement="v2 statement", assets=[new_asset],
                 exclusions=[{"what": "Marketing site", "justification": "No SLM."}])
    diff = scope_diff(approved, draft)
    assert diff.fields[0][1:] == ("v1 statement", "v2 statement")
    assert [e.what for e in diff.exclusions_added] == ["Marketing site"]
    assert [e.what for e in diff.exclusions_removed] == ["HR chatbot"]
    assert diff.assets_added == [new_asset]
    assert [a.name for a in diff.assets_removed] == ["support-assistant-7b"]


def test_officer_can_edit_draft_with_exclusion_formset(officer, approved):
    draft = create_scope_draft(acting_user=officer)
    data = {
        "statement": "v2", "exclusions-TOTAL_FORMS": 1, "exclusions-INITIAL_FORMS": 0,
        "exclusions-0-what": "Marketing site", "exclusions-0-justification": "No SLM.",
    }
    response = client_for(officer).post(reverse("assets:scope-edit", args=[draft.pk]), data)
    assert response.status_code == 302
    assert [e.what for e in draft.exclusions.all()] == ["Marketing site"]


def test_officer_cannot_open_edit_page_of_approved_version(officer, approved):
    assert client_for(officer).get(reverse("assets:scope-edit", args=[approved.pk])).status_code == 404


def test_officer_can_create_and_approve_draft_through_pages(officer, approved):
    client = client_for(officer)
    client.post(reverse("assets:scope-create"))
    draft = Scope.objects.drafts().get()
    response = client.post(reverse("assets:scope-approve", args=[draft.pk]))
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.status == "approved"


def test_scope_diff_page_shows_changes(engineer, officer, approved):
    draft = create_scope_draft(acting_user=officer)
    update_scope(acting_user=officer, scope=draft, statement="v2 statement")
    body = client_for(engineer).get(reverse("assets:scope-diff"), {"a": approved.pk, "b": draft.pk}).content
    assert b"v2 statement" in body and b"v1 statement" in body


@pytest.mark.parametrize("count", [1, 60])
def test_scope_list_query_count_is_constant(officer, django_assert_max_num_queries, count):
    for version in range(1, count + 1):
        factories.ScopeFactory(version=version, created_by=officer)
    client = client_for(officer)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("assets:scope-list")).status_code == 200


def test_asset_list_in_scope_filter_uses_latest_approved_scope(officer, approved):
    factories.AssetFactory(name="out-of-scope")
    newer_draft = create_scope_draft(acting_user=officer)
    update_scope(acting_user=officer, scope=newer_draft, assets=list(Asset.objects.all()))
    response = client_for(officer).get(reverse("assets:asset-list"), {"in_scope": "true"})
    assert [a.name for a in response.context["object_list"]] == ["support-assistant-7b"]
