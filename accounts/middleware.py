from django.conf import settings
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
