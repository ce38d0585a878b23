from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from heymilo.accounts.branding import brand_stylesheet
from heymilo.files import serve_signed_file
from heymilo.health import health
from heymilo.i18n import javascript_catalog

api_v4 = [
    path("", include("postings.urls")),
    path("", include("candidates.urls")),
    path("", include("interviews.urls")),
    path("", include("webhooks.urls")),
    # The document and its docs page are public, so they are reachable without a key.
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="schema", authentication_classes=[], permission_classes=[]
        ),
        name="api-docs",
    ),
]

urlpatterns = [
    path("health", health),
    path("brand/<str:workspace_id>.css", brand_stylesheet, name="brand-css"),
    path("i18n/<str:language>.js", javascript_catalog, name="candidate-js-catalog"),
    path("api/v4/", include(api_v4)),
    path("", include("candidates.intake_urls")),
    path("", include("candidates.page_urls")),
    path("", include("interviews.page_urls")),
    path("files/<str:token>/<str:filename>", serve_signed_file, name="signed-file"),
    path("", include("heymilo.accounts.urls")),
    path("", include("postings.dashboard_urls")),
    path("", include("webhooks.dashboard_urls")),
    path("", include("candidates.dashboard_urls")),
    path("", include("interviews.dashboard_urls")),
]

handler404 = "heymilo.handlers.not_found"
handler500 = "heymilo.handlers.server_error"
