"""Who may do what: the one place that states each role's capabilities.

Roles are Django groups; capabilities are permissions of the accounts app
(`accounts.<capability>`). The groups and their permissions are created by a data
migration and kept equal to this module after every `migrate` (see signals.py), so views,
the API, templates and docs/roles.md all read the same table.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PROJECT_STAFF = "project_staff", _("Project staff")
    CASELAW_EDITOR = "caselaw_editor", _("Case-law editor")
    LEGAL_PROFESSIONAL = "legal_professional", _("Legal professional")
    POLICE_INVESTIGATOR = "police_investigator", _("Police investigator")
    TRAINER = "trainer", _("Trainer")
    CIVIL_SOCIETY_READER = "civil_society_reader", _("Civil society reader")


class Capability(models.TextChoices):
    """Each value is a permission codename of the accounts app."""

    VIEW_PROFESSIONAL_JUDGMENTS = (
        "view_professional_judgments",
        _("Read judgments open to signed-in professionals"),
    )
    EDIT_JUDGMENTS = "edit_judgments", _("Create, edit and anonymise judgments")
    PUBLISH_JUDGMENTS = "publish_judgments", _("Approve and publish judgments")
    VIEW_SOURCE_TEXT = "view_source_text", _("Open the unanonymised text of drafts")
    VIEW_CASELAW_STATISTICS = "view_caselaw_statistics", _("Use case-law statistics")
    SAVE_SEARCHES = "save_searches", _("Save searches and receive alerts")
    MANAGE_OWN_TRAININGS = (
        "manage_own_trainings",
        _("Plan own training sessions and take attendance"),
    )
    MANAGE_ALL_TRAININGS = "manage_all_trainings", _("See and change all training sessions")
    VIEW_TRAINING_STATISTICS = "view_training_statistics", _("Report training figures")
    VIEW_RECOMMENDATIONS = "view_recommendations", _("Read recommendations and public progress")
    PROPOSE_PROGRESS = "propose_progress", _("Propose progress updates for own institution")
    MANAGE_RECOMMENDATIONS = "manage_recommendations", _("Record, review and export progress")
    VIEW_AUDIT_LOG = "view_audit_log", _("Read and export the audit trail")
    MANAGE_USERS = "manage_users", _("Manage users, roles and lockouts")


C = Capability

_READER = {C.VIEW_PROFESSIONAL_JUDGMENTS, C.SAVE_SEARCHES, C.VIEW_RECOMMENDATIONS}

ROLE_CAPABILITIES: dict[Role, frozenset[Capability]] = {
    Role.ADMINISTRATOR: frozenset(Capability),
    Role.PROJECT_STAFF: frozenset(
        _READER
        | {
            C.VIEW_CASELAW_STATISTICS,
            C.MANAGE_ALL_TRAININGS,
            C.MANAGE_OWN_TRAININGS,
            C.VIEW_TRAINING_STATISTICS,
            C.PROPOSE_PROGRESS,
            C.MANAGE_RECOMMENDATIONS,
            C.VIEW_AUDIT_LOG,
        }
    ),
    Role.CASELAW_EDITOR: frozenset(
        _READER
        | {C.EDIT_JUDGMENTS, C.PUBLISH_JUDGMENTS, C.VIEW_SOURCE_TEXT, C.VIEW_CASELAW_STATISTICS}
    ),
    Role.LEGAL_PROFESSIONAL: frozenset(_READER | {C.VIEW_CASELAW_STATISTICS, C.PROPOSE_PROGRESS}),
    Role.POLICE_INVESTIGATOR: frozenset(_READER | {C.VIEW_CASELAW_STATISTICS, C.PROPOSE_PROGRESS}),
    Role.TRAINER: frozenset(_READER | {C.MANAGE_OWN_TRAININGS}),
    # Civil society readers see public judgments only, not those kept for professionals.
    Role.CIVIL_SOCIETY_READER: frozenset({C.SAVE_SEARCHES, C.VIEW_RECOMMENDATIONS}),
}


def user_can(user, capability: Capability) -> bool:
    """Return whether `user` has `capability` through one of their roles.

    Reads ROLE_CAPABILITIES and the user's role groups (one query per request) instead of
    Django's permission tables (two more queries). The groups' permissions are a copy of
    that table, restored by `role_groups_sync` after every migration, and no capability is
    granted to one user alone. Superusers have every capability.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(capability in ROLE_CAPABILITIES[role] for role in user_roles(user))


def user_roles(user) -> set[Role]:
    """Return the roles of `user`, read once per user object (so once per request).

    Like Django's permission cache, the roles are kept on the object: a change to the
    user's groups shows from the next request on.
    """
    if not user.is_authenticated:
        return set()
    roles = getattr(user, "_role_cache", None)
    if roles is None:
        names = {group.name for group in user.groups.all()}
        roles = frozenset(role for role in Role if role.value in names)
        user._role_cache = roles
    return set(roles)


def user_has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def capability_table_markdown() -> str:
    """Return the role-by-capability table that docs/roles.md shows (a test keeps them equal)."""
    roles = list(Role)
    lines = [
        "| Capability | " + " | ".join(str(role.label) for role in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for capability in Capability:
        marks = ["yes" if capability in ROLE_CAPABILITIES[role] else "–" for role in roles]
        lines.append(f"| {capability.label} (`{capability.value}`) | " + " | ".join(marks) + " |")
    return "\n".join(lines)


# Roles that must sign in with a second factor (TOTP) when settings.TWO_FACTOR_REQUIRED is on.
TWO_FACTOR_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROJECT_STAFF, Role.CASELAW_EDITOR})


def user_requires_two_factor(user) -> bool:
    return user.is_superuser or bool(user_roles(user) & TWO_FACTOR_ROLES)
