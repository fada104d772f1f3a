"""Request middleware specific to this site."""

from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the language redirect for paths outside the /fi/ and /sv/ tree.

    Django redirects a 404 to the same path with a language prefix when that path resolves; Wagtail's
    catch-all page route makes every path resolve, so an API 404 would become a redirect to an HTML page.
    """

    UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/static/", "/media/", "/healthz", "/sitemap.xml")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
