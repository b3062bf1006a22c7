"""``/sitemap.xml`` in every language, each address with its ``hreflang`` alternates.

Wagtail's sitemap lists the descendants of the site's root page. With translations the
Spanish home page is the root of its own tree (a sibling of the English one), so its pages
would be missing; this sitemap lists every locale's tree and gives each page
``<xhtml:link rel="alternate" hreflang="…">`` to its live, public translations (Django's
sitemap template writes ``alternates``).
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Q()
        for tree_root in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=tree_root.path)
        return (
            Page.objects.filter(trees)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        entries = []
        alternates = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            url_infos = item.get_sitemap_urls(self.request)
            entries.append((item, url_infos))
            if url_infos:
                alternates[item.translation_key].append(
                    {"location": url_infos[0]["location"], "lang_code": item.locale.language_code}
                )
        urls, last_mods = [], set()
        for item, url_infos in entries:
            for url_info in url_infos:
                if len(alternates[item.translation_key]) > 1:
                    url_info = {**url_info, "alternates": alternates[item.translation_key]}
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # As Wagtail's sitemap: no Last-Modified when the whole site is private.
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
