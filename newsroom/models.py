"""Newsroom page types, media contacts and the newsroom's site setting.

As in ``equity``, each page type's behaviour lives in an abstract mixin and the concrete
class combines it with Wagtail's ``Page``. The project states where a newsroom may go with
``NEWSROOM_PAGE_PARENT_TYPES`` (e.g. ``["home.HomePage"]``).
"""

import datetime

import swapper
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Cast, Substr
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import format_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
)
from wagtail.search import index

from equity.api_fields import ImageWithAltField, seo_api_fields, translation_api_fields
from equity.forms import ScheduleModelForm, SchedulePageForm
from equity.headless.content_cache import cached
from equity.headless.links import is_public
from equity.models.mixins import (
    HeroImageMixin,
    LiveBaselineRevisionMixin,
    LiveRevisionMixin,
    OnePerSiteMixin,
)
from equity.preview import FrontEndPreviewMixin

from .api_fields import (
    AboutField,
    ContactsField,
    EmbargoField,
    RelatedPagesField,
    ReleaseStatusField,
    TagsField,
)
from .blocks import NewsArticleStreamBlock

# Make swapper read WAGTAIL_PAGE_MODEL even if this app is listed above `wagtail`.
swapper.set_app_prefix("wagtailcore", "wagtail")

RELEASES_PER_PAGE = 10
FEED_ITEMS = 20
# Newest first; the primary key breaks ties so every page of the list is stable.
RELEASE_ORDERING = ("-release_date", "-pk")


# --- Media contacts -------------------------------------------------------------------------

phone_validator = RegexValidator(
    r"^\+?[0-9()\-.\s]{7,25}$",
    message="Enter a phone number of 7 to 25 characters using digits, spaces, brackets, dots "
    "or dashes, with an optional leading + (for example +1 916-555-0134).",
)


def validate_phone_digits(value: str) -> None:
    digits = sum(character.isdigit() for character in value)
    if digits < 7:
        raise ValidationError(
            "A phone number needs at least 7 digits (for example 916-555-0134).", code="phone"
        )


def public_contacts(links) -> list:
    """The contacts of a release's contact links that the public may see (published), in
    the editor's order."""
    return [link.contact for link in links if link.contact.live]


