"""Officers manage audit engagements and invite auditors (issue #10)."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from auditors.models import AuditEngagement
from isms.models import AuditEntry, User
from isms.roles import AUDITOR
from tests import factories
from tests.conftest import client_for


def _form(**fields):
    today = timezone.localdate()
    return {"name": "ISO 27001 surveillance 2027", "audit_firm": "Northbridge",
            "start_date": today.isoformat(), "end_date": (today + datetime.timedelta(days=10)).isoformat(),
            **fields}


@pytest.mark.django_db
def test_officer_creates_an_engagement(officer):
    response = client_for(officer).post(reverse("auditors:engagement-create"), _form())
    engagement = AuditEngagement.objects.get(name="ISO 27001 surveillance 2027")
    assert response.status_code == 302 and response.url == engagement.get_absolute_url()
    assert engagement.status == "active"
    assert AuditEntry.objects.filter(object_pk=str(engagement.pk), actor=officer).exists()


@pytest.mark.django_db
def test_engagement_cannot_end_before_it_starts(officer):
    today = timezone.localdate()
    response = client_for(officer).post(
        reverse("auditors:engagement-create"),
        _form(end_date=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200 and "cannot end before it starts" in response.content.decode()
    assert not AuditEngagement.objects.exists()


@pytest.mark.django_db
def test_engagement_auditors_must_be_auditors(officer, engineer):
    response = client_for(officer).post(reverse("auditors:engagement-create"), _form(auditors=[engineer.pk]))
    assert response.status_code == 200
    assert not AuditEngagement.objects.exists()


@pytest.mark.django_db
def test_officer_invites_a_new_auditor_who_sets_a_password(
    officer, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = factories.AuditEngagementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            reverse("auditors:engagement-invite", args=[engagement.pk]),
            {"email": "Ines.Auditor@example.org", "first_name": "Ines", "last_name": "Ito"},
        )
    assert response.status_code == 302
    auditor = User.objects.get(email="Ines.Auditor@example.org")
    assert not auditor.has_usable_password()
    assert auditor.groups.get().name == "External auditors"
    assert list(engagement.auditors.all()) == [auditor]
    [mail] = mailoutbox
    assert mail.to == ["Ines.Auditor@example.org"] and engagement.name in mail.subject
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.body).group(1)
    client = Client()
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    password = "a-long-passphrase-2026"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    auditor.refresh_from_db()
    assert auditor.check_password(password)
    # The link is one-time: used once, it no longer works.
    assert client.get(link, follow=True).context["validlink"] is False


@pytest.mark.django_db
def test_invite_reuses_the_account_with_the_same_email(
    officer, auditor, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = factories.AuditEngagementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(officer).post(
            reverse("auditors:engagement-invite", args=[engagement.pk]), {"email": "ADA@example.com"}
        )
    assert list(engagement.auditors.all()) == [auditor]
    assert User.objects.filter(email__iexact="ada@example.com").count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_invite_refuses_a_staff_address(
    officer, engineer, mailoutbox, django_capture_on_commit_callbacks
):
    engagement = factories.AuditEngagementFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(officer).post(
            reverse("auditors:engagement-invite", args=[engagement.pk]), {"email": engineer.email}
        )
    assert response.status_code == 200 and "staff account" in response.content.decode()
    assert not engagement.auditors.exists() and mailoutbox == []
    assert engineer.groups.get().name == "Engineers"


@pytest.mark.django_db
def test_officer_ends_an_engagement_early_and_its_auditor_is_signed_out(officer, auditor):
    engagement = auditor.audit_engagements.get()
    auditor_client = client_for(auditor)
    assert auditor_client.get("/").status_code == 200
    response = client_for(officer).post(reverse("auditors:engagement-end", args=[engagement.pk]))
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.status == "ended" and engagement.ended_by == officer
    response = auditor_client.get("/")
    assert response.status_code == 302 and response.url == reverse("login")
    login = Client().post(reverse("login"), {"username": "ada", "password": "correct-horse-battery-staple"})
    assert login.status_code == 200 and "not active" in login.content.decode()


@pytest.mark.django_db
def test_engagement_status_filter(officer):
    today = timezone.localdate()
    factories.AuditEngagementFactory(name="Now")
    factories.AuditEngagementFactory(name="Later", start_date=today + datetime.timedelta(days=3),
                                     end_date=today + datetime.timedelta(days=9))
    factories.AuditEngagementFactory(name="Early end", ended_at=timezone.now())
    client = client_for(officer)
    for status, name in (("active", "Now"), ("upcoming", "Later"), ("ended", "Early end")):
        response = client.get(reverse("auditors:engagement-list"), {"status": status})
        names = [e.name for e in response.context["object_list"]]
        assert names == [name]


@pytest.mark.django_db
def test_auditor_reads_the_engagement_without_edit_buttons(auditor):
    engagement = auditor.audit_engagements.get()
    html = client_for(auditor).get(engagement.get_absolute_url()).content.decode()
    assert engagement.name in html
    assert "End engagement now" not in html and "Send invitation" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_engagement_list_query_count_is_constant(officer, rows, django_assert_max_num_queries):
    for _ in range(rows):
        factories.AuditEngagementFactory(auditors=[factories.UserFactory(role=AUDITOR)])
    client = client_for(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("auditors:engagement-list"))
    assert len(response.context["object_list"]) == rows


@pytest.mark.django_db
def test_officer_resets_an_auditors_two_factor(officer, auditor):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    factories.totp_device(auditor)
    engagement = auditor.audit_engagements.get()
    url = reverse("auditors:engagement-auditor-mfa-reset", args=[engagement.pk, auditor.pk])
    assert client_for(officer).post(url).status_code == 302
    auditor.refresh_from_db()
    assert not auditor.mfa_enrolled and not TOTPDevice.objects.filter(user=auditor).exists()
    client = Client()
    client.post(reverse("login"), {"username": "ada", "password": "correct-horse-battery-staple"})
    assert client.get("/").url.startswith(reverse("mfa-enrol"))


@pytest.mark.django_db
def test_reset_two_factor_refuses_someone_outside_the_engagement(officer, auditor):
    other = factories.auditor(username="bob")
    factories.totp_device(other)
    engagement = auditor.audit_engagements.get()
    url = reverse("auditors:engagement-auditor-mfa-reset", args=[engagement.pk, other.pk])
    assert client_for(officer).post(url).status_code == 404
    other.refresh_from_db()
    assert other.mfa_enrolled
