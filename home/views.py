"""Site search: live, public pages and library resources, through Wagtail search."""

from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from equity.models import Resource, ResourceLibraryPage

RESULTS_PER_PAGE = 10
RESOURCES_SHOWN = 5
MAX_QUERY_LENGTH = 200


def search(request):
    """``/search/?q=…&page=N``: pages (paginated) and the best-matching library resources.

    Only live pages that anyone may see are searched: drafts, private and password-protected
    pages never appear, not even as a title.
    """
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    pages = resources = None
    previous_url = next_url = ""
    resource_count = 0
    if query:
        # Pages in the reader's language (the address's): /es/search/ finds Spanish pages.
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            pages = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            raise Http404("There is no such page of search results.") from None
        if pages.has_previous():
            previous_url = "?" + urlencode({"q": query, "page": pages.previous_page_number()})
        if pages.has_next():
            next_url = "?" + urlencode({"q": query, "page": pages.next_page_number()})
        # Resources a reader of this language sees (theirs, else the default language's).
        resource_results = Resource.objects.for_language(get_language()).search(query)
        resources = list(resource_results[:RESOURCES_SHOWN])
        resource_count = resource_results.count()
    library = ResourceLibraryPage.objects.live().public().first()
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "pages": pages,
            "previous_url": previous_url,
            "next_url": next_url,
            "resources": resources,
            "resource_count": resource_count,
            "library": library,
        },
    )
