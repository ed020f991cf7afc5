from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from caselaw.models import Court, ExploitationForm, Means, Provision
from greta.caselaw_filters import KEYS, MAX_YEAR, MIN_YEAR
from greta.models import Evidence, ProgressUpdate, Status
from greta.reports import FORMATS, REPORT_LANGUAGES
from greta.validators import validate_evidence_link
from trainings.models import Course

LANGUAGE_NAMES = {"sq": "Shqip", "sr": "Српски", "en": "English"}


class ProgressUpdateForm(forms.Form):
    reporting_date = forms.DateField(
        label=_("Reporting date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date the status applies to; it may be earlier than today."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    measures = forms.CharField(label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 5}))
    measures_language = forms.ChoiceField(
        label=_("Language of the text"), choices=list(LANGUAGE_NAMES.items())
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=ProgressUpdate.Visibility.choices,
        initial=ProgressUpdate.Visibility.INTERNAL,
        help_text=_("Public updates are shown to every reader once confirmed."),
    )
    reporting_institution = forms.ModelChoiceField(
        label=_("Reporting institution"), queryset=Institution.objects.all()
    )
    confirm = forms.BooleanField(
        label=_("Confirm now"),
        required=False,
        help_text=_("Record the update as confirmed by you."),
    )

    def __init__(self, *args, staff: bool, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:
            self.fields["reporting_institution"].queryset = Institution.objects.all()
            first = recommendation.institutions.order_by("pk").first()
            self.fields["reporting_institution"].initial = first.pk if first else None
        else:
            del self.fields["reporting_institution"]
            del self.fields["confirm"]

    def clean_reporting_date(self):
        value = self.cleaned_data["reporting_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The reporting date cannot be in the future."))
        return value


class EvidenceForm(forms.Form):
    # The blank choice keeps an untouched extra row empty, so the formset skips it.
    kind = forms.ChoiceField(
        label=_("Kind of evidence"), choices=[("", "—"), *Evidence.Kind.choices]
    )
    title = forms.CharField(label=_("Evidence title"), max_length=300)
    url = forms.CharField(
        label=_("Link"),
        max_length=500,
        help_text=_("Full address (https://...) or a path on this platform (/en/caselaw/...)."),
    )

    def clean_url(self):
        value = self.cleaned_data["url"].strip()
        validate_evidence_link(value)
        return value


EvidenceFormSet = formset_factory(EvidenceForm, extra=2, max_num=10)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("confirm", _("Confirm")), ("reject", _("Reject"))]
    )
    note = forms.CharField(label=_("Review note"), required=False, max_length=2000)


class DueDateForm(forms.Form):
    next_update_due = forms.DateField(
        label=_("Next update due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ExportForm(forms.Form):
    as_of = forms.DateField(label=_("Status as of"), widget=forms.DateInput(attrs={"type": "date"}))
    since = forms.DateField(
        label=_("Changes since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional earlier date to compare with."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[(code, LANGUAGE_NAMES[code]) for code in REPORT_LANGUAGES]
    )
    file_format = forms.ChoiceField(
        label=_("Format"), choices=[(code, code.upper()) for code in FORMATS]
    )

    def clean(self):
        cleaned = super().clean()
        as_of, since = cleaned.get("as_of"), cleaned.get("since")
        if as_of and since and since >= as_of:
            raise forms.ValidationError(_("The earlier date must be before the “as of” date."))
        return cleaned


class ChangesSinceForm(forms.Form):
    since = forms.DateField(
        label=_("Changes since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("XLSX or CSV (UTF-8) with the columns listed below, up to 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class ProvisionChoiceField(forms.ModelMultipleChoiceField):
    """Provisions labelled by what they are first, so the instrument does not hide them."""

    def label_from_instance(self, obj):
        article = f", {_('Art.')} {obj.article}" if obj.article else ""
        return f"{obj.label} ({obj.get_instrument_display()}{article})"


class IndicatorLinksForm(forms.Form):
    """The case-law filter and training courses that measure a recommendation.

    The case-law fields are the search page's filters, chosen from the same vocabularies;
    `caselaw_filter()` returns them as stored on the recommendation (terms by code).
    """

    provision = ProvisionChoiceField(
        label=_("Provisions applied"),
        queryset=Provision.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exploitation_form = forms.ModelMultipleChoiceField(
        label=_("Forms of exploitation"),
        queryset=ExploitationForm.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    means = forms.ModelMultipleChoiceField(
        label=_("Means"),
        queryset=Means.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    court_level = forms.MultipleChoiceField(
        label=_("Court levels"),
        choices=Court.Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one level to count each case once rather than once per instance."),
    )
    year_from = forms.IntegerField(
        label=_("Decided from year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    year_to = forms.IntegerField(
        label=_("Decided until year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    child_victims = forms.TypedChoiceField(
        label=_("Child victims"),
        choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )
    transnational = forms.TypedChoiceField(
        label=_("Transnational"),
        choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )
    training_courses = forms.ModelMultipleChoiceField(
        label=_("Training topics"),
        queryset=Course.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People who attended held sessions of these courses are counted."),
    )

    TERM_FIELDS = ("provision", "exploitation_form", "means")

    @classmethod
    def initial_for(cls, recommendation) -> dict:
        """Return the form's initial values from a recommendation's stored links."""
        stored = recommendation.caselaw_filter or {}
        initial = {key: stored.get(key) for key in KEYS if stored.get(key) is not None}
        for key in ("child_victims", "transnational"):
            if key in initial:
                initial[key] = "true" if initial[key] else "false"
        initial["training_courses"] = list(recommendation.training_courses.all())
        return initial

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", _("The last year must not be before the first year."))
        return cleaned

    def caselaw_filter(self) -> dict:
        data = self.cleaned_data
        value: dict = {}
        for key in self.TERM_FIELDS:
            codes = sorted(term.code for term in data.get(key) or [])
            if codes:
                value[key] = codes
        if data.get("court_level"):
            value["court_level"] = list(data["court_level"])
        for key in ("year_from", "year_to", "child_victims", "transnational"):
            if data.get(key) is not None:
                value[key] = data[key]
        return value

    def caselaw_fields(self):
        return [self[name] for name in self.fields if name != "training_courses"]

    def training_fields(self):
        return [self["training_courses"]]
