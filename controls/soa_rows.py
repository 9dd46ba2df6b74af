"""The Statement of Applicability's table rows as plain values (issue #11).

As model instances the 93 rows cost about 600 objects (entries, controls, owners, assignees,
assets), most of the page's time; as values they are four queries and 93 small rows, the
same for one row (the htmx row refresh) as for the whole Annex A."""

from collections import defaultdict
from types import SimpleNamespace

from markupsafe import Markup, escape

from controls.badges import applicable_badge, automated_check_badge, status_badge
from controls.counts import VALID_EVIDENCE, control_counts
from controls.models import Control, SoAEntry
from controls.models.soa import applicability_label, status_key, status_label
from isms.jinja import pk_url, truncatechars
from isms.models.users import user_label

COLUMNS = (
    "pk", "control_id", "control__ref", "control__title", "control__theme", "applicable",
    "implementation_status", "justification", "automated_check_status",
    "owner__username", "owner__first_name", "owner__last_name",
)
THEMES = dict(Control.Theme.choices)


def soa_rows(entries) -> list[SimpleNamespace]:
    """One row per entry of `entries` (a queryset, in its order), with the valid-evidence
    count of its control (controls.counts)."""
    rows = list(entries.values(*COLUMNS))
    valid_evidence = control_counts(VALID_EVIDENCE, [row["control_id"] for row in rows])
    ids = [row["pk"] for row in rows]
    assignees, assets = defaultdict(list), defaultdict(list)
    people = SoAEntry.assignees.through.objects.filter(soaentry_id__any_of=ids).order_by("user__username")
    columns = ("soaentry_id", "user__first_name", "user__last_name", "user__username")
    for entry_id, *name in people.values_list(*columns):
        assignees[entry_id].append(user_label(*name))
    links = SoAEntry.assets.through.objects.filter(soaentry_id__any_of=ids).order_by("asset__name")
    for entry_id, pk, name in links.values_list("soaentry_id", "asset_id", "asset__name"):
        assets[entry_id].append((pk, name))
    control_url, edit_url, asset_url = (pk_url(name) for name in (
        "controls:control-detail", "controls:soa-edit", "assets:asset-detail"))
    return [_with_markup(
        SimpleNamespace(
            pk=row["pk"], control_id=row["control_id"], ref=row["control__ref"], title=row["control__title"],
            theme=row["control__theme"], theme_label=THEMES.get(row["control__theme"], row["control__theme"]),
            applicable=row["applicable"], justification=row["justification"],
            automated_check_status=row["automated_check_status"],
            owner=user_label(row["owner__first_name"], row["owner__last_name"], row["owner__username"]),
            assignees=assignees[row["pk"]], assets=assets[row["pk"]],
            valid_evidence=valid_evidence.get(row["control_id"], 0),
            applicability_label=applicability_label(row["applicable"]),
            status_key=status_key(row["applicable"], row["implementation_status"]),
            status_label=status_label(row["applicable"], row["implementation_status"]),
            url=control_url(row["control_id"]), edit_url=edit_url(row["pk"]),
        ), asset_url)
        for row in rows
    ]


def _with_markup(row: SimpleNamespace, asset_url) -> SimpleNamespace:
    """What the row partial shows, built here: a call from a Jinja2 template costs several
    times as much as the same call from Python, and the SoA makes about nine per row."""
    row.applicable_badge, row.status_badge = applicable_badge(row), status_badge(row)
    row.check_badge = automated_check_badge(row)
    # escape() per value: Markup.format() escapes too, through a formatter written in Python.
    row.assets_html = Markup(", ".join(f'<a href="{escape(asset_url(pk))}">{escape(name)}</a>'  # noqa: S704
                                       for pk, name in row.assets))
    row.assignee_names = ", ".join(row.assignees)
    row.justification_short = truncatechars(row.justification, 140)
    return row


def soa_table_rows(entries, head=None) -> list[SimpleNamespace]:
    """The SoA table's rows (SoAListView.rows)."""
    return soa_rows(entries)


def soa_row(pk: int) -> SimpleNamespace:
    """The row of one entry (the htmx refresh after a view or an edit)."""
    return soa_rows(SoAEntry.objects.filter(pk=pk))[0]
