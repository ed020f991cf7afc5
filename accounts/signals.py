from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from accounts.services import role_groups_sync


@receiver(post_migrate)
def sync_role_groups_after_migrate(sender, app_config, using="default", **kwargs):
    """Keep role groups equal to accounts.roles after every migrate run."""
    if app_config.label != "accounts":
        return
    role_groups_sync(apps=kwargs.get("apps") or global_apps, using=using)
