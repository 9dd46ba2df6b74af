"""`any_of`: an `__in` for a page's worth of integer keys, sent as one array parameter.

The list pages read the links of their rows (a risk's assets, an evidence item's controls) with
`risk_id__in=ids`. Django then prepares each of the 100 values one by one, and psycopg parses a
statement of 100 placeholders on every request: it caches the parsing of statements of at most
50 parameters (psycopg._queries.MAX_CACHED_STATEMENT_PARAMS). On PostgreSQL `risk_id__any_of=ids`
is `"risk_id" = ANY(%s)` with the list as one array: the same text whatever the page size, and
about a third of the CPU time of such a query (docs/performance.md). Elsewhere it is `__in`.
"""

from django.db import models
from django.db.models.lookups import In


class AnyOf(models.Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        # Integer keys only: anything else fails here, not in the database.
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return In(self.lhs, self.rhs).as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, self.rhs)


# Auto and big integer fields are integer fields; a foreign key compares its column.
models.IntegerField.register_lookup(AnyOf)
models.ForeignKey.register_lookup(AnyOf)
