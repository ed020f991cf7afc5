"""Pages of the caselaw app: the public list and judgment page, and the editors' screens.

Every read of a judgment goes through `Judgment.objects.visible_to(user)`, so a judgment
the reader may not see is a 404, never a 403 that would confirm it exists.
"""

import logging
import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from accounts.permissions import CapabilityRequiredMixin
from accounts.roles import Capability, user_can
from caselaw import selectors, services
from caselaw.forms import (
    DefendantFormSet,
    JudgmentForm,
    ManualFindingForm,
    ProtectedPersonForm,
    SourceForm,
)
from caselaw.models import AnonymisationFinding, Judgment, ProtectedPerson
from common.exports import PdfDocument
from common.storage import content_type_for

logger = logging.getLogger(__name__)


def _visible_judgment(request, pk) -> Judgment:
    queryset = Judgment.objects.visible_to(request.user).with_facts()
    return get_object_or_404(queryset, pk=pk)


def judgment_detail(request, pk):
    judgment = _visible_judgment(request, pk)
    context = selectors.judgment_page_context(judgment, request.user)
    context["can_edit"] = user_can(request.user, Capability.EDIT_JUDGMENTS)
    context["public_page"] = selectors.is_public(judgment)
    return render(request, "caselaw/judgment_detail.html", context)


def judgment_print(request, pk):
    judgment = _visible_judgment(request, pk)
    context = selectors.judgment_page_context(judgment, request.user)
    return render(request, "caselaw/judgment_print.html", context)


def judgment_pdf(request, pk):
    """Return the anonymised judgment as a PDF (facts, summary and full text)."""
    judgment = _visible_judgment(request, pk)
    context = selectors.judgment_page_context(judgment, request.user)
    document = PdfDocument(str(context["title"]))
    document.paragraph(context["citation"])
    document.table([_("Fact"), _("Value")], context["fact_rows"], col_widths=(35, 65))
    if context["summary"].text:
        document.heading(_("Summary"))
        document.paragraph(context["summary"].text)
    if judgment.text:
        document.heading(_("Anonymised text"))
        document.paragraph(judgment.text)
    user_id = request.user.pk if request.user.is_authenticated else None
    logger.info("Judgment %s exported as PDF by user %s", judgment.pk, user_id)
    filename = f"{slugify(judgment.case_number) or 'judgment'}-{judgment.pk}.pdf"
    return document.response(filename)


# Editor pages


class EditorMixin(CapabilityRequiredMixin):
    required_capability = Capability.EDIT_JUDGMENTS

    def get_judgment(self) -> Judgment:
        return get_object_or_404(Judgment.objects.select_related("court"), pk=self.kwargs["pk"])


class EditorDashboardView(EditorMixin, TemplateView):
    template_name = "caselaw/editor_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        judgments = Judgment.objects.select_related("court", "created_by", "approved_by")
        open_findings = Count(
            "anonymisation_findings", filter=Q(anonymisation_findings__status="open")
        )
        context["drafts"] = judgments.filter(status=Judgment.Status.DRAFT).annotate(
            open_findings=open_findings
        )
        context["in_review"] = judgments.filter(status=Judgment.Status.IN_REVIEW).annotate(
            open_findings=open_findings
        )
        context["published"] = judgments.filter(status=Judgment.Status.PUBLISHED).order_by(
            "-published_at"
        )[:20]
        context["withdrawn"] = judgments.filter(status=Judgment.Status.WITHDRAWN)[:20]
        return context


