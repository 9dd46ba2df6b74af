"""Two-factor authentication: auditors must enrol and verify before they see anything."""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from auditors.middleware import MfaRequiredMiddleware
from evidence.models import ApiToken
from evidence.models.tokens import token_digest
from tests import factories
from tests.conftest import client_for

PASSWORD = "correct-horse-battery-staple"


def code(device: TOTPDevice, offset: int = 0) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, drift=offset):06d}"


def _urls():
    """One URL per named pattern not exempt from the check; the middleware answers before the
    view, so rows need not exist (every path argument is "1")."""
    urls = []
    for name, converters in _patterns(get_resolver(), "", {}):
        if name in MfaRequiredMiddleware.EXEMPT_VIEWS:
            continue
        try:
            urls.append((name, reverse(name, kwargs=dict.fromkeys(converters, "1") or None)))
        except NoReverseMatch:  # admin regex patterns (app_label=...): admin:index stands for them
            continue
    return urls


def _patterns(resolver, namespace, converters):
    for entry in resolver.url_patterns:
        found = {**converters, **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner, found)
        elif entry.name:
            yield f"{namespace}{entry.name}", found


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_unverified_auditor_is_sent_to_enrolment_from_every_url(auditor, method):
    client = client_for(auditor, verified=False)
    enrol = reverse("mfa-enrol")
    urls = _urls()
    assert len(urls) > 60 and any(name.startswith("admin:") for name, _ in urls)
    for name, url in urls:
        response = getattr(client, method)(url)
        if url.startswith("/api/"):
            assert response.status_code == 403, name
            assert response.json()["detail"] == "Two-factor verification required."
        else:
            assert response.status_code == 302 and response.url.startswith(enrol), name


@pytest.mark.django_db
def test_enrolled_but_unverified_auditor_is_sent_to_verification_from_every_url(auditor):
    factories.totp_device(auditor)
    client = Client()
    client.post(reverse("login"), {"username": auditor.username, "password": PASSWORD})
    verify = reverse("mfa-verify")
    for name, url in _urls():
        if url.startswith("/api/"):
            continue
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(verify), name


@pytest.mark.django_db
def test_auditor_enrols_with_the_code_of_the_secret_shown(auditor):
    client = client_for(auditor, verified=False)
    page = client.get(reverse("mfa-enrol"), {"next": "/risks/"})
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=auditor, confirmed=False)
    from auditors.mfa import secret_of

    assert secret_of(device) in html and "<svg" in html and "style=" not in html.split("<svg")[1]
    response = client.post(reverse("mfa-enrol"), {"token": code(device), "next": "/risks/"})
    assert response.status_code == 302 and response.url == "/risks/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_enrolment_refuses_a_wrong_code_and_keeps_the_auditor_out(auditor):
    client = client_for(auditor, verified=False)
    client.get(reverse("mfa-enrol"))
    response = client.post(reverse("mfa-enrol"), {"token": "000000"})
    assert response.status_code == 200 and "not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=auditor, confirmed=True).exists()
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_password_alone_cannot_enrol_a_second_device(auditor):
    existing = factories.totp_device(auditor)
    client = Client()
    client.post(reverse("login"), {"username": "ada", "password": PASSWORD})
    assert client.get(reverse("mfa-enrol")).url.startswith(reverse("mfa-verify"))
    assert client.post(reverse("mfa-enrol"), {"token": "123456"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=auditor)) == [existing]


@pytest.mark.django_db
def test_auditor_verifies_a_code_after_the_password(auditor):
    device = factories.totp_device(auditor)
    client = Client()
    response = client.post(reverse("login"), {"username": "ada", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("mfa-verify"))
    response = client.post(reverse("mfa-verify"), {"token": code(device), "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_code_cannot_be_used_twice(auditor):
    device = factories.totp_device(auditor)
    first, second = Client(), Client()
    for client in (first, second):
        client.post(reverse("login"), {"username": "ada", "password": PASSWORD})
    token = code(device)
    assert first.post(reverse("mfa-verify"), {"token": token}).status_code == 302
    response = second.post(reverse("mfa-verify"), {"token": token})
    assert response.status_code == 200 and "already used" in response.content.decode()
    assert second.get("/").status_code == 302


@pytest.mark.django_db
def test_officer_is_not_asked_for_a_code_by_default(officer):
    client = Client()
    client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_officer_who_enrolled_voluntarily_is_asked_at_the_next_sign_in(officer):
    client = client_for(officer)
    client.get(reverse("mfa-enrol"))
    device = TOTPDevice.objects.get(user=officer)
    assert client.post(reverse("mfa-enrol"), {"token": code(device)}).status_code == 302
    fresh = Client()
    fresh.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    assert fresh.get("/").url.startswith(reverse("mfa-verify"))


@pytest.mark.django_db
def test_require_mfa_for_all_sends_officers_to_enrolment(officer, settings):
    settings.REQUIRE_MFA_FOR_ALL = True
    client = Client()
    client.post(reverse("login"), {"username": "olivia", "password": PASSWORD})
    assert client.get("/").url.startswith(reverse("mfa-enrol"))


@pytest.mark.django_db
def test_officer_can_turn_two_factor_off(officer):
    factories.totp_device(officer)
    client = client_for(officer)
    assert client.post(reverse("mfa-disable")).status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()


@pytest.mark.django_db
def test_auditor_cannot_turn_two_factor_off(auditor):
    client = client_for(auditor)
    assert client.post(reverse("mfa-disable")).status_code == 403
    assert TOTPDevice.objects.filter(user=auditor, confirmed=True).exists()


@pytest.mark.django_db
def test_api_refuses_an_auditor_token(auditor):
    # Auditors cannot create tokens; one slipped in through the admin is refused all the same.
    ApiToken.objects.create(user=auditor, name="x", prefix="abcd", digest=token_digest("abcd-secret"))
    client = Client(headers={"Authorization": "Token abcd-secret"})
    response = client.get("/api/v1/evidence/")
    assert response.status_code in (401, 403) and "Auditor accounts" in response.json()["detail"]


@pytest.mark.django_db
def test_unverified_htmx_request_gets_a_client_redirect(auditor):
    client = client_for(auditor, verified=False)
    response = client.get(reverse("assets:asset-list"), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == reverse("mfa-enrol")
