"""Counting related rows in SQL without a JOIN + GROUP BY over the whole list.

An annotation like Count("versions") groups every row of the list before ORDER BY and
LIMIT; a correlated subquery counts only the rows of the page."""

from django.db.models import IntegerField, Subquery


class SubqueryCount(Subquery):
    """The number of rows of `queryset` (usually filtered on an OuterRef) as an expression:
    SubqueryCount(Version.objects.filter(item=OuterRef("pk")))."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by().values("pk"), **extra)
