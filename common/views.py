import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Return 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check failed: database unavailable (%s)", error.__class__.__name__)
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


# Public page prefixes under each language; the rest of /<language>/caselaw/ (editor
# screens, saved searches, statistics) is for signed-in users and stays disallowed.
ROBOTS_ALLOWED = ("$", "caselaw/$", "caselaw/judgments/", "caselaw/feed/")


def robots_txt(request):
    """Keep crawlers to the public pages: home, the search and the judgment pages."""
    lines = ["User-agent: *", "Disallow: /"]
    for language in ("sq", "sr", "sr-latn", "en"):
        lines[1:1] = [f"Allow: /{language}/{prefix}" for prefix in ROBOTS_ALLOWED]
    lines.append("Disallow: /api/")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class HomeView(TemplateView):
    template_name = "home.html"


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered without the request so that a failing database or session cannot break it.
    return HttpResponse(render_to_string("500.html"), status=500)
