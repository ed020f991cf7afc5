import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation


class UserLanguageMiddleware:
    """Show a signed-in user's pages in their preferred language when the URL has no prefix.

    LocaleMiddleware reads the language cookie for unprefixed URLs, so this middleware
    sets that cookie from the profile once per session; an explicit switch overrides it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and translation.check_for_language(user.preferred_language)
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                samesite="Lax",
                secure=not settings.DEBUG,
            )
        return response


class SessionActivityMiddleware:
    """End a session after SESSION_COOKIE_AGE seconds without a request.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every request
    (three queries). Here the session is written again only when its last write is older
    than SESSION_REFRESH_SECONDS, so it ends between SESSION_COOKIE_AGE minus that and
    SESSION_COOKIE_AGE seconds after the last request. Visitors without a session get none.
    """

    KEY = "_last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Send signed-in users who still owe a second factor to the two-factor page.

    API requests get 403 instead of a redirect. Sign-out, language switching, static files
    and the health check stay reachable.
    """

    ALLOWED_URL_NAMES = {"two_factor", "two_factor_qr", "logout"}
    ALLOWED_PREFIXES = ("/static/", "/i18n/", "/healthz", "/robots.txt")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from accounts.two_factor import needs_second_factor

        user = getattr(request, "user", None)
        if (
            user is not None
            and not self._is_allowed(request)
            and needs_second_factor(user, required_by_settings=settings.TWO_FACTOR_REQUIRED)
        ):
            if request.path.startswith("/api/"):
                detail = "Two-factor verification is required. Sign in through the web page."
                return JsonResponse({"detail": detail}, status=403)
            target = reverse("accounts:two_factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _is_allowed(self, request) -> bool:
        if request.path.startswith(self.ALLOWED_PREFIXES):
            return True
        match = getattr(request, "resolver_match", None) or _resolve(request.path)
        return match is not None and match.url_name in self.ALLOWED_URL_NAMES


def _resolve(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None
