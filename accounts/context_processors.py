"""The navigation each role sees, computed once per request from accounts.roles."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Capability, user_can

# (URL name, label, capability required, None for everyone, or SIGNED_IN for any signed-in
# user). Entries whose URL is not installed are skipped.
SIGNED_IN = "signed_in"
NAVIGATION = [
    ("caselaw:judgment_search", _("Case-law"), None),
    ("caselaw:statistics", _("Statistics"), Capability.VIEW_CASELAW_STATISTICS),
    ("caselaw:editor_dashboard", _("Editing"), Capability.EDIT_JUDGMENTS),
    ("trainings:session_list", _("Trainings"), Capability.MANAGE_OWN_TRAININGS),
    ("trainings:statistics", _("Training figures"), Capability.VIEW_TRAINING_STATISTICS),
    ("trainings:my_trainings", _("My trainings"), SIGNED_IN),
    ("greta:recommendation_list", _("GRETA findings"), Capability.VIEW_RECOMMENDATIONS),
    ("accounts:audit_event_list", _("Audit trail"), Capability.VIEW_AUDIT_LOG),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    for url_name, label, capability in NAVIGATION:
        if capability == SIGNED_IN:
            if user is None or not user.is_authenticated:
                continue
        elif capability is not None and not user_can(user, capability):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "active": False})
    # Only the longest matching entry is active: /caselaw/editor/ is Editing, not Case-law.
    matching = [item for item in items if request.path.startswith(item["url"])]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["active"] = True
    return {"navigation_items": items}
