"""Course materials: private files sent only to users who may see the course."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import Role
from trainings.models import Course, CourseMaterial

pytestmark = pytest.mark.django_db

HANDOUT = "Dispensë: treguesit e trafikimit".encode()


@pytest.fixture
def material(course):
    material = CourseMaterial(course=course, title="Treguesit e trafikimit – dispensë")
    material.file.save("handout.pdf", ContentFile(HANDOUT), save=True)
    return material


def material_url(material) -> str:
    return reverse("trainings:course_material", args=[material.course_id, material.pk])


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "role",
    [
        None,
        Role.CASELAW_EDITOR,
        Role.LEGAL_PROFESSIONAL,
        Role.POLICE_INVESTIGATOR,
        Role.CIVIL_SOCIETY_READER,
    ],
    ids=lambda role: role or "anonymous",
)
def test_material_hidden_from_other_roles(role, material, client_for):
    response = client_for(role).get(material_url(material))

    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.TRAINER, Role.PROJECT_STAFF, Role.ADMINISTRATOR])
def test_trainers_and_staff_download_material(role, material, client_for):
    response = client_for(role).get(material_url(material))

    assert response.status_code == 200
    assert content_of(response) == HANDOUT
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="treguesit-e-trafikimit-dispense.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_registered_participant_downloads_material(
    material, make_user, make_session, make_participant, register, trainer, client
):
    user = make_user(Role.POLICE_INVESTIGATOR)
    register(make_session(trainer), make_participant(user=user))
    client.force_login(user)

    response = client.get(material_url(material))

    assert response.status_code == 200
    assert content_of(response) == HANDOUT


def test_participant_of_other_course_gets_404(
    material, make_user, make_participant, register, trainer, client
):
    from trainings.models import TrainingSession

    other_course = Course.objects.create(code="other-course", title="Tjetër")
    session = TrainingSession.objects.create(
        course=other_course, start_date=date(2025, 4, 1), end_date=date(2025, 4, 1)
    )
    user = make_user(Role.POLICE_INVESTIGATOR)
    register(session, make_participant(user=user))
    client.force_login(user)

    response = client.get(material_url(material))

    assert response.status_code == 404


def test_material_under_wrong_course_is_404(material, client_for):
    other_course = Course.objects.create(code="other-course", title="Tjetër")
    url = reverse("trainings:course_material", args=[other_course.pk, material.pk])

    response = client_for(Role.TRAINER).get(url)

    assert response.status_code == 404


def test_material_missing_from_storage_is_404(material, client_for, caplog):
    material.file.storage.delete(material.file.name)

    response = client_for(Role.TRAINER).get(material_url(material))

    assert response.status_code == 404
    assert f"course material {material.pk} is missing from storage" in caplog.text


def test_cyrillic_title_gets_fallback_filename(material, client_for):
    material.title = "Материјал"  # slugify drops every Cyrillic letter
    material.save(update_fields=["title"])

    response = client_for(Role.TRAINER).get(material_url(material))

    assert response["Content-Disposition"] == (f'attachment; filename="material-{material.pk}.pdf"')


def test_material_stored_outside_media_root(material, settings, private_storage_root):
    assert material.file.path.startswith(str(private_storage_root))
    assert not material.file.path.startswith(str(settings.MEDIA_ROOT))


def test_course_page_links_to_checked_view(material, client_for):
    response = client_for(Role.TRAINER).get(
        reverse("trainings:course_detail", args=[material.course_id])
    )

    page = response.content.decode()
    assert material_url(material) in page
    assert "/media/" not in page