class JudgmentCreateView(EditorMixin, View):
    template_name = "caselaw/judgment_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": JudgmentForm()})

    def post(self, request):
        form = JudgmentForm(request.POST)
        if form.is_valid():
            try:
                judgment = services.judgment_create(
                    user=request.user, judgment=form.save(commit=False), m2m=form.m2m_values()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Draft created. Now add the source text."))
                return redirect("caselaw:judgment_source", pk=judgment.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class JudgmentUpdateView(EditorMixin, View):
    template_name = "caselaw/judgment_form.html"

    def get(self, request, pk):
        judgment = self.get_judgment()
        context = {
            "form": JudgmentForm(instance=judgment),
            "formset": DefendantFormSet(instance=judgment),
            "judgment": judgment,
        }
        return render(request, self.template_name, context)

    def post(self, request, pk):
        judgment = self.get_judgment()
        form = JudgmentForm(request.POST, instance=judgment)
        formset = DefendantFormSet(request.POST, instance=judgment)
        if form.is_valid() and formset.is_valid():
            try:
                services.judgment_update(
                    user=request.user, judgment=form.save(commit=False), m2m=form.m2m_values()
                )
                formset.save()
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Judgment saved."))
                return redirect("caselaw:judgment_update", pk=judgment.pk)
        context = {"form": form, "formset": formset, "judgment": judgment}
        return render(request, self.template_name, context, status=400)


class JudgmentSourceView(EditorMixin, View):
    template_name = "caselaw/judgment_source.html"

    def get(self, request, pk):
        judgment = self.get_judgment()
        return render(request, self.template_name, {"judgment": judgment, "form": SourceForm()})

    def post(self, request, pk):
        judgment = self.get_judgment()
        form = SourceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.judgment_attach_source(
                    user=request.user,
                    judgment=judgment,
                    uploaded_file=form.cleaned_data.get("document") or None,
                    text=form.cleaned_data.get("text", ""),
                    extracted=form.cleaned_data.get("extracted"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Source text saved. List the persons to protect."))
                return redirect("caselaw:judgment_anonymise", pk=judgment.pk)
        context = {"judgment": judgment, "form": form}
        return render(request, self.template_name, context, status=400)


@never_cache
def judgment_source_document(request, pk):
    """Send the uploaded source document of a draft to a case-law editor.

    Everyone else gets a 404, as does a judgment without a document or past the draft
    stages, so the existence of an unanonymised file cannot be probed.
    """
    if not user_can(request.user, Capability.VIEW_SOURCE_TEXT):
        raise Http404
    judgment = get_object_or_404(Judgment, pk=pk)
    try:
        document = services.judgment_open_source_document(user=request.user, judgment=judgment)
    except ValidationError as error:
        raise Http404 from error
    except FileNotFoundError as error:
        logger.warning("Source document of judgment %s is missing from storage", judgment.pk)
        raise Http404 from error

    extension = os.path.splitext(judgment.source_file.name)[1].lower()
    return FileResponse(
        document,
        as_attachment=True,
        filename=f"judgment-{judgment.pk}-source{extension}",
        content_type=content_type_for(judgment.source_file.name),
    )


class JudgmentAnonymiseView(EditorMixin, View):
    """The review screen: persons, findings highlighted in the source text, decisions."""

    template_name = "caselaw/judgment_anonymise.html"
    actions = ("add_person", "delete_person", "run", "decide", "decide_all", "add_manual")

    def get(self, request, pk, **forms):
        judgment = self.get_judgment()
        context = {
            "judgment": judgment,
            "person_form": forms.get("person_form") or ProtectedPersonForm(),
            "manual_form": forms.get("manual_form") or ManualFindingForm(),
        }
        if judgment.is_draft and judgment.source_text:
            services.judgment_open_source_text(user=request.user, judgment=judgment)
            context.update(selectors.anonymisation_review_context(judgment))
        else:
            context["persons"] = judgment.protected_persons.all()
        context["blockers"] = services.judgment_publication_blockers(judgment)
        context["risk"] = services.judgment_reidentification_risk(judgment)
        if context["risk"]:
            context["risk_message"] = services.reidentification_message(context["risk"])
        context["can_approve"] = (
            judgment.status == Judgment.Status.IN_REVIEW
            and judgment.created_by_id != request.user.pk
            and user_can(request.user, Capability.PUBLISH_JUDGMENTS)
        )
        status = 400 if forms else 200
        return render(request, self.template_name, context, status=status)

    def post(self, request, pk):
        judgment = self.get_judgment()
        action = request.POST.get("action")
        if action not in self.actions:
            messages.error(request, _("Unknown action."))
            return redirect("caselaw:judgment_anonymise", pk=pk)
        try:
            form_errors = getattr(self, f"_{action}")(request, judgment)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            form_errors = None
        if form_errors:
            return self.get(request, pk, **form_errors)
        return redirect(reverse("caselaw:judgment_anonymise", args=[pk]) + "#findings")

    def _add_person(self, request, judgment):
        form = ProtectedPersonForm(request.POST)
        if not form.is_valid():
            return {"person_form": form}
        services.protected_person_save(user=request.user, judgment=judgment, **form.cleaned_data)
        messages.success(request, _("Person added. Run the anonymiser to find them."))
        return None

    def _delete_person(self, request, judgment):
        person = get_object_or_404(
            ProtectedPerson, pk=request.POST.get("person"), judgment=judgment
        )
        services.protected_person_delete(user=request.user, person=person)
        return None

    def _run(self, request, judgment):
        open_count = services.judgment_run_anonymiser(user=request.user, judgment=judgment)
        messages.success(
            request, _("Anonymiser run: %(count)s findings to review.") % {"count": open_count}
        )
        return None

    def _decide(self, request, judgment):
        finding = get_object_or_404(
            AnonymisationFinding, pk=request.POST.get("finding"), judgment=judgment
        )
        services.finding_decide(
            user=request.user, finding=finding, status=request.POST.get("status")
        )
        return None

    def _decide_all(self, request, judgment):
        status = request.POST.get("status")
        if status not in (
            AnonymisationFinding.Status.ACCEPTED,
            AnonymisationFinding.Status.REJECTED,
        ):
            raise ValidationError(_("Choose accept or reject."))
        count = services.findings_decide_all(user=request.user, judgment=judgment, status=status)
        messages.success(request, _("%(count)s findings decided.") % {"count": count})
        return None

    def _add_manual(self, request, judgment):
        form = ManualFindingForm(request.POST)
        if not form.is_valid():
            return {"manual_form": form}
        count = services.finding_add_manual(
            user=request.user, judgment=judgment, **form.cleaned_data
        )
        messages.success(request, _("%(count)s occurrences replaced.") % {"count": count})
        return None


class JudgmentTransitionView(EditorMixin, View):
    """Move a judgment through the workflow: submit, return, approve, publish, withdraw."""

    def post(self, request, pk, action):
        judgment = self.get_judgment()
        transitions = {
            "submit": (services.judgment_submit_for_review, _("Submitted for review.")),
            "return": (services.judgment_return_to_draft, _("Returned to draft.")),
            "approve": (services.judgment_approve, _("Approved.")),
            "publish": (services.judgment_publish, _("Published.")),
            "withdraw": (services.judgment_withdraw, _("Withdrawn.")),
        }
        if action not in transitions:
            raise Http404
        service, success_message = transitions[action]
        kwargs = {"user": request.user, "judgment": judgment}
        if action == "publish":
            kwargs["accept_reidentification_risk"] = request.POST.get("accept_risk") == "on"
        try:
            service(**kwargs)
        except PermissionDenied:
            raise
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("caselaw:judgment_anonymise", pk=pk)
        messages.success(request, success_message)
        if action == "publish":
            return redirect("caselaw:judgment_detail", pk=pk)
        return redirect("caselaw:judgment_anonymise", pk=pk)
