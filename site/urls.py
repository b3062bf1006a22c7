from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from . import media
from .api import api_not_found, api_v2, api_v3
from .security import (
    ThrottledLoginView,
    authenticate_document_password,
    authenticate_with_password,
)
from .sitemaps import TranslatedSitemap


class FaviconView(RedirectView):
    """``/favicon.ico``: browsers and crawlers ask for it whatever a page links, so answer
    with the static icon instead of a 404 on every first visit. The target is resolved per
    request because production's hashed static names exist only after collectstatic."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static_url("favicon.ico")


urlpatterns = [
    # Wagtail's login view with a failed-attempt limit (cms_site.security); same URL name.
    path("admin/login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's collection password form for documents, throttled (cms_site.security).
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploaded files, in every environment: only those the visitor may see (cms_site.media).
# Never Django's static() helper or a web server serving MEDIA_ROOT as it is: that would
# hand out private and unpublished images and every document.
if settings.MEDIA_URL.startswith("/"):
    urlpatterns += [re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", media.serve)]

# An address under /api/ that no endpoint matches is a JSON 404, never the site's HTML page.
urlpatterns += [re_path(r"^api/", api_not_found)]

# What readers see, in every content language: English (LANGUAGE_CODE) at the unprefixed
# addresses, the others under their prefix (/es/…). Wagtail's page password form comes with a
# wrong-password limit (cms_site.security; same URL and name, ahead of Wagtail's own).
# Everything else is a Wagtail page: the page routes must stay last.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
