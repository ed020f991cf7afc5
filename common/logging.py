"""Logging helpers: every record carries the request path and user id when there is one."""

import logging
import threading

_local = threading.local()


def set_request(request) -> None:
    _local.request = request


def clear_request() -> None:
    _local.request = None


class RequestContextFilter(logging.Filter):
    """Add `request_path` and `user_id` to each record; "-" outside a request.

    Only the numeric user id is logged, never a name or an e-mail address.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None) or getattr(_local, "request", None)
        path = "-"
        user_id = "-"
        if request is not None and hasattr(request, "path"):
            path = request.path
            user = getattr(request, "user", None)
            if user is not None and getattr(user, "is_authenticated", False):
                user_id = str(user.pk)
        record.request_path = path
        record.user_id = user_id
        return True
