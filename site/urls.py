from django.conf import settings
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from .api import api_not_found, api_v2, api_v3
from .security import ThrottledLoginView


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
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", home_views.search, name="search"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# An address under /api/ that no endpoint matches is a JSON 404, never the site's HTML page.
urlpatterns += [re_path(r"^api/", api_not_found)]

# Everything else is a Wagtail page: this must stay last.
urlpatterns += [path("", include(wagtail_urls))]
