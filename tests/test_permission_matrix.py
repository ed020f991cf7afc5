"""Every URL pattern of the project, for every role and an anonymous visitor.

The routes are read from the URL configuration, so a new view fails
`test_table_covers_every_route` until it is added to EXPECTED. Pages are requested in
English (/en/). One GET per route, object and role; POST is tried only where a role must
be refused.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from tests.access_data import ALL_ROLES, build_access_data, iter_routes, role_label

pytestmark = pytest.mark.django_db

# Expected answers. LOGIN is the redirect to the sign-in page; API routes return 403 to an
# anonymous caller because session authentication comes first and sends no challenge.
OK = "ok"  # 2xx
REDIRECT = "redirect"  # a 3xx that is not the sign-in redirect
LOGIN = "login"
DENY = 403
HIDDEN = 404
NO_GET = 405  # the view has no GET handler
CONFLICT = 409

# Column order of every row below.
COLUMNS = (
    None,
    Role.ADMINISTRATOR,
    Role.PROJECT_STAFF,
    Role.CASELAW_EDITOR,
    Role.LEGAL_PROFESSIONAL,
    Role.POLICE_INVESTIGATOR,
    Role.TRAINER,
    Role.CIVIL_SOCIETY_READER,
)

# fmt: off
#                   anon    admin   staff   editor  legal   police  trainer civil
EVERYONE =         (OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK)
SIGNED_IN =        (LOGIN,  OK,     OK,     OK,     OK,     OK,     OK,     OK)
SIGNED_IN_POST =   (LOGIN,  NO_GET, NO_GET, NO_GET, NO_GET, NO_GET, NO_GET, NO_GET)
AUDIT =            (LOGIN,  OK,     OK,     DENY,   DENY,   DENY,   DENY,   DENY)
STATISTICS =       (LOGIN,  OK,     OK,     OK,     OK,     OK,     DENY,   DENY)
EDITOR =           (LOGIN,  OK,     DENY,   OK,     DENY,   DENY,   DENY,   DENY)
EDITOR_POST =      (LOGIN,  NO_GET, DENY,   NO_GET, DENY,   DENY,   DENY,   DENY)
TRAINER =          (LOGIN,  OK,     OK,     DENY,   DENY,   DENY,   OK,     DENY)
OTHER_SESSION =    (LOGIN,  OK,     OK,     DENY,   DENY,   DENY,   HIDDEN, DENY)
UPLOADER =         (LOGIN,  HIDDEN, HIDDEN, DENY,   DENY,   DENY,   OK,     DENY)
CERTIFICATES =     (LOGIN,  OK,     OK,     DENY,   DENY,   DENY,   OK,     DENY)
# Only a participant who attended may evaluate a session; no role user in the data did.
NOT_ATTENDED =     (LOGIN,  HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
TRAINING_STAFF =   (LOGIN,  OK,     OK,     DENY,   DENY,   DENY,   DENY,   DENY)
GRETA_READER =     (LOGIN,  OK,     OK,     OK,     OK,     OK,     OK,     OK)
GRETA_STAFF =      (LOGIN,  OK,     OK,     DENY,   DENY,   DENY,   DENY,   DENY)
GRETA_STAFF_POST = (LOGIN,  NO_GET, NO_GET, DENY,   DENY,   DENY,   DENY,   DENY)
PROPOSE_OWN =      (LOGIN,  OK,     OK,     DENY,   OK,     OK,     DENY,   DENY)
PROPOSE_OTHER =    (LOGIN,  OK,     OK,     DENY,   HIDDEN, HIDDEN, DENY,   DENY)
# Private files: a role that may not download one gets a 404, signed in or not.
SOURCE_DOCUMENT =  (HIDDEN, OK,     HIDDEN, OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN)
NO_FILE =          (HIDDEN,) * 8
COURSE_MATERIAL =  (HIDDEN, OK,     OK,     HIDDEN, HIDDEN, HIDDEN, OK,     HIDDEN)
# Judgment pages and API details, by the judgment's access level and status.
PUBLIC =           EVERYONE
PROFESSIONAL =     (HIDDEN, OK,     OK,     OK,     OK,     OK,     OK,     HIDDEN)
RESTRICTED =       (HIDDEN, OK,     HIDDEN, OK,     HIDDEN, OK,     HIDDEN, HIDDEN)
UNPUBLISHED =      (HIDDEN, OK,     HIDDEN, OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN)
# The API.
API_EVERYONE =     EVERYONE
API_TRAINER =      (DENY,   OK,     OK,     DENY,   DENY,   DENY,   OK,     DENY)
API_NOT_OWN =      (DENY,   OK,     OK,     DENY,   DENY,   DENY,   HIDDEN, DENY)
API_GRETA =        (DENY,   OK,     OK,     OK,     OK,     OK,     OK,     OK)
API_GRETA_POST =   (DENY,   NO_GET, NO_GET, NO_GET, NO_GET, NO_GET, NO_GET, NO_GET)
API_GRETA_STAFF =  (DENY,   OK,     OK,     DENY,   DENY,   DENY,   DENY,   DENY)
API_OTHER_UPDATE = (DENY,   OK,     OK,     HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
# fmt: on

JUDGMENT_OBJECTS = {
    "public": PUBLIC,
    "professional": PROFESSIONAL,
    "restricted": RESTRICTED,
    "draft": UNPUBLISHED,
    "withdrawn": UNPUBLISHED,
}
SESSION_OBJECTS = {"own_session": TRAINER, "other_session": OTHER_SESSION}

# Route name -> expected row, or {object key: expected row} where the answer depends on
# the object in the URL. Format-suffix API routes are keyed "<name>[format]".
EXPECTED = {
    "healthz": EVERYONE,
    "robots_txt": EVERYONE,
    # Without a `next` parameter the language switch redirects back to the site.
    "set_language": (REDIRECT,) * 8,
    "api_schema": EVERYONE,
    "api_docs": EVERYONE,
    # Accounts
    "home": EVERYONE,
    "accounts:login": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "accounts:logout": (NO_GET,) * 8,
    "accounts:profile": SIGNED_IN,
    "accounts:two_factor": SIGNED_IN,
    "accounts:two_factor_qr": SIGNED_IN,
    "accounts:audit_event_list": AUDIT,
    "accounts:audit_event_export": AUDIT,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:password_reset": EVERYONE,
    "accounts:password_reset_done": EVERYONE,
    "accounts:password_reset_confirm": EVERYONE,
    "accounts:password_reset_complete": EVERYONE,
    # Case-law pages
    "caselaw:judgment_search": EVERYONE,
    "caselaw:judgment_feed": EVERYONE,
    "caselaw:saved_search_list": SIGNED_IN,
    "caselaw:saved_search_create": SIGNED_IN_POST,
    "caselaw:saved_search_delete": SIGNED_IN_POST,
    "caselaw:statistics": STATISTICS,
    "caselaw:judgment_detail": JUDGMENT_OBJECTS,
    "caselaw:judgment_print": JUDGMENT_OBJECTS,
    "caselaw:judgment_pdf": JUDGMENT_OBJECTS,
    "caselaw:editor_dashboard": EDITOR,
    "caselaw:judgment_create": EDITOR,
    "caselaw:judgment_update": {"public": EDITOR, "draft": EDITOR},
    "caselaw:judgment_source": {"public": EDITOR, "draft": EDITOR},
    # A published judgment has no source document any more.
    "caselaw:judgment_source_document": {"public": NO_FILE, "draft": SOURCE_DOCUMENT},
    "caselaw:judgment_anonymise": {"public": EDITOR, "draft": EDITOR},
    "caselaw:judgment_transition": {"draft": EDITOR_POST},
    # Trainings pages
    "trainings:session_list": TRAINER,
    "trainings:session_create": TRAINER,
    "trainings:session_detail": SESSION_OBJECTS,
    "trainings:session_update": SESSION_OBJECTS,
    "trainings:registration_create": SESSION_OBJECTS,
    "trainings:import_upload": SESSION_OBJECTS,
    # An uploaded participant list is previewed and confirmed by its uploader only.
    "trainings:import_preview": {"own_session": UPLOADER},
    "trainings:test_scores": SESSION_OBJECTS,
    "trainings:evaluation": {"own_session": NOT_ATTENDED, "other_session": NOT_ATTENDED},
    "trainings:my_trainings": SIGNED_IN,
    "trainings:roll_call": SESSION_OBJECTS,
    "trainings:walk_in": SESSION_OBJECTS,
    "trainings:check_in_page": SESSION_OBJECTS,
    "trainings:check_in_qr": SESSION_OBJECTS,
    "trainings:attendance_sheet": SESSION_OBJECTS,
    "trainings:attendance_sheet_day": SESSION_OBJECTS,
    "trainings:certificates": {"own_session": CERTIFICATES, "other_session": OTHER_SESSION},
    "trainings:certificate": {"own_session": CERTIFICATES, "other_session": OTHER_SESSION},
    # Nobody in the data set is registered for the session, so the check-in is refused.
    "trainings:self_check_in": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "trainings:course_list": TRAINER,
    "trainings:course_create": TRAINING_STAFF,
    "trainings:course_detail": TRAINER,
    "trainings:course_update": TRAINING_STAFF,
    # Nobody in the data set is registered as a participant, which would also grant it.
    "trainings:course_material": COURSE_MATERIAL,
    "trainings:trainer_list": TRAINER,
    "trainings:trainer_create": TRAINING_STAFF,
    "trainings:trainer_update": TRAINING_STAFF,
    "trainings:statistics": TRAINING_STAFF,
    "trainings:statistics_export": TRAINING_STAFF,
    # GRETA pages
    "greta:recommendation_list": GRETA_READER,
    "greta:recommendation_detail": GRETA_READER,
    "greta:progress_update_create": {"own": PROPOSE_OWN, "other": PROPOSE_OTHER},
    "greta:due_date_update": GRETA_STAFF_POST,
    "greta:indicator_links": GRETA_STAFF,
    "greta:review_list": GRETA_STAFF,
    "greta:progress_update_review": GRETA_STAFF_POST,
    "greta:overdue_list": GRETA_STAFF,
    "greta:dashboard": GRETA_STAFF,
    "greta:export": GRETA_STAFF,
    "greta:import": GRETA_STAFF,
    "greta:import_confirm": GRETA_STAFF_POST,
    # API: case-law
    "api-judgment-list": API_EVERYONE,
    "api-judgment-list[format]": API_EVERYONE,
    "api-judgment-detail": JUDGMENT_OBJECTS,
    "api-judgment-detail[format]": JUDGMENT_OBJECTS,
    **{
        f"api-{vocabulary}-{kind}{suffix}": API_EVERYONE
        for vocabulary in (
            "court",
            "provision",
            "exploitation-form",
            "means",
            "keyword",
            "protective-measure",
            "investigative-technique",
        )
        for kind in ("list", "detail")
        for suffix in ("", "[format]")
    },
    # API: trainings
    **{
        f"training-{model}-list{suffix}": API_TRAINER
        for model in ("course", "session", "participant", "registration", "attendance")
        for suffix in ("", "[format]")
    },
    **{f"training-course-detail{suffix}": API_TRAINER for suffix in ("", "[format]")},
    **{
        f"training-{model}-detail{suffix}": {"own": API_TRAINER, "other": API_NOT_OWN}
        for model in ("session", "participant", "registration", "attendance")
        for suffix in ("", "[format]")
    },
    # API: GRETA
    "greta-export": API_GRETA_STAFF,
    "greta-assessment-list": API_GRETA,
    "greta-assessment-detail": API_GRETA,
    "greta-recommendation-list": API_GRETA,
    "greta-recommendation-detail": {"own": API_GRETA, "other": API_GRETA},
    "greta-update-list": API_GRETA,
    "greta-update-detail": {"other_update": API_OTHER_UPDATE},
    "greta-update-review": {"other_update": API_GRETA_POST},
}


def _vocabulary_pk(model_name):
    def pk(data):
        from django.apps import apps

        model = apps.get_model("caselaw", model_name)
        instance = model.objects.order_by("pk").first() or model.objects.create(
            code=f"access-{model_name.lower()}", label=model_name
        )
        return {"pk": instance.pk}

    return pk


# How to fill the path parameters: route name -> {object key: data -> kwargs}; a route
# with one fixed object uses the key None.
def _judgment(key):
    return lambda data: {"pk": getattr(data, key).pk}


JUDGMENT_KWARGS = {key: _judgment(key) for key in JUDGMENT_OBJECTS}


def _session(key, **extra):
    def kwargs(data):
        values = {"pk": getattr(data, key).pk}
        for name, value in extra.items():
            values[name] = value(data) if callable(value) else value
        return values

    return kwargs


def _sessions(**extra):
    return {key: _session(key, **extra) for key in SESSION_OBJECTS}


def _today(data):
    return data.today.isoformat()


KWARGS = {
    "accounts:password_reset_confirm": {None: lambda data: {"uidb64": "MQ", "token": "x-y"}},
    "caselaw:saved_search_delete": {None: lambda data: {"pk": data.saved_search.pk}},
    "caselaw:judgment_detail": JUDGMENT_KWARGS,
    "caselaw:judgment_print": JUDGMENT_KWARGS,
    "caselaw:judgment_pdf": JUDGMENT_KWARGS,
    "caselaw:judgment_update": JUDGMENT_KWARGS,
    "caselaw:judgment_source": JUDGMENT_KWARGS,
    "caselaw:judgment_source_document": JUDGMENT_KWARGS,
    "caselaw:judgment_anonymise": JUDGMENT_KWARGS,
    "caselaw:judgment_transition": {
        "draft": lambda data: {"pk": data.draft.pk, "action": "submit"}
    },
    "trainings:session_detail": _sessions(),
    "trainings:session_update": _sessions(),
    "trainings:registration_create": _sessions(),
    "trainings:import_upload": _sessions(),
    "trainings:import_preview": {
        "own_session": lambda data: {"pk": data.own_session.pk, "import_pk": data.own_import.pk}
    },
    "trainings:test_scores": _sessions(),
    "trainings:evaluation": _sessions(),
    "trainings:roll_call": _sessions(day=_today),
    "trainings:walk_in": _sessions(day=_today),
    "trainings:check_in_page": _sessions(day=_today),
    "trainings:check_in_qr": _sessions(day=_today),
    "trainings:attendance_sheet": _sessions(file_format="xlsx"),
    "trainings:attendance_sheet_day": _sessions(day=_today, file_format="xlsx"),
    "trainings:certificates": _sessions(),
    "trainings:certificate": {
        "own_session": lambda data: {
            "pk": data.own_session.pk,
            "registration_pk": data.own_registration.pk,
        },
        "other_session": lambda data: {
            "pk": data.other_session.pk,
            "registration_pk": data.other_registration.pk,
        },
    },
    "trainings:self_check_in": {None: lambda data: {"token": data.check_in_token}},
    "trainings:course_detail": {None: lambda data: {"pk": data.course.pk}},
    "trainings:course_update": {None: lambda data: {"pk": data.course.pk}},
    "trainings:course_material": {
        None: lambda data: {"pk": data.course.pk, "material_pk": data.course_material.pk}
    },
    "trainings:trainer_update": {None: lambda data: {"pk": data.trainer_profile.pk}},
    "trainings:statistics_export": {None: lambda data: {"file_format": "xlsx"}},
    "greta:recommendation_detail": {None: lambda data: {"pk": data.own_recommendation.pk}},
    "greta:progress_update_create": {
        "own": lambda data: {"pk": data.own_recommendation.pk},
        "other": lambda data: {"pk": data.other_recommendation.pk},
    },
    "greta:due_date_update": {None: lambda data: {"pk": data.own_recommendation.pk}},
    "greta:indicator_links": {None: lambda data: {"pk": data.own_recommendation.pk}},
    "greta:progress_update_review": {None: lambda data: {"pk": data.other_update.pk}},
    "api-judgment-detail": JUDGMENT_KWARGS,
    "api-court-detail": {None: lambda data: {"pk": data.public.court_id}},
    "api-provision-detail": {None: _vocabulary_pk("Provision")},
    "api-exploitation-form-detail": {None: _vocabulary_pk("ExploitationForm")},
    "api-means-detail": {None: _vocabulary_pk("Means")},
    "api-keyword-detail": {None: _vocabulary_pk("Keyword")},
    "api-protective-measure-detail": {None: _vocabulary_pk("ProtectiveMeasure")},
    "api-investigative-technique-detail": {None: _vocabulary_pk("InvestigativeTechnique")},
    "training-course-detail": {None: lambda data: {"pk": data.course.pk}},
    "training-session-detail": {
        "own": lambda data: {"pk": data.own_session.pk},
        "other": lambda data: {"pk": data.other_session.pk},
    },
    "training-participant-detail": {
        "own": lambda data: {"pk": data.own_participant.pk},
        "other": lambda data: {"pk": data.other_participant.pk},
    },
    "training-registration-detail": {
        "own": lambda data: {"pk": data.own_registration.pk},
        "other": lambda data: {"pk": data.other_registration.pk},
    },
    "training-attendance-detail": {
        "own": lambda data: {"pk": data.own_attendance.pk},
        "other": lambda data: {"pk": data.other_attendance.pk},
    },
    "greta-assessment-detail": {None: lambda data: {"pk": data.own_recommendation.assessment_id}},
    "greta-recommendation-detail": {
        "own": lambda data: {"pk": data.own_recommendation.pk},
        "other": lambda data: {"pk": data.other_recommendation.pk},
    },
    "greta-update-detail": {"other_update": lambda data: {"pk": data.other_update.pk}},
    "greta-update-review": {"other_update": lambda data: {"pk": data.other_update.pk}},
}

# Query strings some views need for a normal response.
QUERY = {
    "greta-export": "?as_of=2025-06-30&file_format=csv",
    "set_language": "",
}


def project_routes():
    """Every route outside the Django admin."""
    return [route for route in iter_routes() if not route.name.startswith("admin:")]


def admin_routes():
    return [route for route in iter_routes() if route.name.startswith("admin:")]


def _variants(route):
    """Yield (object key, kwargs factory or None, expected row) for one route."""
    expected = EXPECTED[route.key]
    kwargs = KWARGS.get(route.name, {})
    if isinstance(expected, dict):
        for key, row in expected.items():
            yield key, kwargs[key], row
    else:
        yield None, kwargs.get(None), expected


def build_url(route, data, factory) -> str:
    kwargs = factory(data) if factory is not None else {}
    if route.is_format_suffix:
        kwargs["format"] = "json"
    with translation.override("en"):
        url = reverse(route.name, kwargs=kwargs)
    return url + QUERY.get(route.name, "")


def answer(response) -> object:
    """Classify a response as one of the expected answers above (or its status code)."""
    if 200 <= response.status_code < 300:
        return OK
    if 300 <= response.status_code < 400:
        location = response.headers.get("Location", "")
        with translation.override("en"):
            sign_in = reverse(settings.LOGIN_URL)
        return LOGIN if location.startswith(sign_in) else REDIRECT
    return response.status_code


@pytest.fixture
def access_data(users, make_user, settings):
    # The two-factor step has its own tests; here every role has passed it.
    settings.TWO_FACTOR_REQUIRED = False
    return build_access_data(users, make_user)


def test_table_covers_every_route():
    keys = {route.key for route in project_routes()}

    missing = sorted(keys - set(EXPECTED))
    stale = sorted(set(EXPECTED) - keys)

    assert not missing, f"Routes without an expected answer: {missing}"
    assert not stale, f"Expected answers for routes that no longer exist: {stale}"


@pytest.mark.parametrize("role", ALL_ROLES, ids=role_label)
def test_get_answers_match_table(role, access_data, client):
    if role is not None:
        client.force_login(access_data.users[role])
    column = COLUMNS.index(role)

    mismatches = []
    for route in project_routes():
        if route.key not in EXPECTED:
            continue
        for key, factory, row in _variants(route):
            url = build_url(route, access_data, factory)
            got = answer(client.get(url))
            if got != row[column]:
                mismatches.append(f"{route.key}[{key}] {url}: expected {row[column]}, got {got}")

    assert not mismatches, "\n".join(mismatches)


REFUSED_ON_GET = {LOGIN, DENY, HIDDEN}
# 405 counts as a refusal: a view without a POST handler answers it before any lookup.
REFUSED = {LOGIN, DENY, HIDDEN, NO_GET}


@pytest.mark.parametrize("role", ALL_ROLES, ids=role_label)
def test_post_refused_without_capability(role, access_data, client):
    """A role refused on GET is refused on POST too, before any form is read."""
    if role is not None:
        client.force_login(access_data.users[role])
    column = COLUMNS.index(role)

    mismatches = []
    for route in project_routes():
        if route.key not in EXPECTED or route.is_format_suffix:
            continue
        for key, factory, row in _variants(route):
            if row[column] not in REFUSED_ON_GET:
                continue
            url = build_url(route, access_data, factory)
            got = answer(client.post(url, {}))
            if got not in REFUSED:
                mismatches.append(f"{route.key}[{key}] POST {url}: expected refusal, got {got}")

    assert not mismatches, "\n".join(mismatches)


# The Django admin: one rule for all of its routes.

# The admin's sign-in page, and its sign-out, which only redirects a GET to the index.
ADMIN_PUBLIC = {"admin:login", "admin:logout"}


def _admin_url(route) -> str:
    """Return a URL of an admin route, with 1 for every object id."""
    name = route.name
    with translation.override("en"):
        prefix = reverse("admin:index")
        if name.startswith("admin:<unnamed"):
            pattern = route.pattern.split("admin/", 1)[1]
            path = pattern.replace("<path:object_id>", "1").replace("(?P<url>.*)$", "missing/")
            return prefix + path.replace("^", "").replace("$", "")
        if "<path:content_type_id>" in route.pattern:
            return reverse(name, kwargs={"content_type_id": 1, "object_id": 1})
        if "simple_history" in name:
            return reverse(name, args=[1, 1])
        if "app_label" in route.pattern:
            return reverse(name, kwargs={"app_label": "caselaw"})
        for parameter in ("object_id", "id", "pk"):
            if f"<path:{parameter}>" in route.pattern or f"<{parameter}>" in route.pattern:
                return reverse(name, kwargs={parameter: 1})
            if f"<int:{parameter}>" in route.pattern:
                return reverse(name, kwargs={parameter: 1})
        return reverse(name)


@pytest.mark.parametrize(
    "role", [None, Role.LEGAL_PROFESSIONAL, Role.TRAINER, Role.CIVIL_SOCIETY_READER], ids=role_label
)
def test_admin_sends_non_staff_to_admin_sign_in(role, access_data, client):
    if role is not None:
        client.force_login(access_data.users[role])
    with translation.override("en"):
        admin_login = reverse("admin:login")

    mismatches = []
    for route in admin_routes():
        if route.name in ADMIN_PUBLIC:
            continue
        url = _admin_url(route)
        response = client.get(url)
        location = response.headers.get("Location", "")
        if response.status_code != 302 or not location.startswith(admin_login):
            mismatches.append(f"{route.name} {url}: {response.status_code} {location}")

    assert not mismatches, "\n".join(mismatches)


# Crawlers: noindex on pages that are not public, and robots.txt

NOINDEX = '<meta name="robots" content="noindex'


def _robots_rules(text: str) -> list[tuple[bool, str]]:
    rules = []
    for line in text.splitlines():
        directive, _, path = line.partition(":")
        if directive.strip() in ("Allow", "Disallow"):
            rules.append((directive.strip() == "Allow", path.strip()))
    return rules


def robots_allows(rules, path: str) -> bool:
    """Apply robots.txt rules as RFC 9309 does: the longest matching rule wins."""
    best_length, allowed = -1, True
    for allow, rule in rules:
        anchored = rule.endswith("$")
        prefix = rule[:-1] if anchored else rule
        matches = path == prefix if anchored else path.startswith(prefix)
        if matches and len(rule) > best_length:
            best_length, allowed = len(rule), allow
    return allowed


def test_public_pages_carry_no_noindex(access_data, client):
    public_pages = [
        "/en/",
        en_url("caselaw:judgment_search"),
        en_url("caselaw:judgment_detail", pk=access_data.public.pk),
    ]

    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="robots"' not in response.content.decode(), url


@pytest.mark.parametrize("role", [None, Role.POLICE_INVESTIGATOR], ids=role_label)
def test_other_pages_carry_noindex(role, access_data, client):
    if role is not None:
        client.force_login(access_data.users[role])
    pages = [
        en_url("accounts:login"),
        en_url("accounts:password_reset"),
        en_url("caselaw:judgment_detail", pk=access_data.restricted.pk),
        en_url("caselaw:judgment_detail", pk=access_data.professional.pk),
        en_url("greta:recommendation_list"),
        en_url("caselaw:statistics"),
        en_url("accounts:profile"),
        "/en/caselaw/judgments/999999/",
    ]

    for url in pages:
        response = client.get(url)
        if 300 <= response.status_code < 400:
            continue  # the sign-in redirect of an anonymous visitor
        assert NOINDEX in response.content.decode(), url


def test_robots_txt_keeps_crawlers_to_public_pages(access_data, client):
    rules = _robots_rules(client.get("/robots.txt").content.decode())
    public = [
        "/en/",
        "/sq/",
        "/en/caselaw/",
        en_url("caselaw:judgment_detail", pk=access_data.public.pk),
        en_url("caselaw:judgment_feed"),
    ]
    private = [
        "/api/v1/judgments/",
        "/en/accounts/sign-in/",
        "/en/admin/",
        "/en/caselaw/editor/",
        "/en/caselaw/statistics/",
        "/en/caselaw/saved-searches/",
        "/en/trainings/",
        "/en/greta/",
    ]

    for path in public:
        assert robots_allows(rules, path), path
    for path in private:
        assert not robots_allows(rules, path), path


def test_robots_allowed_prefixes_are_public(access_data, client):
    """Every page an allowed prefix lets crawlers reach answers an anonymous visitor."""
    rules = _robots_rules(client.get("/robots.txt").content.decode())
    allowed_routes = [
        route
        for route in project_routes()
        if not route.is_format_suffix
        and robots_allows(rules, "/" + route.pattern.replace("^", "").replace("$", ""))
    ]
    assert allowed_routes, "robots.txt allows no page of the URL configuration"

    for route in allowed_routes:
        for key, factory, _row in _variants(route):
            if key not in (None, "public"):
                continue
            url = build_url(route, access_data, factory)
            assert answer(client.get(url)) == OK, url


def en_url(name, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)
