import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from caselaw import services
from caselaw.models import AnonymisationFinding, Judgment, ProtectedPerson
from caselaw.tests.factories import JudgmentFactory

SOURCE = (
    "Gjykata Themelore në Prizren. I pandehuri Arbër Krasniqi rekrutoi dëshmitaren "
    "Drita Berisha. Krasniqit iu gjet telefoni +383 44 123 456."
)


@pytest.fixture
def draft(editor):
    judgment = JudgmentFactory(status="draft", created_by=editor, text="")
    services.judgment_attach_source(user=editor, judgment=judgment, text=SOURCE)
    services.protected_person_save(
        user=editor, judgment=judgment, name="Arbër Krasniqi", pseudonym="A.K.", role="defendant"
    )
    services.protected_person_save(
        user=editor, judgment=judgment, name="Drita Berisha", pseudonym="V1", role="witness"
    )
    return judgment


def test_anonymiser_run_creates_open_findings(draft, editor):
    open_count = services.judgment_run_anonymiser(user=editor, judgment=draft)

    assert open_count >= 3
    texts = set(draft.anonymisation_findings.values_list("text", flat=True))
    assert "Arbër Krasniqi" in texts
    assert "Drita Berisha" in texts


def test_accepting_all_findings_renders_anonymised_text(draft, editor):
    services.judgment_run_anonymiser(user=editor, judgment=draft)
    services.findings_decide_all(user=editor, judgment=draft, status="accepted")

    draft.refresh_from_db()
    assert "Krasniqi" not in draft.text
    assert "Drita" not in draft.text
    assert "A.K." in draft.text
    assert "V1" in draft.text


def test_manual_finding_replaces_every_occurrence(draft, editor):
    added = services.finding_add_manual(
        user=editor, judgment=draft, text="Prizren", replacement="[place]", kind="place"
    )

    draft.refresh_from_db()
    assert added == 1
    assert "Prizren" not in draft.text
    assert "[place]" in draft.text


def test_manual_finding_not_in_text_is_rejected(draft, editor):
    with pytest.raises(ValidationError):
        services.finding_add_manual(user=editor, judgment=draft, text="Gjakovë", replacement="X")


def _to_review(judgment, editor):
    services.judgment_run_anonymiser(user=editor, judgment=judgment)
    services.findings_decide_all(user=editor, judgment=judgment, status="accepted")
    judgment.refresh_from_db()
    services.judgment_submit_for_review(user=editor, judgment=judgment)


def test_author_cannot_approve_own_judgment(draft, editor):
    _to_review(draft, editor)

    with pytest.raises(ValidationError, match="second editor"):
        services.judgment_approve(user=editor, judgment=draft)


def test_publish_rejected_without_approval(draft, editor):
    _to_review(draft, editor)

    with pytest.raises(ValidationError, match="not approved"):
        services.judgment_publish(user=editor, judgment=draft, accept_reidentification_risk=True)


def test_publish_rejected_with_open_finding_names_it(draft, editor, second_editor):
    services.judgment_run_anonymiser(user=editor, judgment=draft)
    first = draft.anonymisation_findings.order_by("start").first()
    services.findings_decide_all(user=editor, judgment=draft, status="accepted")
    AnonymisationFinding.objects.filter(pk=first.pk).update(status="open")
    draft.refresh_from_db()
    services.judgment_submit_for_review(user=editor, judgment=draft)
    services.judgment_approve(user=second_editor, judgment=draft)

    with pytest.raises(ValidationError) as error:
        services.judgment_publish(
            user=second_editor, judgment=draft, accept_reidentification_risk=True
        )

    assert any(first.text in message for message in error.value.messages)
    draft.refresh_from_db()
    assert draft.status == Judgment.Status.IN_REVIEW


def test_publish_deletes_source_text_names_and_file(
    draft, editor, second_editor, settings, tmp_path
):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    draft.source_file.save("source.pdf", SimpleUploadedFile("source.pdf", b"%PDF-1.4"), save=True)
    stored_path = tmp_path / draft.source_file.name
    assert stored_path.exists()
    _to_review(draft, editor)
    services.judgment_approve(user=second_editor, judgment=draft)

    with pytest.raises(ValidationError, match=r"Coarsen|share"):
        services.judgment_publish(user=second_editor, judgment=draft)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.judgment_publish(
            user=second_editor, judgment=draft, accept_reidentification_risk=True
        )

    draft.refresh_from_db()
    assert draft.status == Judgment.Status.PUBLISHED
    assert draft.source_text == ""
    assert not draft.source_file
    assert not stored_path.exists()
    assert not ProtectedPerson.objects.filter(judgment=draft).exists()
    assert not AnonymisationFinding.objects.filter(judgment=draft).exists()


