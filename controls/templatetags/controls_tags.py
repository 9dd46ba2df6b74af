from django import template

from controls import badges

register = template.Library()

register.simple_tag(badges.status_badge)
register.simple_tag(badges.applicable_badge)
register.simple_tag(badges.automated_check_badge)
