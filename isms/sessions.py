"""Django's database sessions, with the one read every request makes done in plain SQL.

Loading a session through the ORM (Session.objects.get(...)) costs about four times the CPU of
the same SELECT sent as it is, and every page loads one (docs/performance.md). Everything else
(creating, saving, deleting, clearing expired sessions) is Django's db backend unchanged;
tests/isms/test_sessions.py checks both read the same sessions."""

from functools import cache

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        if not self.session_key:  # an invalid key was dropped by SessionBase
            return None
        alias = router.db_for_read(self.model)
        with connections[alias].cursor() as cursor:
            cursor.execute(_select_sql(self.model, alias), [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=row[0])


@cache
def _select_sql(model, alias: str) -> str:
    quote = connections[alias].ops.quote_name
    column = {name: quote(model._meta.get_field(name).column) for name in ("session_key", "session_data",
                                                                          "expire_date")}
    return (f"SELECT {column['session_data']} FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {column['session_key']} = %s AND {column['expire_date']} > %s")
