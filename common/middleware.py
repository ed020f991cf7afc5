"""Cross-cutting middleware: request context for logs and a clean 503 when the database is down."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
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
