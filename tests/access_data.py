"""A small data set for the access tests: judgments of every kind, sessions, recommendations.

Every judgment carries unique marker words, so a test can search any response or log for
the markers of a judgment its reader may not see. The public judgment goes through the
editorial workflow (source text, protected persons, anonymiser, four-eyes publication), so
its source text and the real names in it existed and must have gone for good.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Institution
from accounts.roles import Role

# Real names and identifiers in the source text of the public judgment; never shown anywhere
# once it is published.
SOURCE_NAMES = ("Blerimza Qarkosheniku", "Vjollcarta Dukagjinmarku")
SOURCE_IDENTIFIERS = ("+383 44 987 651",)
SOURCE_TEXT = (
    "Gjykata Themelore në Prizren. I pandehuri Blerimza Qarkosheniku rekrutoi dëshmitaren "
    "Vjollcarta Dukagjinmarku në vitin 2018. Qarkosheniku përdori telefonin +383 44 987 651. "
    "Viktima u shfrytëzua në një lokal afër kufirit."
)
# Words only in the source text of the draft, which only case-law editors may read.
DRAFT_SOURCE_NAME = "Gentianza Draftsourceva"
# Words of the draft and the restricted judgment themselves (title, case number, text).
DRAFT_MARKER = "Xylofagdraft"
# The uploaded source document of the draft and the course material, as stored.
DRAFT_SOURCE_DOCUMENT = f"%PDF-1.4 Vendimi {DRAFT_MARKER}. {DRAFT_SOURCE_NAME}.".encode()
COURSE_MATERIAL = "Dispensa e kursit për trafikimin".encode()
DRAFT_CASE_NUMBER = "PKR 771/2019-DRAFTMARK"
RESTRICTED_MARKER = "Restrikmarkeri"
RESTRICTED_CASE_NUMBER = "PKR 552/2019-RESTRMARK"
PROFESSIONAL_MARKER = "Profesionalmarkeri"

YEAR = 2019
PUBLIC_TITLE = "Aktgjykim publik për trafikim"

ALL_ROLES: tuple[Role | None, ...] = (None, *Role)


def role_label(role: Role | None) -> str:
    return role.value if role is not None else "anonymous"


@dataclass
class AccessData:
    users: dict
    public: object
    professional: object
    restricted: object
    draft: object
    withdrawn: object
    own_session: object
    other_session: object
    own_registration: object
    other_registration: object
    own_import: object
    own_participant: object
    other_participant: object
    own_attendance: object
    other_attendance: object
    course: object
    course_material: object
    trainer_profile: object
    own_recommendation: object
    other_recommendation: object
    other_update: object
    saved_search: object
    check_in_token: str
    today: datetime.date
    extra: dict = field(default_factory=dict)


def _judgment_fields(**fields):
    from caselaw.models import Court

    court, _ = Court.objects.get_or_create(
        code="access-test-court",
        defaults={"name": "Gjykata Themelore Prizren", "level": "basic", "city": "Prizren"},
    )
    defaults = {
        "court": court,
        "decision_date": datetime.date(YEAR, 5, 2),
        "decision_type": "judgment",
        "instance": "first",
        "outcome": "conviction",
        "original_language": "sq",
        "text_language": "sq",
        "victims_total": 1,
        "victims_children": 0,
    }
    return defaults | fields


def _published(*, editor, approver, **fields):
    """Create a judgment from source text and take it through review and publication."""
    from caselaw import services
    from caselaw.models import Judgment

    persons = fields.pop("persons")
    source = fields.pop("source")
    judgment = services.judgment_create(
        user=editor, judgment=Judgment(**_judgment_fields(**fields))
    )
    services.judgment_attach_source(user=editor, judgment=judgment, text=source)
    for index, name in enumerate(persons, start=1):
        services.protected_person_save(
            user=editor, judgment=judgment, name=name, pseudonym=f"V{index}", role="victim"
        )
    services.judgment_run_anonymiser(user=editor, judgment=judgment)
    services.findings_decide_all(user=editor, judgment=judgment, status="accepted")
    judgment.refresh_from_db()
    services.judgment_submit_for_review(user=editor, judgment=judgment)
    services.judgment_approve(user=approver, judgment=judgment)
    services.judgment_publish(user=approver, judgment=judgment, accept_reidentification_risk=True)
    judgment.refresh_from_db()
    return judgment


def build_judgments(users, approver) -> dict:
    """Create the public, professional, restricted, draft and withdrawn judgments."""
    from caselaw import services
    from caselaw.models import Case, Citation, Judgment

    editor = users[Role.CASELAW_EDITOR]
    case = Case.objects.create(name="Rasti i kufirit")
    public = _published(
        editor=editor,
        approver=approver,
        case=case,
        case_number="PKR 101/2019",
        title_sq=PUBLIC_TITLE,
        title_en="Public trafficking judgment",
        summary_en="Sexual exploitation near the border.",
        source=SOURCE_TEXT,
        persons=SOURCE_NAMES,
    )
    professional = _published(
        editor=editor,
        approver=approver,
        case_number="PKR 202/2019",
        title_en=f"{PROFESSIONAL_MARKER} judgment for professionals",
        access_level="professional",
        source=f"Vendimi {PROFESSIONAL_MARKER}. Viktima Vjollcarta Dukagjinmarku.",
        persons=SOURCE_NAMES[1:],
    )
    restricted = _published(
        editor=editor,
        approver=approver,
        case=case,
        appeal_of=public,
        instance="appeal",
        case_number=RESTRICTED_CASE_NUMBER,
        title_en=f"{RESTRICTED_MARKER} judgment about a child",
        summary_en=f"{RESTRICTED_MARKER} summary.",
        access_level="restricted",
        restricted_to_roles=[Role.POLICE_INVESTIGATOR.value],
        victims_children=1,
        source=f"Vendimi {RESTRICTED_MARKER}. Viktima Vjollcarta Dukagjinmarku.",
        persons=SOURCE_NAMES[1:],
    )
    draft = services.judgment_create(
        user=editor,
        judgment=Judgment(
            **_judgment_fields(
                case=case,
                case_number=DRAFT_CASE_NUMBER,
                title_en=f"{DRAFT_MARKER} draft judgment",
                summary_en=f"{DRAFT_MARKER} summary.",
            )
        ),
    )
    draft_text = f"Vendimi {DRAFT_MARKER}. I pandehuri {DRAFT_SOURCE_NAME} u dënua."
    services.judgment_attach_source(
        user=editor,
        judgment=draft,
        uploaded_file=SimpleUploadedFile("draft.pdf", DRAFT_SOURCE_DOCUMENT),
        extracted=(draft_text, "pdf"),
    )
    services.protected_person_save(
        user=editor, judgment=draft, name=DRAFT_SOURCE_NAME, pseudonym="D1", role="defendant"
    )
    withdrawn = _published(
        editor=editor,
        approver=approver,
        case_number="PKR 303/2019",
        title_en="Withdrawn judgment",
        source="Vendimi i tërhequr. Viktima Vjollcarta Dukagjinmarku.",
        persons=SOURCE_NAMES[1:],
    )
    services.judgment_withdraw(user=approver, judgment=withdrawn)
    for cited in (restricted, draft, professional):
        Citation.objects.create(citing=public, cited=cited)
    Citation.objects.create(citing=restricted, cited=public)
    Citation.objects.create(citing=draft, cited=public)
    return {
        "public": public,
        "professional": professional,
        "restricted": restricted,
        "draft": draft,
        "withdrawn": withdrawn,
    }


def build_trainings(users, make_user, judgments, today) -> dict:
    from trainings.models import (
        Attendance,
        Course,
        CourseMaterial,
        Participant,
        ParticipantImport,
        Registration,
        Trainer,
        TrainingSession,
    )

    trainer_user = users[Role.TRAINER]
    other_trainer_user = make_user(Role.TRAINER, email="other-trainer@example.test")
    course = Course.objects.create(code="access-course", title="Trafikimi", title_en="THB basics")
    course.judgments.set([judgments["public"], judgments["restricted"], judgments["draft"]])
    course_material = CourseMaterial(course=course, title="Dispensa e kursit")
    course_material.file.save("handout.pdf", ContentFile(COURSE_MATERIAL), save=True)
    trainer_profile = Trainer.objects.create(user=trainer_user, name="Teuta Trajnerja")
    other_profile = Trainer.objects.create(user=other_trainer_user, name="Arta Tjetra")
    sessions = {}
    for key, owner, profile in (
        ("own", trainer_user, trainer_profile),
        ("other", other_trainer_user, other_profile),
    ):
        session = TrainingSession.objects.create(
            course=course,
            start_date=today,
            end_date=today + datetime.timedelta(days=1),
            created_by=owner,
            city="Prishtinë",
        )
        session.trainers.add(profile)
        participant = Participant.objects.create(
            first_name=f"Pjesemarres{key}",
            last_name="Testi",
            institution=Institution.objects.order_by("pk").first(),
            email=f"participant-{key}@example.test",
        )
        registration = Registration.objects.create(
            session=session, participant=participant, registered_by=owner
        )
        for day in session.days:
            Attendance.objects.create(registration=registration, day=day, status="present")
        sessions[key] = session
        sessions[f"{key}_registration"] = registration
        sessions[f"{key}_participant"] = participant
        sessions[f"{key}_attendance"] = registration.attendances.first()
    own_import = ParticipantImport.objects.create(
        session=sessions["own"], uploaded_by=trainer_user, filename="participants.csv"
    )
    return {
        "course": course,
        "course_material": course_material,
        "trainer_profile": trainer_profile,
        "own_session": sessions["own"],
        "other_session": sessions["other"],
        "own_registration": sessions["own_registration"],
        "other_registration": sessions["other_registration"],
        "own_import": own_import,
        "own_participant": sessions["own_participant"],
        "other_participant": sessions["other_participant"],
        "own_attendance": sessions["own_attendance"],
        "other_attendance": sessions["other_attendance"],
    }


def build_greta(users, course) -> dict:
    from greta.models import Assessment, ProgressUpdate, Recommendation, Status, Theme

    own_institution = users[Role.LEGAL_PROFESSIONAL].institution
    other_institution = Institution.objects.exclude(pk=own_institution.pk).order_by("pk").first()
    assessment = Assessment.objects.create(
        source_key="access-report", title="Raporti", title_en="Report", country="Kosovo*"
    )
    theme = Theme.objects.create(code="access-theme", name="Mbrojtja", name_en="Protection")
    recommendations = {}
    for key, institution in (("own", own_institution), ("other", other_institution)):
        recommendation = Recommendation.objects.create(
            source_key=f"access-{key}",
            assessment=assessment,
            theme=theme,
            text=f"Rekomandimi {key}",
            text_en=f"Recommendation {key}",
            caselaw_filter={"year_from": YEAR, "year_to": YEAR},
        )
        recommendation.institutions.set([institution])
        recommendation.training_courses.set([course])
        recommendations[key] = recommendation
    other_update = ProgressUpdate.objects.create(
        recommendation=recommendations["other"],
        reporting_date=datetime.date(2025, 1, 15),
        status=Status.IN_PROGRESS,
        measures="Masa e brendshme e institucionit tjetër",
        review_state=ProgressUpdate.ReviewState.PROPOSED,
        visibility=ProgressUpdate.Visibility.INTERNAL,
        reporting_institution=other_institution,
    )
    return {
        "own_recommendation": recommendations["own"],
        "other_recommendation": recommendations["other"],
        "other_update": other_update,
    }


def build_access_data(users, make_user) -> AccessData:
    """Create the whole data set and rebuild the search index from it."""
    from caselaw.search.indexing import search_index_rebuild
    from caselaw.search.models import SavedSearch
    from trainings.views import check_in_token

    # Staff status as the sample data gives it: administrators are superusers.
    for role in (Role.ADMINISTRATOR, Role.PROJECT_STAFF, Role.CASELAW_EDITOR):
        users[role].is_staff = True
        users[role].is_superuser = role == Role.ADMINISTRATOR
        users[role].save(update_fields=["is_staff", "is_superuser"])
    # API throttling counts in the cache, across tests; start every data set with none.
    cache.clear()
    approver = make_user(Role.CASELAW_EDITOR, email="approver@example.test")
    today = timezone.localdate()
    with transaction.atomic():
        judgments = build_judgments(users, approver)
    # Tests run inside one transaction, so the on-commit reindexing never fires.
    search_index_rebuild()
    trainings = build_trainings(users, make_user, judgments, today)
    greta = build_greta(users, trainings["course"])
    saved_search = SavedSearch.objects.create(
        user=users[Role.LEGAL_PROFESSIONAL], name="Kërkimi im", query_string="q=trafikim"
    )
    return AccessData(
        users=users,
        saved_search=saved_search,
        check_in_token=check_in_token(trainings["own_session"], today),
        today=today,
        **judgments,
        **trainings,
        **greta,
    )


def role_group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


# The URL configuration


@dataclass(frozen=True)
class Route:
    """One URL pattern: its namespaced name, its full pattern text and its view."""

    name: str
    pattern: str
    callback: object
    is_format_suffix: bool

    @property
    def key(self) -> str:
        return f"{self.name}[format]" if self.is_format_suffix else self.name


def iter_routes(patterns=None, prefix: str = "", namespace: str = ""):
    """Yield every URL pattern of the project, recursing into includes."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or f"<unnamed {entry.pattern}>"
            full_name = f"{namespace}:{name}" if namespace else name
            pattern = prefix + str(entry.pattern)
            yield Route(full_name, pattern, entry.callback, "(?P<format>" in pattern)
