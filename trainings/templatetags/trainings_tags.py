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


@register.filter
def sex_label(value):
    from trainings.models import Sex

    return Sex(value).label if value in Sex.values else value


@register.filter
def profession_label(value):
    from trainings.models import Profession

    return Profession(value).label if value in Profession.values else value


@register.filter
def is_sample(course):
    """Return whether the course belongs to the invented sample data."""
    from trainings.sample_data import is_sample_course

    return is_sample_course(course)
