from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation

from accounts.roles import ROLE_CAPABILITIES, Capability, Role, capability_table_markdown, user_can

pytestmark = pytest.mark.django_db


def test_every_role_group_exists_with_its_permissions():
    for role, capabilities in ROLE_CAPABILITIES.items():
        group = Group.objects.get(name=role.value)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert codenames == {capability.value for capability in capabilities}, role


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", list(Capability))
def test_user_can_follows_role_table(make_user, role, capability):
    user = make_user(role)
    assert user_can(user, capability) == (capability in ROLE_CAPABILITIES[role])


def test_anonymous_and_inactive_users_hold_no_capability(make_user):
    from django.contrib.auth.models import AnonymousUser

    inactive = make_user(Role.ADMINISTRATOR, is_active=False)
    for capability in Capability:
        assert not user_can(AnonymousUser(), capability)
        assert not user_can(inactive, capability)


def test_user_without_role_holds_no_capability(make_user):
    user = make_user(None)
    assert not any(user_can(user, capability) for capability in Capability)


def test_roles_doc_matches_role_table():
    with translation.override("en"):
        table = capability_table_markdown()
    doc = (Path(settings.BASE_DIR) / "docs" / "roles.md").read_text(encoding="utf-8")
    assert table in doc, "docs/roles.md is out of date: paste capability_table_markdown()"


def test_roles_are_read_once_per_user_object(make_user, django_assert_num_queries):
    from accounts.models import User
    from accounts.roles import user_has_role, user_roles

    user = User.objects.get(pk=make_user(Role.TRAINER).pk)
    with django_assert_num_queries(1):
        assert user_roles(user) == {Role.TRAINER}
        assert user_has_role(user, Role.TRAINER)
        assert not user_has_role(user, Role.ADMINISTRATOR)


def test_user_can_reads_no_permission_table(make_user, django_assert_num_queries):
    from accounts.models import User

    user = User.objects.get(pk=make_user(Role.CASELAW_EDITOR).pk)
    with django_assert_num_queries(1):
        assert user_can(user, Capability.EDIT_JUDGMENTS)
        assert user_can(user, Capability.PUBLISH_JUDGMENTS)
        assert not user_can(user, Capability.VIEW_AUDIT_LOG)


def test_superuser_holds_every_capability(make_user):
    superuser = make_user(None, is_superuser=True)
    assert all(user_can(superuser, capability) for capability in Capability)
