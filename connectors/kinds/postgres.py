"""PostgreSQL: run configured queries in a READ ONLY transaction with a statement timeout.

The secret is the password; everything else of the connection is in `conninfo` (libpq format)."""

import psycopg
from django.conf import settings
from psycopg import errors as pg_errors
from psycopg.rows import dict_row

from connectors.kinds.errors import PermanentError, TransientError

EXAMPLE = {
    "conninfo": "host=db.internal port=5432 dbname=inference user=isms_reader sslmode=require",
    "queries": {
        "superusers": "SELECT rolname FROM pg_roles WHERE rolsuper ORDER BY rolname",
        "login_roles": "SELECT rolname, rolvaliduntil FROM pg_roles WHERE rolcanlogin ORDER BY rolname",
    },
    "statement_timeout_ms": 5000,
}
MAX_ROWS = 5000


def check_config(config: dict) -> list[str]:
    problems = []
    if not isinstance(config.get("conninfo"), str) or not config.get("conninfo"):
        problems.append('“conninfo” is required, e.g. "host=db port=5432 dbname=app user=reader".')
    queries = config.get("queries")
    if (
        not isinstance(queries, dict)
        or not queries
        or not all(isinstance(q, str) and q.strip() for q in queries.values())
    ):
        problems.append("“queries” must map names to SQL statements (at least one).")
    timeout = config.get("statement_timeout_ms", 5000)
    if not isinstance(timeout, int) or not 1 <= timeout <= 600_000:
        problems.append("“statement_timeout_ms” must be a whole number of milliseconds up to 600000.")
    return problems


def _connect(config: dict, secret: str) -> psycopg.Connection:
    try:
        return psycopg.connect(
            config["conninfo"],
            password=secret or None,
            connect_timeout=settings.CONNECTOR_TIMEOUT,
            application_name="isms-connector",
        )
    except psycopg.ProgrammingError as error:  # a malformed conninfo
        raise PermanentError(f"The connection settings are invalid: {error}") from error
    except psycopg.OperationalError as error:
        message = str(error).strip()
        if "authentication failed" in message or "does not exist" in message:
            raise PermanentError(f"The database refused the connection: {message}") from error
        raise TransientError(f"Cannot connect to the database: {message}") from error


def collect(config: dict, secret: str) -> dict:
    timeout = int(config.get("statement_timeout_ms", 5000))
    results = {}
    with _connect(config, secret) as conn:
        try:
            with conn.transaction(), conn.cursor(row_factory=dict_row) as cur:
                cur.execute("SET TRANSACTION READ ONLY")
                cur.execute(f"SET LOCAL statement_timeout = {timeout}")  # an int, never user text
                for name, sql in config["queries"].items():
                    cur.execute(sql)
                    rows = cur.fetchmany(MAX_ROWS) if cur.description else []
                    results[name] = rows
        except pg_errors.QueryCanceled as error:
            raise TransientError(f"A query ran longer than {timeout} ms and was cancelled.") from error
        except psycopg.OperationalError as error:
            raise TransientError(f"The database connection failed: {error}") from error
        except psycopg.Error as error:
            raise PermanentError(f"Query “{name}” failed: {str(error).strip()}") from error
    return {"queries": results}