class MediaContact(
    LiveBaselineRevisionMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A person journalists can call or write to about a release.

    Edited as a Wagtail snippet with drafts, history, preview and scheduling: releases show
    the published version only (``live``); a draft edit goes public when it is published."""

    name = models.CharField(max_length=120)
    role = models.CharField(
        max_length=160, blank=True, help_text="For example: Communications Director."
    )
    organisation = models.CharField(max_length=160, blank=True)
    phone = models.CharField(
        max_length=25, blank=True, validators=[phone_validator, validate_phone_digits]
    )
    email = models.EmailField(blank=True, help_text="For example: press@example.org.")

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        PublishingPanel(),
    ]
    base_form_class = ScheduleModelForm
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "media contact"

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def clean(self):
        super().clean()
        if not self.phone and not self.email:
            message = "Give a phone number or an email address (or both) so journalists can "
            message += "reach this contact."
            raise ValidationError({"phone": message, "email": message})

    def get_preview_template(self, request, mode_name):
        return "newsroom/media_contact_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "contact": self}

    def api_representation(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "phone": self.phone,
            "email": self.email,
        }


# --- The "About" paragraph, edited once per site ------------------------------------------


@register_setting(icon="doc-full")
class NewsroomSettings(ClusterableModel, BaseSiteSetting):
    """The organisation's standard paragraph, printed at the foot of every release; written
    once per language (the default language here, the others under "In other languages")."""

    about_heading = models.CharField(
        max_length=160, blank=True, help_text="For example: About the League of California Cities."
    )
    about_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="The organisation's standard “About” paragraph.",
    )

    panels = [
        FieldPanel("about_heading"),
        FieldPanel("about_text"),
        InlinePanel(
            "about_translations",
            heading="In other languages",
            label="Translation",
            help_text="The paragraph as printed on releases in that language; a language "
            "without one shows the paragraph above.",
        ),
    ]

    class Meta:
        verbose_name = "newsroom settings"

    def about_for(self, locale) -> tuple[str, str]:
        """``(heading, text)`` for releases in ``locale``: its translation when there is one,
        else the default paragraph. No query for the default language."""
        if locale is not None and locale.language_code != settings.LANGUAGE_CODE:
            translation = self.about_translations.filter(locale=locale).first()
            if translation is not None and translation.text:
                return translation.heading or self.about_heading, translation.text
        return self.about_heading, self.about_text


class NewsroomAboutTranslation(Orderable):
    """The About paragraph in another language."""

    settings = ParentalKey(
        NewsroomSettings, on_delete=models.CASCADE, related_name="about_translations"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    heading = models.CharField(max_length=160, blank=True)
    text = RichTextField(blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("locale"), FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "About paragraph translation"
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="newsroom_about_one_per_locale"
            )
        ]


# --- Releases ---------------------------------------------------------------------------------


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticleContact(Orderable):
    """A media contact on one release, in the editor's order."""

    page = ParentalKey(
        "newsroom.NewsArticlePage", on_delete=models.CASCADE, related_name="media_contacts"
    )
    contact = models.ForeignKey(
        MediaContact, on_delete=models.PROTECT, related_name="release_links"
    )

    panels = [FieldPanel("contact")]

    class Meta(Orderable.Meta):
        verbose_name = "media contact"

    def __str__(self) -> str:
        return f"“{self.page.title}” lists {self.contact}"


class NewsArticleRelatedPage(Orderable):
    """Another page of the site a journalist may want next."""

    page = ParentalKey(
        "newsroom.NewsArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    related_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = "related page"


class ReleaseStatus(models.TextChoices):
    IMMEDIATE = "immediate", "For immediate release"
    EMBARGOED = "embargoed", "Embargoed"


class ReleaseForm(SchedulePageForm):
    """A release's admin form: the embargo field says which time zone its times are in (the
    one the admin shows and reads times in: the editor's, else the site's ``TIME_ZONE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("embargo_until")
        if field is not None:
            zone = timezone.get_current_timezone_name()
            field.help_text = f"Times are in {zone}. {field.help_text}"


def today() -> datetime.date:
    return timezone.localdate()


class NewsArticlePageMixin(LiveRevisionMixin, FrontEndPreviewMixin, HeroImageMixin):
    """A press release: dated, attributed, with contacts at the top and "About" at the foot."""

    release_date = models.DateField(
        default=today, db_index=True, help_text="The date printed on the release."
    )
    byline = models.CharField(max_length=120, blank=True, help_text="Who wrote the release.")
    dateline = models.CharField(
        max_length=80, blank=True, help_text="Where the news comes from, e.g. “Sacramento”."
    )
    release_status = models.CharField(
        max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.IMMEDIATE
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text=format_lazy(
            "For an embargoed release: the date and time it may be reported, in {zone} (the "
            "site's time zone). The release is scheduled to go live then (never earlier), and "
            "its release date follows the embargo's day.",
            zone=settings.TIME_ZONE,
        ),
    )
    summary = models.TextField(
        max_length=600, help_text="One or two sentences for lists, feeds and search results."
    )
    body = StreamField(NewsArticleStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("release_date"), FieldPanel("dateline")]),
                FieldPanel("byline"),
                FieldRowPanel([FieldPanel("release_status"), FieldPanel("embargo_until")]),
            ],
            heading="Release",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"
        ),
        FieldPanel("tags"),
        FieldPanel("body"),
        InlinePanel("media_contacts", label="Media contacts", heading="Media contacts"),
        InlinePanel("related_links", label="Related pages", heading="Related pages"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("dateline"),
        index.SearchField("byline"),
        index.SearchField("body"),
        index.FilterField("release_date"),
    ]
    api_fields = [
        APIField("release_date", writable=True),
        APIField("release_status", serializer=ReleaseStatusField()),
        APIField("embargo_until", serializer=EmbargoField()),
        APIField("byline", writable=True),
        APIField("dateline", writable=True),
        APIField("summary", writable=True),
        APIField(
            "hero_image",
            serializer=ImageWithAltField("hero_image", "hero_image_alt", "fill-1200x630"),
        ),
        APIField("tags", serializer=TagsField()),
        APIField("body", writable=True),
        APIField("contacts", serializer=ContactsField(source="media_contacts")),
        APIField("related_pages", serializer=RelatedPagesField(source="related_links")),
        APIField("about", serializer=AboutField()),
        *seo_api_fields(),
        *translation_api_fields(),
    ]

    parent_page_types = ["newsroom.NewsroomPage"]
    subpage_types: list[str] = []
    base_form_class = ReleaseForm

    class Meta:
        abstract = True

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:  # the hero image's; reported with the release's own
            errors = error.update_error_dict(errors)
        if self.release_status == ReleaseStatus.EMBARGOED:
            if self.embargo_until is None:
                errors["embargo_until"] = "An embargoed release needs the date and time it lifts."
            else:
                # Whole seconds: the value survives revisions' JSON unchanged.
                self.embargo_until = self.embargo_until.replace(microsecond=0)
                if self.embargo_is_new_and_past():
                    errors["embargo_until"] = (
                        "This time has already passed: an embargo must lift in the future "
                        f"(times are in {timezone.get_current_timezone_name()}). For a "
                        "release that may be reported now, choose “For immediate release”."
                    )
                # The release is dated the day its embargo lifts, never earlier.
                lifts_on = timezone.localdate(self.embargo_until)
                if self.release_date is None or self.release_date < lifts_on:
                    self.release_date = lifts_on
            if self.embargo_until and (
                self.go_live_at is None or self.go_live_at < self.embargo_until
            ):
                # The embargo is the earliest moment the release may be live.
                self.go_live_at = self.embargo_until
        elif self.embargo_until is not None:
            errors["embargo_until"] = (
                "Only an embargoed release has an embargo time: clear it, or choose "
                "“Embargoed” as the release status."
            )
        if errors:
            raise ValidationError(errors)

    def embargo_is_new_and_past(self) -> bool:
        """An embargo time in the past that is not this release's used-up embargo: refused.

        A live release keeps the embargo it went live with (saving it again must not fail);
        any other past embargo would publish at once under a stale "Embargoed until" line."""
        if self.embargo_until is None or self.embargo_until > timezone.now():
            return False
        if self.pk is None or not self.live:
            return True
        stored = type(self).objects.filter(pk=self.pk).values_list("embargo_until", flat=True)
        used = stored.first()
        return used is None or used.replace(microsecond=0) != self.embargo_until.replace(
            microsecond=0
        )

    @property
    def is_embargoed(self) -> bool:
        return self.release_status == ReleaseStatus.EMBARGOED and self.embargo_until is not None

    @property
    def embargo_in_force(self) -> bool:
        """Embargoed and the embargo has not lifted yet (a draft or preview before it)."""
        return self.is_embargoed and self.embargo_until > timezone.now()

    @property
    def current_release_status(self) -> str:
        """``embargoed`` while the embargo is in force, ``immediate`` once it has lifted."""
        return ReleaseStatus.EMBARGOED if self.embargo_in_force else ReleaseStatus.IMMEDIATE

    @property
    def release_line(self) -> str:
        """What a journalist reads first: the embargo while it is in force, else "For
        immediate release" (also once an embargo has lifted and the release is live)."""
        if self.embargo_in_force:
            moment = timezone.localtime(self.embargo_until)
            return f"Embargoed until {format_date(moment, 'j F Y, g:i A T')}"
        return ReleaseStatus.IMMEDIATE.label

    @property
    def published_at(self) -> datetime.datetime:
        """The moment feeds announce: the embargo's end, else the release date's start."""
        if self.is_embargoed:
            return self.embargo_until
        start = datetime.datetime.combine(self.release_date, datetime.time.min)
        return timezone.make_aware(start)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = public_contacts(self.media_contacts.select_related("contact"))
        # Only pages the public may open (live, not restricted): never a draft's title.
        context["related_pages"] = [
            link.related_page
            for link in self.related_links.select_related("related_page")
            if is_public(link.related_page, request)
        ]
        context["release_tags"] = sorted(self.tags.all(), key=lambda tag: tag.name.lower())
        newsroom_settings = NewsroomSettings.for_request(request)
        context["newsroom_settings"] = newsroom_settings
        context["about_heading"], context["about_text"] = newsroom_settings.about_for(self.locale)
        # The newsroom this release belongs to: its tag links and feeds.
        context["newsroom"] = self.get_parent()
        return context


class NewsArticlePage(NewsArticlePageMixin, Page):
    """A press release or statement."""

    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True)

    template = "newsroom/news_article_page.html"
    # v2 endpoints beside ``pages`` that list releases (the publication pipeline purges them).
    api_endpoints = ("releases",)

    class Meta:
        verbose_name = "press release"


# --- The newsroom ----------------------------------------------------------------------------


def parse_positive_int(value: str | None) -> int | None:
    """``None`` for a missing value; raise 404 for anything that is not an integer."""
    if value is None or value == "":
        return None
    try:
        return int(value.strip())
    except ValueError as error:
        raise Http404("Not a number") from error


def release_queryset(model=None, *, full: bool = False):
    """Live, public releases, newest first, with what lists and feeds show prefetched
    (``full``: also contacts and related pages, as the API shows them)."""
    model = model or NewsArticlePage
    queryset = model.objects.live().public().order_by(*RELEASE_ORDERING)
    return with_release_data(queryset, full=full)


def with_release_data(queryset, *, full: bool = True):
    """``queryset`` of releases with what lists and feeds show (locale, tags) fetched in a
    fixed number of queries; ``full``: also contacts and related pages, as the API shows
    them. A project's generic pages API can apply it to ``?type=newsroom.NewsArticlePage``."""
    queryset = queryset.select_related("locale").prefetch_related("tags")
    if full:
        queryset = queryset.prefetch_related(
            Prefetch(
                "media_contacts",
                queryset=NewsArticleContact.objects.select_related("contact"),
            ),
            Prefetch(
                "related_links",
                queryset=NewsArticleRelatedPage.objects.select_related("related_page"),
            ),
        )
    return queryset


def page_rows(sliced):
    """The rows of one page of a sliced, ordered queryset, found with a narrow query first.

    ``ORDER BY`` and ``OFFSET`` make the database sort and walk every matching row: over
    bare primary keys that is cheap, over whole release rows (bodies included) it is not,
    on the first page too. So the page's keys come first, then its rows, in the same
    order, with the queryset's prefetches."""
    keys = list(sliced.values_list("pk", flat=True))
    query = sliced._chain()
    query.query.clear_limits()
    rows = {row.pk: row for row in query.filter(pk__in=keys)}
    return [rows[key] for key in keys if key in rows]


class NewsroomPageMixin(
    LiveRevisionMixin, FrontEndPreviewMixin, OnePerSiteMixin, RoutablePageMixin, models.Model
):
    """The list of releases, filterable by tag and year, with RSS and Atom feeds."""

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A sentence above the list."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", writable=True), *seo_api_fields(), *translation_api_fields()]

    parent_page_types = getattr(settings, "NEWSROOM_PAGE_PARENT_TYPES", None)
    subpage_types = ["newsroom.NewsArticlePage"]
    base_form_class = SchedulePageForm

    class Meta:
        abstract = True

    def releases(self, tag: str | None = None, year: int | None = None):
        queryset = release_queryset().child_of(self)
        if tag:
            queryset = queryset.filter(tags__slug=tag)
        if year:
            # Up to 31 December inclusive: the next 1 January does not exist for year 9999.
            queryset = queryset.filter(
                release_date__gte=datetime.date(year, 1, 1),
                release_date__lte=datetime.date(year, 12, 31),
            )
        return queryset

    def filter_url(self, tag: str | None = None, year: int | None = None, page: int = 1) -> str:
        """The one stable address of a filter combination: tag, then year, then page."""
        from urllib.parse import urlencode

        params = [("tag", tag), ("year", year), ("page", page if page > 1 else None)]
        query = urlencode([(key, value) for key, value in params if value])
        return f"{self.url}?{query}" if query else self.url

    def read_filters(self, request) -> tuple[str | None, int | None]:
        tag = (request.GET.get("tag") or "").strip() or None
        year = parse_positive_int(request.GET.get("year"))
        if year is not None and not 1 <= year <= 9999:
            raise Http404("No such year")
        return tag, year

    @path("")
    def index_route(self, request):
        tag, year = self.read_filters(request)
        requested = parse_positive_int(request.GET.get("page"))
        releases = self.releases(tag, year)
        paginator = Paginator(releases, RELEASES_PER_PAGE)
        # Counting every matching release is the costly part of a page; the count only
        # changes on publication, so it is kept until then.
        paginator.count = cached("newsroom-count", releases.count, self.pk, tag, year)
        number = requested or 1
        valid = min(max(number, 1), paginator.num_pages)
        if requested is not None and (requested != valid or valid == 1):
            # Zero, negative or past the end: send the reader to the nearest real page
            # (and ?page=1 to the list's one address without it).
            return redirect(self.filter_url(tag, year, valid))
        page_obj = paginator.page(valid)
        page_obj.object_list = page_rows(page_obj.object_list)
        return self.render(
            request,
            context_overrides={
                "releases": page_obj.object_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "selected_tag": tag,
                "selected_year": year,
                "tag_choices": self.tag_choices(),
                "year_choices": self.year_choices(),
                "previous_url": self.filter_url(tag, year, valid - 1)
                if page_obj.has_previous()
                else None,
                "next_url": self.filter_url(tag, year, valid + 1) if page_obj.has_next() else None,
                "rss_url": self.feed_url("rss", tag),
                "atom_url": self.feed_url("atom", tag),
            },
        )

    def get_cached_paths(self) -> list[str]:
        """The newsroom's own address and its feeds, relative to it: what a front-end cache
        purges when a release of it changes (Wagtail's ``get_cached_paths``)."""
        return ["/", *(self.reverse_subpage(f"{kind}_feed") for kind in ("rss", "atom"))]

    def feed_url(self, kind: str, tag: str | None = None, full: bool = False, request=None) -> str:
        from urllib.parse import urlencode

        base = self.get_full_url(request) if full else self.url
        url = base + self.reverse_subpage(f"{kind}_feed")
        return f"{url}?{urlencode({'tag': tag})}" if tag else url

    def tag_choices(self) -> list:
        """Tags used by at least one live, public release of this newsroom (kept until the
        next publication: the query reads every release)."""

        def compute():
            ids = self.releases().order_by().values("pk")
            return list(
                Tag.objects.filter(newsroom_newsarticletag_items__content_object__in=ids)
                .distinct()
                .order_by("name")
            )

        return cached("newsroom-tags", compute, self.pk)

    def year_choices(self) -> list[int]:
        """Years with at least one live, public release, newest first (kept until the next
        publication)."""

        def compute():
            # The year as the first four characters of the ISO date, computed by the
            # database itself (``.dates()`` runs a Python function per row on SQLite).
            year = Substr(Cast("release_date", output_field=models.CharField()), 1, 4)
            years = self.releases().order_by().annotate(year=year).values_list("year", flat=True)
            return sorted({int(value) for value in years.distinct()}, reverse=True)

        return cached("newsroom-years", compute, self.pk)

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from .feeds import NewsroomRSSFeed

        tag, _year = self.read_filters(request)
        return NewsroomRSSFeed(self, tag)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from .feeds import NewsroomAtomFeed

        tag, _year = self.read_filters(request)
        return NewsroomAtomFeed(self, tag)(request)


class NewsroomPage(NewsroomPageMixin, Page):
    """The newsroom: every press release, newest first."""

    template = "newsroom/newsroom_page.html"

    class Meta:
        verbose_name = "newsroom"


def latest_releases(root_page=None, count: int = 3) -> list:
    """The newest live, public releases (below ``root_page`` when given), for other pages;
    kept until the next publication (finding them sorts every release)."""

    def compute():
        queryset = release_queryset()
        if root_page is not None:
            queryset = queryset.descendant_of(root_page)
        return list(queryset[:count])

    return cached("latest-releases", compute, root_page.pk if root_page else None, count)
