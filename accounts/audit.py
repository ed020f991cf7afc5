"""The audit trail: an append-only record of security-relevant actions.

Every app records through `audit_record`. Rows are never changed or deleted: the model
refuses it, the admin offers no change or delete, and a database trigger rejects UPDATE
and DELETE on the table (see migration 0004). Entries hold ids, never personal data.
"""

import logging

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class AuditAction(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    LOCKOUT = "lockout", _("Account locked out")
    UNLOCK = "unlock", _("Lockout removed")
    VIEW_RESTRICTED = "view_restricted", _("Restricted judgment viewed")
    VIEW_SOURCE_TEXT = "view_source_text", _("Unanonymised text opened")
    CREATE = "create", _("Record created")
    CHANGE = "change", _("Record changed")
    PUBLISH = "publish", _("Judgment published")
    WITHDRAW = "withdraw", _("Judgment withdrawn")
    EXPORT = "export", _("Export")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only and cannot be updated.")

    def delete(self):
        raise PermissionError("Audit events are append-only and cannot be deleted.")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    action = models.CharField(
        _("action"), max_length=30, choices=AuditAction.choices, db_index=True
    )
    # No database constraint: deleting a user must neither fail nor touch the trail.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(
        _("object type"),
        max_length=60,
        blank=True,
        help_text=_("app_label.model, e.g. caselaw.judgment"),
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.JSONField(
        _("detail"),
        default=dict,
        blank=True,
        help_text=_("Ids, formats and counts; never personal data."),
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} user={self.user_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only and cannot be deleted.")


def audit_record(
    action: AuditAction,
    *,
    user=None,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    **detail,
) -> AuditEvent:
    """Append one event. `detail` holds ids, formats and counts only, never personal data."""
    if target is not None:
        object_type = target._meta.label_lower
        object_id = target.pk
    user_id = user.pk if user is not None and getattr(user, "is_authenticated", False) else None
    event = AuditEvent.objects.create(
        action=action,
        user_id=user_id,
        object_type=object_type,
        object_id=str(object_id or ""),
        detail=detail,
    )
    logger.info(
        "Audit %s by user %s on %s %s", action, user_id, object_type or "-", object_id or "-"
    )
    return event
