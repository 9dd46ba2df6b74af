"""The session and the signed-in user are read in plain SQL (isms.sessions,
isms.auth_backends.ModelPermissionBackend.get_user): they must read what Django's own code reads."""

import datetime

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from isms.auth_backends import ModelPermissionBackend
from isms.sessions import SessionStore
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored():
    session = DjangoStore()
    session.update({"_auth_user_id": "7", "theme": "dark", "n": [1, 2]})
    session.create()
    return session.session_key


def test_a_session_loads_what_djangos_store_loads(stored):
    ours, django = SessionStore(stored), DjangoStore(stored)
    assert ours.load() == django.load() == {"_auth_user_id": "7", "theme": "dark", "n": [1, 2]}
    assert ours.session_key == stored


@pytest.mark.parametrize("key", ["no-such-session-key-000000000000", "", None, "short"])
def test_an_unknown_or_malformed_key_loads_nothing_and_is_dropped(stored, key):
    ours, django = SessionStore(key), DjangoStore(key)
    assert ours.load() == django.load() == {}
    assert ours.session_key is django.session_key is None


def test_an_expired_session_loads_nothing(stored):
    a_second_ago = timezone.now() - datetime.timedelta(seconds=1)
    Session.objects.filter(session_key=stored).update(expire_date=a_second_ago)
    ours = SessionStore(stored)
    assert ours.load() == DjangoStore(stored).load() == {}
    assert ours.session_key is None


def test_a_session_saved_by_our_store_is_read_back(stored):
    ours = SessionStore(stored)
    ours["theme"] = "light"
    ours.save()
    assert DjangoStore(stored).load()["theme"] == "light"
    assert SessionStore(stored).load()["theme"] == "light"


def test_the_signed_in_user_is_the_one_django_reads(officer):
    ours, django = ModelPermissionBackend().get_user(officer.pk), ModelBackend().get_user(officer.pk)
    assert ours == django == officer
    fields = [f.attname for f in type(officer)._meta.concrete_fields]
    assert [getattr(ours, f) for f in fields] == [getattr(django, f) for f in fields]


def test_no_user_for_an_inactive_unknown_or_malformed_id(officer):
    former = factories.officer(username="former", is_active=False)
    for user_id in (former.pk, str(former.pk), 999_999, None):
        assert ModelPermissionBackend().get_user(user_id) is ModelBackend().get_user(user_id) is None
    assert ModelPermissionBackend().get_user("abc") is None  # ModelBackend raises ValueError
    assert ModelPermissionBackend().get_user(str(officer.pk)) == officer
