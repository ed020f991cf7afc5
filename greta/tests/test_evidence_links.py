import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from greta.forms import EvidenceForm
from greta.models import Evidence, ProgressUpdate, Status
from greta.validators import validate_evidence_link

ACCEPTED = [
    "https://gzk.rks-gov.net/ActDetail.aspx?ActID=2795",
    "http://example.org/report.pdf",
    "/en/caselaw/judgments/12/",
    "/",
]

REJECTED = [
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.org/file",
    "https:evil.example",
    "https://",
    "evil.example",
    "en/caselaw/",
]


@pytest.mark.parametrize("value", ACCEPTED)
def test_validator_accepts_platform_path_or_http_url(value):
    validate_evidence_link(value)


@pytest.mark.parametrize("value", REJECTED)
def test_validator_rejects_other_hosts_and_schemes(value):
    with pytest.raises(ValidationError):
        validate_evidence_link(value)


@pytest.mark.parametrize("value", ["//evil.example/", "/\\evil.example/"])
def test_evidence_form_rejects_scheme_relative_link(value):
    form = EvidenceForm(data={"kind": "document", "title": "Report", "url": value})
    assert not form.is_valid()
    assert "url" in form.errors


@pytest.mark.django_db
def test_evidence_model_rejects_scheme_relative_link(make_recommendation, add_update):
    update = add_update(make_recommendation(), "2024-01-01", Status.IN_PROGRESS)
    evidence = Evidence(update=update, kind="document", title="Report", url="//evil.example/")
    with pytest.raises(ValidationError) as caught:
        evidence.full_clean()
    assert "url" in caught.value.message_dict


@pytest.mark.django_db
def test_update_page_rejects_scheme_relative_link(client_for, make_recommendation, institutions):
    recommendation = make_recommendation(institution=institutions[0])
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(
        f"/en/greta/{recommendation.pk}/updates/new/",
        {
            "reporting_date": "2024-05-01",
            "status": Status.IN_PROGRESS,
            "measures": "Evidence with another host",
            "measures_language": "en",
            "visibility": "public",
            "reporting_institution": institutions[0].pk,
            "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "0",
            "evidence-0-kind": "document",
            "evidence-0-title": "Report",
            "evidence-0-url": "//evil.example/",
        },
    )
    assert response.status_code == 200
    assert not ProgressUpdate.objects.filter(measures="Evidence with another host").exists()
    assert 'href="//evil.example/"' not in response.content.decode()


@pytest.mark.django_db
def test_api_rejects_scheme_relative_link(client_for, make_recommendation, institutions):
    recommendation = make_recommendation(institution=institutions[0])
    client = client_for(Role.PROJECT_STAFF)
    response = client.post(
        "/api/v1/greta/updates/",
        {
            "recommendation": recommendation.pk,
            "reporting_date": "2024-05-01",
            "status": Status.IN_PROGRESS,
            "measures": "Evidence with another host",
            "measures_language": "en",
            "visibility": "public",
            "reporting_institution": institutions[0].pk,
            "evidence": [{"kind": "document", "title": "Report", "url": "//evil.example/"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not ProgressUpdate.objects.filter(measures="Evidence with another host").exists()
