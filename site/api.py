"""The API router: Wagtail's v2 (Django REST framework) and v3 (django-ninja) APIs.

v2 is registered under the ``wagtailapi_v2`` namespace at ``/api/v2/``; v3 is Wagtail 8's
API, with its OpenAPI document at ``/api/v3/openapi.json``. Our page types join both
through their ``api_fields``; nothing here needs to know them.
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from equity.api import ResourcesAPIViewSet
from equity.api import router as resources_router_v3
from newsroom.api import ReleasesAPIViewSet

api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", PagesAPIViewSet)
api_v2.register_endpoint("images", ImagesAPIViewSet)
api_v2.register_endpoint("documents", DocumentsAPIViewSet)
api_v2.register_endpoint("resources", ResourcesAPIViewSet)
api_v2.register_endpoint("releases", ReleasesAPIViewSet)

api_v3.add_router("/resources/", resources_router_v3)


_v3_validation_handler = api_v3._exception_handlers[NinjaValidationError]


def _bad_query_is_a_bad_request(request, exc):
    """A read whose query string is wrong is a 400 Bad Request, as in v2.

    Wagtail's v3 answers every validation failure with 422, which suits a write whose body
    is well-formed but unacceptable. A GET has no body: a wrong parameter there is simply a
    bad request, and apps handle both APIs' errors alike when the status is the same.
    """
    response = _v3_validation_handler(request, exc)
    if request.method not in ("GET", "HEAD") or response.status_code != 422:
        return response
    problem = {**json.loads(response.content), "title": "Bad Request", "status": 400}
    return HttpResponse(json.dumps(problem), status=400, content_type=response["Content-Type"])


for _exception in (NinjaValidationError, PydanticValidationError, DjangoValidationError):
    api_v3.add_exception_handler(_exception, _bad_query_is_a_bad_request)

__all__ = ["api_v2", "api_v3"]
