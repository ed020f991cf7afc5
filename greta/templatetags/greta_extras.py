from django import template

from greta.reports import status_label as label_for_status

register = template.Library()


@register.filter
def status_label(code):
    """Translated label of a status code; "No update yet" for an empty one."""
    return label_for_status(code or "")
