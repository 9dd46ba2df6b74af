from django import template

register = template.Library()


@register.filter
def attr(obj, name: str):
    """getattr for templates: the per-result counts annotated on an audit."""
    return getattr(obj, name, "")
