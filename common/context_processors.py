from django.conf import settings


def site(request):
    return {"LANGUAGE_NATIVE_NAMES": settings.LANGUAGE_NATIVE_NAMES}
