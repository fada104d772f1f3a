"""URL configuration: admin, API and health check outside the language prefix; pages under /fi/ and /sv/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api as v3_api
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from associations.hsds import urlpatterns as hsds_urls
from associations.hsds import views as hsds_views
from associations.widget import association_widget
from news.widget import event_widget
from sakke_site import search_views
from sakke_site.api import api_not_found, api_router
from sakke_site.health import healthz
from sakke_site.media import media_urlpatterns
from sakke_site.robots import robots_txt
from sakke_site.sitemaps import PageSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="openapi-schema"),
    path("api/docs/", SpectacularRedocView.as_view(url_name="openapi-schema"), name="openapi-docs"),
    # The HSDS API reference writes its paths without a trailing slash; its root too.
    path("api/hsds", hsds_views.RootView.as_view()),
    path("api/hsds/", include(hsds_urls)),
    path("api/v3-preview/", v3_api.urls),
    re_path(r"^api/", api_not_found),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PageSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

# Uploaded images, in every environment; never MEDIA_ROOT as a whole, which holds the documents too
# (they are served by /documents/<id>/<name> above, which checks their collection's view restrictions).
urlpatterns += media_urlpatterns()

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("associations/", include("associations.urls")),
    path("news/", include("news.urls")),
    path("newsletter/", include("news.newsletter.urls")),
    path("widget/associations/", association_widget, name="association_widget"),
    path("widget/events/", event_widget, name="event_widget"),
    # Wagtail's page serving is last: it catches every remaining path under /fi/ and /sv/.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
