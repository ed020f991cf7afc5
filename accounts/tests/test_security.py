"""Audit trail, lockout after failed sign-ins and two-factor sign-in."""

import csv
import io

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import AuditAction, AuditEvent, audit_record
from accounts.roles import Role
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=TEST_PASSWORD):
    return client.post("/en/accounts/sign-in/", {"username": email, "password": password})


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


# Audit trail


def test_sign_in_and_failed_sign_in_are_audited(client, make_user):
    user = make_user(Role.TRAINER, email="audited@example.test")
    sign_in(client, "audited@example.test", "wrong")
    sign_in(client, "audited@example.test")
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", "object_id", "user_id"))
    assert actions[0] == (AuditAction.SIGN_IN_FAILED, str(user.pk), None)
    assert actions[1] == (AuditAction.SIGN_IN, "", user.pk)


def test_failed_sign_in_stores_no_email(client):
    sign_in(client, "stranger@example.test", "wrong")
    event = AuditEvent.objects.get()
    assert "stranger" not in str(event.detail)
    assert event.object_id == ""


def test_audit_events_cannot_be_changed_or_deleted(make_user):
    event = audit_record(AuditAction.EXPORT, user=make_user(Role.PROJECT_STAFF), format="csv")
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(action="sign_in")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_database_rejects_audit_update_and_delete(make_user):
    event = audit_record(AuditAction.EXPORT, user=make_user(Role.PROJECT_STAFF))
    for statement in (
        "UPDATE accounts_auditevent SET action = 'x'",
        "DELETE FROM accounts_auditevent",
    ):
        with pytest.raises(InternalError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.EXPORT


def test_audit_list_and_export_for_staff_only(client_for, users):
    audit_record(
        AuditAction.PUBLISH,
        user=users[Role.CASELAW_EDITOR],
        object_type="caselaw.judgment",
        object_id=7,
    )

    for role in (Role.TRAINER, Role.CASELAW_EDITOR, Role.LEGAL_PROFESSIONAL):
        assert client_for(role).get("/en/accounts/audit/").status_code == 403
    assert client_for(None).get("/en/accounts/audit/").status_code == 302

    client = client_for(Role.PROJECT_STAFF)
    page = client.get("/en/accounts/audit/?action=publish")
    assert page.status_code == 200
    assert "caselaw.judgment 7" in page.content.decode()

    response = client.get("/en/accounts/audit/export.csv?action=publish")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["time", "action", "user_id"]
    assert rows[1][1:5] == ["publish", str(users[Role.CASELAW_EDITOR].pk), "caselaw.judgment", "7"]
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, user=users[Role.PROJECT_STAFF]
    ).exists()


def test_audit_list_rejects_malformed_filter(client_for):
    response = client_for(Role.PROJECT_STAFF).get("/en/accounts/audit/?since=yesterday")
    assert response.status_code == 400


def test_audit_list_query_count_is_bounded(client_for, users, django_assert_max_num_queries):
    for index in range(60):
        audit_record(AuditAction.EXPORT, user=users[Role.PROJECT_STAFF], object_id=index)
    client = client_for(Role.PROJECT_STAFF)
    with django_assert_max_num_queries(12):
        assert client.get("/en/accounts/audit/").status_code == 200


# Lockout


def test_repeated_failed_sign_ins_lock_the_account(client, make_user, settings):
    make_user(Role.TRAINER, email="locked@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "locked@example.test", "wrong")
    response = sign_in(client, "locked@example.test")
    assert response.status_code == 429
    assert "The account is locked" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOCKOUT).exists()


def test_administrator_unlock_lets_the_user_in(client, make_user, settings):
    from axes.models import AccessAttempt

    make_user(Role.TRAINER, email="unlock@example.test")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "unlock@example.test", "wrong")
    AccessAttempt.objects.filter(username="unlock@example.test").delete()
    assert sign_in(client, "unlock@example.test").status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.UNLOCK).exists()


# Two-factor authentication


@pytest.fixture
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def test_required_role_is_sent_to_enrol(client, make_user, two_factor_on):
    make_user(Role.CASELAW_EDITOR, email="editor@example.test")
    sign_in(client, "editor@example.test")
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/two-factor/")
    assert client.get("/api/v1/schema/").status_code in (200, 403)


def test_api_answers_403_until_verified(client, make_user, two_factor_on):
    make_user(Role.PROJECT_STAFF, email="staff@example.test")
    sign_in(client, "staff@example.test")
    response = client.get("/api/v1/anything/")
    assert response.status_code == 403
    assert "Two-factor" in response.json()["detail"]


def test_enrolment_with_valid_code_verifies_session(client, make_user, two_factor_on, settings):
    # django-otp slows down retries after a wrong code; this test retries at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = make_user(Role.ADMINISTRATOR, email="admin@example.test")
    sign_in(client, "admin@example.test")
    page = client.get("/en/accounts/two-factor/")
    assert page.status_code == 200
    assert client.get("/en/accounts/two-factor/qr.svg")["Content-Type"] == "image/svg+xml"

    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        "/en/accounts/two-factor/",
        {"token": "000000" if current_code(device) != "000000" else "111111"},
    )
    assert response.status_code == 200
    assert "The code is not valid" in response.content.decode()

    response = client.post(
        "/en/accounts/two-factor/", {"token": current_code(device), "next": "/en/accounts/profile/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/profile/"
    assert client.get("/en/accounts/profile/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_two_factor_redirect_rejects_foreign_next(client, make_user, two_factor_on):
    user = make_user(Role.ADMINISTRATOR, email="admin2@example.test")
    sign_in(client, "admin2@example.test")
    client.get("/en/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(
        "/en/accounts/two-factor/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/"


def test_optional_role_enrolled_must_verify(client, make_user):
    user = make_user(Role.LEGAL_PROFESSIONAL, email="pros@example.test")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    sign_in(client, "pros@example.test")
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert "/two-factor/" in response["Location"]


def test_optional_role_without_device_is_not_asked(client, make_user, two_factor_on):
    make_user(Role.LEGAL_PROFESSIONAL, email="pros2@example.test")
    sign_in(client, "pros2@example.test")
    assert client.get("/en/accounts/profile/").status_code == 200
