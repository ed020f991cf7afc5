from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Institution
from greta.models import Evidence, ProgressUpdate, Status
from greta.reports import FORMATS, REPORT_LANGUAGES

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
        if not (value.startswith(("https://", "http://")) or value.startswith("/")):
            raise forms.ValidationError(
                _("Enter a full address starting with https:// or a path starting with /.")
            )
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