def test_history_keeps_no_source_text_or_names(draft, editor, second_editor):
    _to_review(draft, editor)
    services.judgment_approve(user=second_editor, judgment=draft)
    services.judgment_publish(user=second_editor, judgment=draft, accept_reidentification_risk=True)

    history_fields = {field.name for field in Judgment.history.model._meta.fields}
    assert "source_text" not in history_fields
    assert "source_file" not in history_fields
    for record in draft.history.all():
        for value in vars(record).values():
            if isinstance(value, str):
                assert "Krasniqi" not in value
                assert "Drita Berisha" not in value


def test_reidentification_risk_names_facts_to_coarsen(editor):
    judgment = JudgmentFactory(
        status="in_review", victims_children=1, victim_nationalities=["MD"], municipality="Pejë"
    )

    risk = services.judgment_reidentification_risk(judgment)

    assert risk is not None
    assert risk.shared_by == 0
    assert "municipality" in risk.facts


def test_reidentification_risk_absent_when_k_share(editor, settings):
    settings.CASELAW_REIDENTIFICATION_K = 2
    for _ in range(2):
        JudgmentFactory(victims_children=0, victim_nationalities=["AL"], municipality="Prizren")
    judgment = JudgmentFactory(
        status="in_review", victims_children=0, victim_nationalities=["AL"], municipality="Prizren"
    )

    assert services.judgment_reidentification_risk(judgment) is None


def test_withdraw_hides_judgment(editor, users):
    from accounts.roles import Role

    judgment = JudgmentFactory()
    services.judgment_withdraw(user=editor, judgment=judgment)

    reader = users[Role.LEGAL_PROFESSIONAL]
    assert not Judgment.objects.visible_to(reader).filter(pk=judgment.pk).exists()


def test_source_text_opening_is_logged(draft, editor, caplog):
    caplog.set_level("INFO", logger="caselaw.services")

    services.judgment_open_source_text(user=editor, judgment=draft)

    assert f"judgment {draft.pk} opened by user {editor.pk}" in caplog.text


def test_reader_cannot_run_services(draft, users):
    from django.core.exceptions import PermissionDenied

    from accounts.roles import Role

    with pytest.raises(PermissionDenied):
        services.judgment_run_anonymiser(user=users[Role.LEGAL_PROFESSIONAL], judgment=draft)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Dëshmoi Drita Berisha. Pastaj foli.", "Dëshmoi D.B. Pastaj foli."),
        ("Dëshmoi Drita Berisha.", "Dëshmoi D.B."),
        ("Dëshmoi Drita Berisha... Pastaj foli.", "Dëshmoi D.B.... Pastaj foli."),
        ("Drita Berisha, dëshmitarja.", "D.B., dëshmitarja."),
    ],
)
def test_pseudonym_stop_not_doubled(editor, source, expected):
    judgment = JudgmentFactory(status="draft", created_by=editor, text="")
    services.judgment_attach_source(user=editor, judgment=judgment, text=source)
    services.protected_person_save(
        user=editor, judgment=judgment, name="Drita Berisha", pseudonym="D.B.", role="witness"
    )
    services.judgment_run_anonymiser(user=editor, judgment=judgment)
    services.findings_decide_all(user=editor, judgment=judgment, status="accepted")

    judgment.refresh_from_db()
    assert judgment.text == expected
    assert judgment.source_text == source


def test_stop_kept_when_finding_follows(editor):
    judgment = JudgmentFactory(status="draft", created_by=editor, text="")
    services.judgment_attach_source(user=editor, judgment=judgment, text="Emri: Drita Berisha.X")
    services.protected_person_save(
        user=editor, judgment=judgment, name="Drita Berisha", pseudonym="D.B.", role="witness"
    )
    services.judgment_run_anonymiser(user=editor, judgment=judgment)
    services.finding_add_manual(user=editor, judgment=judgment, text=".X", replacement="[…]")
    services.findings_decide_all(user=editor, judgment=judgment, status="accepted")

    judgment.refresh_from_db()
    assert judgment.text == "Emri: D.B.[…]"


def test_blocker_names_finding_kind(draft, editor):
    services.judgment_run_anonymiser(user=editor, judgment=draft)

    blockers = services.judgment_publication_blockers(draft)

    assert any(message.startswith("Unresolved finding: Phone number") for message in blockers)


def test_dashboard_offers_the_next_step_of_each_status(client_for, judgments_by_access):
    from django.urls import reverse

    from accounts.roles import Role

    html = client_for(Role.CASELAW_EDITOR).get(reverse("caselaw:editor_dashboard")).content.decode()
    rows = {
        name: next(
            row
            for row in html.split("<tr>")
            if reverse("caselaw:judgment_update", args=[judgment.pk]) in row
        )
        for name, judgment in judgments_by_access.items()
        if name in ("draft", "public", "withdrawn")
    }

    assert "Anonymise and publish" in rows["draft"]
    assert "Withdraw" in rows["public"]
    assert "Anonymise and publish" not in rows["public"]
    assert (
        reverse("caselaw:judgment_anonymise", args=[judgments_by_access["withdrawn"].pk])
        not in (rows["withdrawn"])
    )
