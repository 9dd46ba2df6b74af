"""The Jinja2 environment of the partials in jinja2/: the rows of the large lists, the heatmaps,
the SoA progress chart and the navigation bar.

Django templates spend about 0.2 ms per table row: each variable, filter and tag is an object
walked at render time. Jinja2 compiles a template to Python and renders the same row three to
five times faster (docs/performance.md). The page around a partial stays a Django template
({% jinja %}, isms/templatetags/partials.py).

What the partials may use is defined here: `url()` and Django's own `date` (in the active time
zone, as Django templates show datetimes) and `pluralize` filters, so the output is the same
markup. Rows come with their display labels, links, badges and cut texts, built in Python by
isms/asset_rows.py and its siblings (with `pk_url` and `truncatechars` from here): a call from a
partial costs several times the same call from Python."""

import datetime
from functools import cache, lru_cache

from django.template import defaultfilters
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language

from jinja2 import ChainableUndefined, Environment, pass_context

# Numeric formats need no translation: strftime is ten times faster than Django's formatter.
NUMERIC_FORMATS = {"Y-m-d": "%Y-%m-%d", "Y-m-d H:i": "%Y-%m-%d %H:%M", "Y-m-d H:i:s": "%Y-%m-%d %H:%M:%S"}


@lru_cache(maxsize=4096)
def _localised_date(value: datetime.date, fmt: str | None, language: str) -> str:
    return defaultfilters.date(value, fmt)


@pass_context
def date(context, value, fmt: str | None = None) -> str:
    """Django's `date` filter; an aware datetime is shown in the active time zone first. Dates
    repeat down a list, so their localised text (DATE_FORMAT by default) is cached. The active
    language and time zone come from the render (render_values) when it has them."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value, context.get("active_timezone") or timezone.get_current_timezone())
    if fmt in NUMERIC_FORMATS:
        return value.strftime(NUMERIC_FORMATS[fmt])
    if type(value) is datetime.date:
        return _localised_date(value, fmt, context.get("active_language") or get_language())
    return defaultfilters.date(value, fmt)


_MARK = 987654321987654321  # an int no row has: where the argument goes in a reversed URL


@cache
def _url_around_pk(name: str, script_prefix: str) -> tuple[str, str]:
    head, _, tail = reverse(name, args=[_MARK]).partition(str(_MARK))
    return head, tail


def truncatechars(value, length: int) -> str:
    """Django's truncatechars; text that fits is returned at once, without its Truncator."""
    text = str(value)
    return text if len(text) <= length else defaultfilters.truncatechars(text, length)


def url(name: str, *args) -> str:
    """reverse(name, args=args). A URL of one integer (a row's page) is built from the
    reversed pattern, cached per name: reverse() costs as much as the rest of a table row."""
    return url_builder(get_script_prefix())(name, *args)


def pk_url(name: str):
    """A function from a row's pk to reverse(name, args=[pk]) under the current script prefix:
    the row builders (risks.register_rows, controls.soa_rows) give each row its links, which
    costs a tenth of calling url() from a partial for every row."""
    head, tail = _url_around_pk(name, get_script_prefix())
    return lambda pk: f"{head}{int(pk)}{tail}"


def render_values() -> dict:
    """What a partial's helpers would otherwise read per call from context-local variables
    (script prefix, language, time zone: each read costs as much as a row's cell), read once
    per render by isms.templatetags.partials."""
    return {"url": url_builder(get_script_prefix()), "active_language": get_language(),
            "active_timezone": timezone.get_current_timezone()}


@cache
def url_builder(script_prefix: str):
    """url() for one script prefix. A partial gets it as its `url` (isms.templatetags.partials)
    with the prefix read once: get_script_prefix() reads a context-local variable, which for
    the 400 links of the SoA cost 5% of the page."""

    def url(name: str, *args) -> str:
        if len(args) == 1 and type(args[0]) is int:
            head, tail = _url_around_pk(name, script_prefix)
            return f"{head}{args[0]}{tail}"
        return reverse(name, args=args or None)

    return url


def environment(**options) -> Environment:
    # Missing variables render as nothing, attributes of them too, as in Django templates.
    env = Environment(**{"undefined": ChainableUndefined, **options})  # noqa: S701 - autoescape is on
    env.globals.update(url=url)
    env.filters.update(date=date, pluralize=defaultfilters.pluralize)
    return env
