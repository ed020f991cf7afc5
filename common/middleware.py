"""Cross-cutting middleware: request context for logs, a clean 503 when the database is down,
and query strings without NUL characters."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.template.loader import render_to_string

from common.logging import clear_request, set_request
from config.db_router import reset_primary_pin

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Return 503 instead of 500 when PostgreSQL cannot be reached.

    Connection errors are OperationalError or InterfaceError in psycopg2; other database
    errors are real bugs and still raise. Django reconnects on the next request
    (CONN_HEALTH_CHECKS), so the service recovers by itself once the server is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset_primary_pin()
        set_request(request)
        try:
            return self.get_response(request)
        finally:
            clear_request()

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        if isinstance(exception, DatabaseError) and not _is_connection_error(exception):
            return None
        logger.error("Database unavailable: %s", exception.__class__.__name__)
        if request.path.startswith("/api/") or request.path == "/healthz":
            return JsonResponse(
                {"detail": "The database is unavailable. Try again shortly."}, status=503
            )
        # Rendered without the request: context processors would query the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "10"
        return response


def _is_connection_error(exception: Exception) -> bool:
    message = str(exception).lower()
    markers = ("connection", "server closed", "could not connect", "terminating", "shutting down")
    return isinstance(exception, InterfaceError) or any(marker in message for marker in markers)


class StripNulCharactersMiddleware:
    """Remove NUL characters from the query string's parameters.

    No parameter may contain one, PostgreSQL text cannot store it, and pages that show a
    parameter again would write it into their HTML.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            # Read-only, as Django's own request.GET.
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
