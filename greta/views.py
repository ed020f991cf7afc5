import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from accounts.permissions import CapabilityRequiredMixin
from accounts.roles import Capability, user_can
from greta import charts, indicators
from greta.filters import RecommendationFilter
from greta.forms import (
    ChangesSinceForm,
    DueDateForm,
    EvidenceFormSet,
    ExportForm,
    ImportForm,
    IndicatorLinksForm,
    ProgressUpdateForm,
    ReviewForm,
)
from greta.imports import COLUMNS, ImportFileError, import_parse, recommendations_import
from greta.models import ProgressUpdate, Recommendation
from greta.reports import ReportOptions, ReportSummary, export_response, report_rows
from greta.selectors import (
    overdue_recommendations,
    recommendation_history,
    recommendations_with_status,
    status_changes,
)
from greta.services import (
    EvidenceLink,
    progress_update_create,
    progress_update_review,
    recommendation_set_due_date,
    recommendation_set_indicators,
)

logger = logging.getLogger(__name__)

IMPORT_SESSION_KEY = "greta_import_upload"


def _list_queryset(user, on_date=None):
    """Recommendations the user may see, with their status as of `on_date` for that user."""
    on_date = on_date or timezone.localdate()
    recommendations = Recommendation.objects.visible_to(user).with_list_relations()
    return recommendations_with_status(
        recommendations, ProgressUpdate.objects.counted_for(user), on_date
    )


class RecommendationListView(CapabilityRequiredMixin, ListView):
    required_capability = Capability.VIEW_RECOMMENDATIONS
    template_name = "greta/recommendation_list.html"
    context_object_name = "recommendations"
    paginate_by = 25

    def get_queryset(self):
        self.filterset = RecommendationFilter(
            self.request.GET or None, queryset=_list_queryset(self.request.user)
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            query_string=query.urlencode(),
            is_manager=user_can(self.request.user, Capability.MANAGE_RECOMMENDATIONS),
            total=self.filterset.qs.count(),
        )
        return context


