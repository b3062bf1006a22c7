"""Stock Wagtail in front of the site's own routes, for the benchmark's peer measurements.

- ``/stock/pages/<path>``: Wagtail's page routing and its ``before_serve_page`` hooks (view
  restrictions), as ``wagtail.views.serve`` runs them, then a minimal template that renders the
  page's body with ``{% include_block page.body %}`` — no project view code or caches;
- ``/stock/api/v2/pages/``: Wagtail's ``PagesAPIViewSet`` with its default serialisers (the
  models' ``api_fields``), without the project's prefetching, strictness or caching.
"""

import swapper
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from wagtail import hooks
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms_site.bench_urls import urlpatterns as bench_urlpatterns

Page = swapper.load_model("wagtailcore", "Page")

stock_api = WagtailAPIRouter("stockpeer_api")
stock_api.register_endpoint("pages", PagesAPIViewSet)


def serve(request, path):
    """``wagtail.views.serve`` up to the page's own ``serve``, then the plain template."""
    route_result = Page.route_for_request(request, path)
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    context = {"page": page, "self": page, "request": request}
    return TemplateResponse(request, "stockpeer/page.html", context)


urlpatterns = [
    path("stock/api/v2/", stock_api.urls),
    path("stock/pages/<path:path>", serve, name="stockpeer-serve"),
    *bench_urlpatterns,
]
