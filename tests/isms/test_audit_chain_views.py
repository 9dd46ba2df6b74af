import pytest
from django.db import connection
from django.urls import reverse

from isms.audit_chain import audit_chain_head
from isms.models import AuditEntry
from tests import factories
from tests.conftest import client_for


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "auditor"])
def test_officer_and_auditor_can_verify_the_chain(request, role):
    factories.AuditEngagementFactory()
    response = client_for(request.getfixturevalue(role)).get(reverse("audittrail-verify"))
    assert response.status_code == 200
    assert response.context["result"].ok
    assert "The audit trail is intact." in response.content.decode()
    assert audit_chain_head().entry_hash in response.content.decode()


@pytest.mark.django_db
def test_engineer_cannot_verify_the_chain(engineer):
    assert client_for(engineer).get(reverse("audittrail-verify")).status_code == 403


@pytest.mark.django_db
def test_verify_page_names_the_broken_entry(officer):
    factories.AuditEngagementFactory()
    factories.AuditEngagementFactory()
    target = AuditEntry.objects.order_by("sequence").last()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE isms_auditentry DISABLE TRIGGER isms_auditentry_no_update_delete")
        cursor.execute("UPDATE isms_auditentry SET object_repr = 'x' WHERE id = %s", [target.pk])
    response = client_for(officer).get(reverse("audittrail-verify"))
    assert response.context["result"].broken.entry_id == target.pk
    assert f"broken at entry #{target.sequence} (id {target.pk})" in response.content.decode()


@pytest.mark.django_db
def test_verify_htmx_request_gets_only_the_result(officer):
    response = client_for(officer).get(reverse("audittrail-verify"), HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "isms/_audittrail_verify.html"


@pytest.mark.django_db
def test_audit_trail_page_offers_the_verify_button(officer):
    response = client_for(officer).get(reverse("audittrail-list"))
    assert reverse("audittrail-verify") in response.content.decode()
