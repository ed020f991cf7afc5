"""Top-level URLs. Pages carry a language prefix (/sq/, /sr/, /sr-latn/, /en/); the API,
health check, robots.txt and static files do not. Uploaded files have no URL of their own:
the views that check the reader's rights send them."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from common import views as common_views

urlpatterns = [
    path("healthz", common_views.healthz, name="healthz"),
    path("robots.txt", common_views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"
    ),
    path("api/v1/", include("config.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", common_views.HomeView.as_view(), name="home"),
    path("accounts/", include("accounts.urls")),
    path("caselaw/", include("caselaw.urls")),
    path("trainings/", include("trainings.urls")),
    path("greta/", include("greta.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler404 = "common.views.page_not_found"
handler403 = "common.views.permission_denied"
handler500 = "common.views.server_error"
