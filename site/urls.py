from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views

from .api import api_not_found, api_v2, api_v3
from .security import ThrottledLoginView, authenticate_with_password

urlpatterns = [
    # Wagtail's login view with a failed-attempt limit (cms_site.security); same URL name.
    path("admin/login/", ThrottledLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    path("api/v3/", api_v3.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", home_views.search, name="search"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# An address under /api/ that no endpoint matches is a JSON 404, never the site's HTML page.
urlpatterns += [re_path(r"^api/", api_not_found)]

# Wagtail's page password form with a wrong-password limit (cms_site.security); same URL
# and name, ahead of Wagtail's own.
urlpatterns += [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    )
]

# Everything else is a Wagtail page: this must stay last.
urlpatterns += [path("", include(wagtail_urls))]
