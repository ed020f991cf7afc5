from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Return `mapping[key]`, or None; for dictionaries keyed by dates or ids."""
    return mapping.get(key) if mapping else None


@register.filter
def attendance_label(status):
    """Return the translated label of an Attendance.Status value, or an empty string."""
    from trainings.models import Attendance

    return Attendance.Status(status).label if status in Attendance.Status.values else ""
