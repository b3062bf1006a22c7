"""The admin: creating a release through the real form, contacts in modeladmin, embargoes."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from newsroom.models import MediaContact, NewsArticlePage, NewsroomPage, NewsroomSettings


class NewsroomAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
        cls.newsroom = NewsroomPage(title="Newsroom", slug="news")
        cls.home.add_child(instance=cls.newsroom)
        cls.contacts = [
            MediaContact.objects.create(
                name="Dana Whitfield",
                organisation="Example League",
                phone="(916) 555-0134",
                email="press@example.org",
            ),
            MediaContact.objects.create(
                name="Lin Okada",
                organisation="Example Caucus",
                phone="510-555-0187",
                email="caucus@example.org",
            ),
        ]
        settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
        settings.about_text = "<p>Established in 1898.</p>"
        settings.save()

    def setUp(self):
        self.client.force_login(self.user)

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(NewsroomPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsroomPage, {NewsArticlePage})
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsroomPage})
        self.assertCanNotCreateAt(Page, NewsroomPage)
        assert not NewsroomPage.can_create_at(self.home)  # one per site

    def form_data(self, **overrides):
        data = {
            "title": "Cities condemn anti-Asian violence",
            "slug": "cities-condemn",
            "release_date": "2021-03-19",
            "byline": "Karina Gonzalez",
            "dateline": "Sacramento",
            "release_status": "immediate",
            "embargo_until": "",
            "summary": "A statement.",
            "hero_image": "",
            "hero_image_alt": "",
            "tags": "Statements, Public safety",
            "body": streamfield(
                [
                    (
                        "statement",
                        {
                            "quote": "We stand together.",
                            "speaker_name": "Cheryl Viegas Walker",
                            "speaker_title": "Mayor of El Centro",
                            "organisation": "Example League",
                        },
                    ),
                ]
            ),
            "media_contacts": inline_formset(
                [{"contact": str(self.contacts[1].pk)}, {"contact": str(self.contacts[0].pk)}]
            ),
            "related_links": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def post_add_form(self, data):
        url = reverse(
            "wagtailadmin_pages:add", args=["newsroom", "newsarticlepage", self.newsroom.pk]
        )
        return self.client.post(url, {**data, "action-publish": "publish"})

    def test_editor_creates_a_release_with_a_statement_and_two_contacts(self):
        self.assertCanCreate(self.newsroom, NewsArticlePage, self.form_data())
        page = NewsArticlePage.objects.get(slug="cities-condemn")
        assert page.live
        assert [block.block_type for block in page.body] == ["statement"]
        assert page.body[0].value["speaker_name"] == "Cheryl Viegas Walker"
        assert [link.contact.name for link in page.media_contacts.all()] == [
            "Lin Okada",
            "Dana Whitfield",
        ]
        assert sorted(tag.name for tag in page.tags.all()) == ["Public safety", "Statements"]
        html = self.client.get(page.url).content.decode()
        assert html.index("Lin Okada") < html.index("Dana Whitfield")
        assert "Established in 1898." in html

    def test_embargoed_release_through_the_admin_is_scheduled_not_live(self):
        lifts = (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
        data = self.form_data(
            release_status="embargoed",
            embargo_until=timezone.localtime(lifts).strftime("%Y-%m-%d %H:%M"),
        )
        response = self.post_add_form(data)
        assert response.status_code == 302, response.content.decode()[:2000]
        page = NewsArticlePage.objects.get(slug="cities-condemn")
        assert not page.live
        assert page.go_live_at == lifts
        assert page.latest_revision.approved_go_live_at == lifts
        assert self.client.logout() is None
        assert self.client.get("/news/cities-condemn/").status_code == 404

    def test_embargo_without_a_time_is_a_form_error(self):
        response = self.post_add_form(self.form_data(release_status="embargoed"))
        assert response.status_code == 200
        assert "An embargoed release needs the date and time it lifts." in (
            response.content.decode()
        )
        assert not NewsArticlePage.objects.exists()

    def test_hero_image_and_embargo_errors_are_reported_together(self):
        image = Image.objects.create(
            title="banner.png", file="original_images/banner.png", width=10, height=10
        )
        data = self.form_data(hero_image=str(image.pk), release_status="embargoed")
        response = self.post_add_form(data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Describe the hero image for people who cannot see it" in html
        assert "An embargoed release needs the date and time it lifts." in html
        assert not NewsArticlePage.objects.exists()

    def test_a_draft_of_an_unpublished_release_points_at_no_live_revision(self):
        self.assertCanCreate(self.newsroom, NewsArticlePage, self.form_data())  # published
        page = NewsArticlePage.objects.get(slug="cities-condemn")
        page.summary = "Second version."
        page.save_revision().publish()
        page.unpublish()
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.client.post(edit, self.form_data(summary="A draft after unpublishing."))
        assert response.status_code == 302, response.content.decode()[:2000]
        page.refresh_from_db()
        assert page.latest_revision.content["summary"] == "A draft after unpublishing."
        # Wagtail took live_revision from the draft's content (the second version).
        assert not page.live and page.live_revision_id is None
        history = self.client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
        assert "Live version" not in history.content.decode()

    def test_contact_validation_errors_show_in_the_snippet_form(self):
        url = reverse("wagtailsnippets_newsroom_mediacontact:add")
        response = self.client.post(
            url, {"name": "Bad", "role": "", "organisation": "", "phone": "call me", "email": "no"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Enter a phone number of 7 to 25 characters" in html
        assert "Enter a valid email address." in html
        response = self.client.post(url, {"name": "Nobody", "phone": "", "email": ""})
        assert "Give a phone number or an email address" in response.content.decode()
        assert not MediaContact.objects.filter(name__in=["Bad", "Nobody"]).exists()
        response = self.client.post(
            url,
            {
                "name": "Good",
                "phone": "+1 (916) 555-0100",
                "email": "good@example.org",
                "action-publish": "publish",
            },
        )
        assert response.status_code == 302
        assert MediaContact.objects.filter(name="Good").exists()

    def test_contact_list_search_filter_and_where_used(self):
        self.assertCanCreate(self.newsroom, NewsArticlePage, self.form_data())
        index = reverse("wagtailsnippets_newsroom_mediacontact:list")
        html = self.client.get(index).content.decode()
        assert "Cities condemn anti-Asian violence" in html  # the "Used in releases" column
        html = self.client.get(index, {"q": "Okada"}).content.decode()
        assert "Lin Okada" in html and "Dana Whitfield" not in html
        html = self.client.get(index, {"organisation": "Example League"}).content.decode()
        assert "Dana Whitfield" in html and "Lin Okada" not in html
        # Deleting a contact in use is refused, naming the release that uses it, before any
        # "Yes, delete".
        delete = reverse("wagtailsnippets_newsroom_mediacontact:delete", args=[self.contacts[0].pk])
        html = self.client.get(delete).content.decode()
        assert "cannot be deleted while a page uses it" in html
        assert "Cities condemn anti-Asian violence" in html and "Yes, delete" not in html
        response = self.client.post(delete, follow=True)
        assert "was not deleted: pages still use it" in response.content.decode()
        assert MediaContact.objects.filter(pk=self.contacts[0].pk).exists()

    def test_contact_chooser(self):
        response = self.client.get(reverse("newsroom_media_contact_chooser:choose"))
        assert response.status_code == 200
        assert "Lin Okada" in response.json()["html"]
        add = reverse(
            "wagtailadmin_pages:add", args=["newsroom", "newsarticlepage", self.newsroom.pk]
        )
        chooser_url = reverse("newsroom_media_contact_chooser:choose")
        assert chooser_url in self.client.get(add).content.decode()
