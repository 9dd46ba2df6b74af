"""The PostgreSQL kind against the real test database server."""

import pytest
from django.db import connection

from connectors.kinds import PermanentError, TransientError, postgres
from connectors.runs import run_connector
from evidence.models import Evidence
from tests.connectors.builders import connector

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


def _conninfo() -> str:
    db = connection.settings_dict
    return (
        f"host={db.get('HOST') or '127.0.0.1'} port={db.get('PORT') or 5432} "
        f"dbname={db['NAME']} user={db.get('USER') or 'postgres'}"
    )


def _config(**queries) -> dict:
    return {"conninfo": _conninfo(), "queries": queries, "statement_timeout_ms": 500}


SUPERUSER_POLICY = """package isms.db

deny contains msg if {
    some role in input.data.queries.superusers
    role.rolname != "postgres"
    msg := sprintf("unexpected superuser %s", [role.rolname])
}
"""


def test_postgres_runs_queries_and_the_policy(officer, db):
    c = connector(
        officer,
        name="Inference DB roles",
        kind="postgres",
        policy=SUPERUSER_POLICY,
        config=_config(
            superusers="SELECT rolname FROM pg_roles WHERE rolsuper ORDER BY rolname",
            read_only="SHOW transaction_read_only",
        ),
    )
    run = run_connector(c, acting_user=officer)
    assert run.status == "succeeded", run.error
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolname FROM pg_roles WHERE rolsuper AND rolname <> 'postgres' ORDER BY 1")
        others = [row[0] for row in cursor.fetchall()]
    assert run.policy_reasons == [f"unexpected superuser {name}" for name in others]
    assert run.policy_allow is (not others)
    with run.evidence.versions.get().files.get().file.open("rb") as handle:
        body = handle.read().decode()
    assert '"rolname": "postgres"' in body
    assert '"transaction_read_only": "on"' in body  # the queries really ran read-only


def test_postgres_refuses_writes(db):
    with pytest.raises(PermanentError, match="read-only transaction"):
        postgres.collect(_config(bad="CREATE TABLE intruder (id int)"), "")


def test_postgres_bad_sql_is_permanent_and_names_the_query(officer, db):
    c = connector(
        officer, name="Broken", kind="postgres", config=_config(roles="SELEC rolname FROM pg_roles")
    )
    run = run_connector(c, acting_user=officer)
    assert run.status == "failed"
    assert "Query “roles” failed" in run.error and "syntax error" in run.error
    assert not Evidence.objects.exists()


def test_postgres_statement_timeout_is_transient(db):
    with pytest.raises(TransientError, match="longer than 500 ms"):
        postgres.collect(_config(slow="SELECT pg_sleep(3)"), "")


def test_postgres_unknown_database_is_permanent(db):
    config = _config(one="SELECT 1")
    config["conninfo"] = config["conninfo"].replace(
        f"dbname={connection.settings_dict['NAME']}", "dbname=nope_x"
    )
    with pytest.raises(PermanentError, match="does not exist"):
        postgres.collect(config, "")


def test_postgres_unreachable_server_is_transient(db):
    with pytest.raises(TransientError, match="Cannot connect"):
        postgres.collect(
            {"conninfo": "host=127.0.0.1 port=9 dbname=x user=x", "queries": {"a": "SELECT 1"}}, ""
        )


def test_postgres_config_is_checked():
    assert postgres.check_config({"queries": {}}) == [
        '“conninfo” is required, e.g. "host=db port=5432 dbname=app user=reader".',
        "“queries” must map names to SQL statements (at least one).",
    ]
