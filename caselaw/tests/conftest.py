import pytest
from django.utils import translation

from accounts.roles import Role
from caselaw.tests.factories import JudgmentFactory


@pytest.fixture(autouse=True)
def english():
    """Run each test in English, whatever language an earlier request left active.

    Requests still switch to the language of their URL prefix.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def editor(users):
    return users[Role.CASELAW_EDITOR]


@pytest.fixture
def second_editor(make_user):
    return make_user(Role.CASELAW_EDITOR, email="second-editor@example.test")


@pytest.fixture
def judgments_by_access(db):
    """One judgment per visibility case, keyed by a short name."""
    return {
        "public": JudgmentFactory(),
        "professional": JudgmentFactory(access_level="professional"),
        "restricted_police": JudgmentFactory(
            access_level="restricted", restricted_to_roles=["police_investigator"]
        ),
        "draft": JudgmentFactory(status="draft"),
        "in_review": JudgmentFactory(status="in_review"),
        "withdrawn": JudgmentFactory(status="withdrawn"),
    }
