"""{% jinja "assets/_asset_rows.html" %}: renders a Jinja2 partial (see isms/jinja.py) inside a
Django template with the same context, so a list page and its htmx refresh share one partial.
Keyword arguments add to the context: {% jinja "risks/_heatmap.svg.html" map=map %}."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from isms.jinja import render_values

register = template.Library()


@register.simple_tag(takes_context=True)
def jinja(context, template_name: str, **extra) -> str:
    partial = engines["jinja2"].get_template(template_name)
    values = context.flatten() | render_values() | extra
    # The partial escapes what it outputs (Jinja2 autoescape); its result is markup.
    return mark_safe(partial.render(values, context.get("request")))  # noqa: S308
