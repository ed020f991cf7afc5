"""Staff pages on laptop and phone widths, with screenshots, and the session form filter."""

from datetime import date

import pytest

from accounts.models import Institution
from accounts.roles import Role
from trainings import services
from trainings.models import Course, Participant, Registration, Trainer, TrainingSession
from trainings.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": (1280, 900), "phone": (390, 844)}

PEOPLE = [
    ("Dritëro", "Çeku", "male", 40, 72, 5, "Rastet praktike ishin shumë të dobishme."),
    ("Ђорђе", "Стојановић", "male", 55, 70, 4, "Више времена за вежбе."),
    ("Jovana", "Ćosić", "female", 60, 64, 3, ""),
    ("Mimoza", "Bytyçi", "female", None, 80, None, ""),
]


@pytest.fixture
def staff_pages(make_user):
    """A held two-day session with scores, ratings and comments, and a small register."""
    staff = make_user(Role.PROJECT_STAFF, first_name="Liridon", last_name="Berisha")
    trainer_user = make_user(Role.TRAINER, first_name="Teuta", last_name="Morina")
    course = Course.objects.create(
        code="thb",
        title_sq="Hetimi i trafikimit me njerëz",
        title_sr="Истрага трговине људима",
        title_en="Investigating trafficking in human beings",
        description_en="Indicators, victim-centred interviews and financial investigation.",
        topics_en="Indicators of trafficking\nVictim-centred interviews",
        learning_objectives_en="Recognise indicators\nPlan a financial investigation",
        target_professions=["police_officer", "prosecutor"],
    )
    own = Trainer.objects.create(user=trainer_user, name="Teuta Morina", organisation="KAPS")
    own.certified_courses.add(course)
    Trainer.objects.create(name="Besa Gashi (external)", organisation="OSCE Mission in Kosovo")
    session = services.session_create(
        created_by=trainer_user,
        course=course,
        start_date=date(2025, 3, 10),
        end_date=date(2025, 3, 11),
        city="Prizren",
        venue="Hotel Theranda",
        status=TrainingSession.Status.HELD,
    )
    police = Institution.objects.get(code="police-thb-directorate")
    for first, last, sex, before, after, rating, comment in PEOPLE:
        registration = Registration.objects.create(
            session=session,
            participant=Participant.objects.create(
                first_name=first, last_name=last, sex=sex, institution=police
            ),
            pre_test_score=before,
            post_test_score=after,
            evaluation_rating=rating,
            evaluation_comment=comment,
        )
        for day in session.days:
            services.attendance_record_day(
                session=session,
                day=day,
                statuses={registration.pk: "present"},
                recorded_by=trainer_user,
            )
    return staff, course, session


def test_staff_pages_on_two_widths(page, live_server, staff_pages, artifacts_dir):
    staff, course, session = staff_pages
    sign_in(page, live_server, staff)
    pages = {
        "statistics": "/en/trainings/statistics/",
        "course": f"/en/trainings/courses/{course.pk}/",
        "course-form": f"/en/trainings/courses/{course.pk}/edit/",
        "trainers": "/en/trainings/trainers/",
        "session": f"/en/trainings/sessions/{session.pk}/",
    }
    for width_name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for name, address in pages.items():
            page.goto(address)
            assert page.locator("h1").is_visible()
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} scrolls sideways on a {width}px screen"
            page.screenshot(
                path=str(artifacts_dir / f"trainings-staff-{name}-{width_name}.png"),
                full_page=True,
            )

    page.goto("/en/trainings/statistics/")
    assert page.locator(".outcome-table").get_by_text("+17.0").is_visible()


def test_session_form_offers_certified_trainers(page, live_server, staff_pages, artifacts_dir):
    staff, course, _session = staff_pages
    sign_in(page, live_server, staff)
    page.goto("/en/trainings/sessions/new/")
    teuta = page.get_by_label("Teuta Morina")
    besa = page.get_by_label("Besa Gashi (external)")
    assert teuta.is_visible()
    assert besa.is_visible()

    page.select_option("#id_course", label=str(course))
    assert teuta.is_visible()
    assert not besa.is_visible()

    page.keyboard.press("Tab")
    page.screenshot(path=str(artifacts_dir / "trainings-staff-session-form.png"), full_page=True)
