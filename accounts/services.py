"""Write operations on accounts: role groups and demo users."""

import logging

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import transaction

from accounts.roles import ROLE_CAPABILITIES

logger = logging.getLogger(__name__)


@transaction.atomic
def role_groups_sync(*, apps, using: str = "default") -> int:
    """Create one group per role and set its permissions to the table in roles.py.

    Works with historical models (`apps` from a migration) and with the live registry.
    Returns the number of groups whose permissions changed.
    """
    # create_permissions needs the real app config; `apps` still selects the models.
    create_permissions(global_apps.get_app_config("accounts"), verbosity=0, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    changed = 0
    for role, capabilities in ROLE_CAPABILITIES.items():
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        wanted = set(
            Permission.objects.using(using)
            .filter(
                content_type__app_label="accounts", codename__in=[c.value for c in capabilities]
            )
            .values_list("pk", flat=True)
        )
        current = set(group.permissions.values_list("pk", flat=True))
        if wanted != current:
            group.permissions.set(wanted)
            changed += 1
    if changed:
        logger.info("Synchronised permissions of %d role groups", changed)
    return changed
