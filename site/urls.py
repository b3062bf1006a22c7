from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from .api import api_not_found, api_v2, api_v3
from .security import ThrottledLoginView
from .sitemaps import TranslatedSitemap

urlpatterns = [
    # Wagtail's login view with a failed-attempt limit (cms_site.security); same URL name.
    path("admin/login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# An address under /api/ that no endpoint matches is a JSON 404, never the site's HTML page.
urlpatterns += [re_path(r"^api/", api_not_found)]

# What readers see, in every content language: English (LANGUAGE_CODE) at the unprefixed
# addresses, the others under their prefix (/es/…). Everything else is a Wagtail page: the
# page routes must stay last.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
