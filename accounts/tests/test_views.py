import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_by_email_redirects_in_preferred_language(client, make_user):
    make_user(Role.LEGAL_PROFESSIONAL, email="pros@example.test", preferred_language="sr-latn")
    response = client.post(
        "/sq/accounts/sign-in/", {"username": "PROS@example.test", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/sr-latn/")
    assert response.cookies["django_language"].value == "sr-latn"


def test_sign_in_with_wrong_password_shows_error(client, make_user):
    make_user(Role.TRAINER, email="trainer@example.test")
    response = client.post(
        "/en/accounts/sign-in/", {"username": "trainer@example.test", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in response.content.decode()


def test_sign_in_with_malformed_email_is_rejected(client):
    response = client.post("/en/accounts/sign-in/", {"username": "not an email", "password": "x"})
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()


def test_sign_out_requires_post_and_ends_session(client, make_user):
    user = make_user(Role.TRAINER)
    client.force_login(user)
    response = client.post("/en/accounts/sign-out/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_profile_sets_language(client, make_user):
    user = make_user(Role.CIVIL_SOCIETY_READER)
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {
            "first_name": "Jelena",
            "last_name": "Marković",
            "preferred_language": "sr",
            "institution": user.institution_id,
            "profession": "victim_advocate",
            "sex": "female",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/sr/accounts/profile/"
    user.refresh_from_db()
    assert user.preferred_language == "sr"


def test_profile_requires_sign_in(client):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_change(client, make_user):
    user = make_user(Role.TRAINER)
    client.force_login(user)
    response = client.post(
        "/en/accounts/password/change/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-much-longer-secret-42",
            "new_password2": "a-much-longer-secret-42",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-secret-42")


def test_password_change_rejects_weak_password(client, make_user):
    client.force_login(make_user(Role.TRAINER))
    response = client.post(
        "/en/accounts/password/change/",
        {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()


def test_password_reset_sends_link_that_works(client, make_user):
    user = make_user(Role.TRAINER, email="reset@example.test")
    response = client.post("/en/accounts/password/reset/", {"email": "reset@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand-new-secret-77", "new_password2": "brand-new-secret-77"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-secret-77")


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_navigation_marks_only_the_closest_entry_active(client_for):
    response = client_for(Role.CASELAW_EDITOR).get("/en/caselaw/editor/")

    active = [str(item["label"]) for item in response.context["navigation_items"] if item["active"]]
    assert active == ["Editing"]