class RecommendationDetailView(CapabilityRequiredMixin, DetailView):
    required_capability = Capability.VIEW_RECOMMENDATIONS
    template_name = "greta/recommendation_detail.html"
    context_object_name = "recommendation"

    def get_queryset(self):
        return _list_queryset(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        recommendation = self.object
        history = list(
            recommendation_history(recommendation, ProgressUpdate.objects.visible_to(user))
        )
        context.update(
            history=history,
            has_sample_updates=any(update.is_sample for update in history),
            can_propose=Recommendation.objects.proposable_by(user)
            .filter(pk=recommendation.pk)
            .exists(),
            is_manager=user_can(user, Capability.MANAGE_RECOMMENDATIONS),
            due_form=DueDateForm(initial={"next_update_due": recommendation.next_update_due}),
            indicators=indicators.indicators_for(recommendation, user),
        )
        return context


class IndicatorLinksView(CapabilityRequiredMixin, FormView):
    """Staff choose the case-law filter and the training courses that measure a recommendation."""

    required_capability = Capability.MANAGE_RECOMMENDATIONS
    template_name = "greta/indicator_links_form.html"
    form_class = IndicatorLinksForm

    def dispatch(self, request, *args, **kwargs):
        self.recommendation = get_object_or_404(
            Recommendation.objects.select_related("assessment"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return IndicatorLinksForm.initial_for(self.recommendation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        return context

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            recommendation_set_indicators(
                recommendation=self.recommendation,
                user=self.request.user,
                caselaw_filter=form.caselaw_filter(),
                training_courses=form.cleaned_data["training_courses"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The indicator links were saved."))
        return redirect("greta:recommendation_detail", pk=self.recommendation.pk)


class ProgressUpdateCreateView(CapabilityRequiredMixin, FormView):
    """Staff record an update; focal points propose one for their institution's recommendations."""

    required_capability = Capability.PROPOSE_PROGRESS
    template_name = "greta/progress_update_form.html"
    form_class = ProgressUpdateForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_can(request.user, self.required_capability):
            # Recommendations of other institutions answer 404, so ids cannot be probed.
            self.recommendation = get_object_or_404(
                Recommendation.objects.proposable_by(request.user).select_related("assessment"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    @property
    def is_staff(self) -> bool:
        return user_can(self.request.user, Capability.MANAGE_RECOMMENDATIONS)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(staff=self.is_staff, recommendation=self.recommendation)
        kwargs.setdefault("initial", {})["reporting_date"] = timezone.localdate()
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendation"] = self.recommendation
        context.setdefault(
            "evidence_formset", EvidenceFormSet(self.request.POST or None, prefix="evidence")
        )
        return context

    def form_valid(self, form):
        formset = EvidenceFormSet(self.request.POST, prefix="evidence")
        if not formset.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, evidence_formset=formset)
            )
        evidence = [
            EvidenceLink(item["kind"], item["title"], item["url"])
            for item in formset.cleaned_data
            if item
        ]
        data = form.cleaned_data
        try:
            progress_update_create(
                recommendation=self.recommendation,
                user=self.request.user,
                reporting_date=data["reporting_date"],
                status=data["status"],
                measures=data["measures"],
                measures_language=data["measures_language"],
                visibility=data["visibility"],
                reporting_institution=data.get("reporting_institution"),
                evidence=evidence,
                confirm=data.get("confirm", False),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The progress update was saved."))
        return redirect("greta:recommendation_detail", pk=self.recommendation.pk)


class DueDateUpdateView(CapabilityRequiredMixin, View):
    required_capability = Capability.MANAGE_RECOMMENDATIONS

    def post(self, request, pk):
        recommendation = get_object_or_404(Recommendation, pk=pk)
        form = DueDateForm(request.POST)
        if form.is_valid():
            recommendation_set_due_date(
                recommendation=recommendation,
                user=request.user,
                due=form.cleaned_data["next_update_due"],
            )
            messages.success(request, _("The due date was saved."))
        else:
            messages.error(request, _("Enter a valid date (YYYY-MM-DD)."))
        return redirect("greta:recommendation_detail", pk=pk)


class ReviewListView(CapabilityRequiredMixin, ListView):
    required_capability = Capability.MANAGE_RECOMMENDATIONS
    template_name = "greta/review_list.html"
    context_object_name = "updates"
    paginate_by = 25

    def get_queryset(self):
        return (
            ProgressUpdate.objects.filter(review_state=ProgressUpdate.ReviewState.PROPOSED)
            .select_related("recommendation__assessment", "reporting_institution", "reported_by")
            .prefetch_related("evidence")
            .order_by("created_at", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["review_form"] = ReviewForm()
        return context


class ProgressUpdateReviewView(CapabilityRequiredMixin, View):
    required_capability = Capability.MANAGE_RECOMMENDATIONS

    def post(self, request, pk):
        update = get_object_or_404(ProgressUpdate, pk=pk)
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to confirm or reject the update."))
            return redirect("greta:review_list")
        try:
            progress_update_review(
                update=update,
                reviewer=request.user,
                confirm=form.cleaned_data["decision"] == "confirm",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("greta:review_list")
        messages.success(request, _("The review was saved."))
        return redirect("greta:review_list")


class OverdueListView(CapabilityRequiredMixin, ListView):
    required_capability = Capability.MANAGE_RECOMMENDATIONS
    template_name = "greta/overdue_list.html"
    context_object_name = "recommendations"
    paginate_by = 50

    def get_queryset(self):
        return overdue_recommendations(_list_queryset(self.request.user), timezone.localdate())


class DashboardView(CapabilityRequiredMixin, TemplateView):
    required_capability = Capability.MANAGE_RECOMMENDATIONS
    template_name = "greta/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        form = ChangesSinceForm(self.request.GET or None)
        since = form.cleaned_data.get("since") if form.is_valid() else None
        since = since or today - timezone.timedelta(days=90)
        updates = ProgressUpdate.objects.counted_for(user)
        recommendations = Recommendation.objects.visible_to(user)

        summary = ReportSummary()
        options = ReportOptions(as_of=today, since=since, language=self.request.LANGUAGE_CODE)
        rows = list(report_rows(recommendations, updates, options))
        for row in rows:
            summary.add(row)
        theme_bars, theme_height = charts.stacked_bars(summary.by_theme)
        institution_bars, institution_height = charts.stacked_bars(summary.by_institution)

        changes = status_changes(updates, since, today)
        changed_recommendations = Recommendation.objects.in_bulk(
            [change.recommendation_id for change in changes]
        )
        linked = list(
            recommendations.filter(Q(training_courses__isnull=False) | ~Q(caselaw_filter={}))
            .distinct()
            .select_related("assessment")
            .order_by("assessment__country", "assessment_id", "position", "pk")
        )
        linked_indicators = indicators.indicators_for_many(linked, user)
        context.update(
            form=form,
            since=since,
            today=today,
            theme_bars=theme_bars,
            theme_height=theme_height,
            institution_bars=institution_bars,
            institution_height=institution_height,
            legend=charts.legend(),
            total=len(rows),
            changes=[
                (changed_recommendations[change.recommendation_id], change) for change in changes
            ],
            indicator_rows=[
                (recommendation, linked_indicators.get(recommendation.pk, []))
                for recommendation in linked
            ],
        )
        return context


class ExportView(CapabilityRequiredMixin, FormView):
    """The export form; a valid submission (GET, so links can be shared) returns the file."""

    required_capability = Capability.MANAGE_RECOMMENDATIONS
    template_name = "greta/export.html"
    form_class = ExportForm

    def get(self, request, *args, **kwargs):
        if "file_format" not in request.GET:
            language = request.LANGUAGE_CODE.split("-")[0]
            form = ExportForm(
                initial={"as_of": timezone.localdate(), "language": language, "file_format": "xlsx"}
            )
            return self.render_to_response(self.get_context_data(form=form))
        form = ExportForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        options = ReportOptions(as_of=data["as_of"], since=data["since"], language=data["language"])
        return export_response(
            user=request.user,
            recommendations=Recommendation.objects.visible_to(request.user),
            updates=ProgressUpdate.objects.counted_for(request.user),
            options=options,
            file_format=data["file_format"],
        )


class ImportView(CapabilityRequiredMixin, FormView):
    """Upload a file and see a preview with per-row errors; confirming saves every row or none."""

    required_capability = Capability.MANAGE_RECOMMENDATIONS
    template_name = "greta/import.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = COLUMNS
        return context

    def form_invalid(self, form):
        # An empty or oversized file is as much a rejected upload as an unreadable one.
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = import_parse(content, filename=upload.name)
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        has_errors = any(row.errors for row in rows)
        if not has_errors:
            self.request.session[IMPORT_SESSION_KEY] = content.hex()
        else:
            self.request.session.pop(IMPORT_SESSION_KEY, None)
        return self.render_to_response(
            self.get_context_data(form=form, rows=rows, has_errors=has_errors),
            status=400 if has_errors else 200,
        )


class ImportConfirmView(CapabilityRequiredMixin, View):
    required_capability = Capability.MANAGE_RECOMMENDATIONS

    def post(self, request):
        stored = request.session.pop(IMPORT_SESSION_KEY, None)
        if not stored:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("greta:import")
        try:
            created = recommendations_import(content=bytes.fromhex(stored), user=request.user)
        except (ValidationError, ImportFileError) as error:
            # The data changed since the preview (for example a key now exists): nothing saved.
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("greta:import")
        messages.success(
            request, _("%(count)s recommendations were imported.") % {"count": len(created)}
        )
        return HttpResponseRedirect(reverse("greta:recommendation_list"))
