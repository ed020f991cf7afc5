from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_migrate
from django.dispatch import receiver

from accounts.audit import AuditAction, audit_record
from accounts.services import role_groups_sync


@receiver(post_migrate)
def sync_role_groups_after_migrate(sender, app_config, using="default", **kwargs):
    """Keep role groups equal to accounts.roles after every migrate run."""
    if app_config.label != "accounts":
        return
    role_groups_sync(apps=kwargs.get("apps") or global_apps, using=using)


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    audit_record(AuditAction.SIGN_IN, user=user)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(AuditAction.SIGN_OUT, user=user)


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    """Record the attempt with the account's id when the address exists; never the address."""
    email = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    user = get_user_model().objects.filter(email__iexact=email).only("pk").first()
    audit_record(
        AuditAction.SIGN_IN_FAILED,
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
        known_account=user is not None,
    )


@receiver(user_locked_out)
def audit_lockout(sender, request, username, **kwargs):
    user = get_user_model().objects.filter(email__iexact=username or "").only("pk").first()
    audit_record(
        AuditAction.LOCKOUT,
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
    )


@receiver(post_delete, sender=AccessAttempt)
def audit_unlock(sender, instance, **kwargs):
    """Record a lifted lockout: an administrator (admin page or `axes_reset_username`)
    deleted an access attempt that had reached the failure limit."""
    if instance.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return  # a successful sign-in clearing earlier failures, not an unlock
    user = get_user_model().objects.filter(email__iexact=instance.username or "").only("pk").first()
    audit_record(
        AuditAction.UNLOCK,
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
    )
