from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from taggit.models import Tag

        from equity.headless import publication

        from .models import MediaContact, NewsArticlePage, NewsroomSettings

        # Contacts are chosen on releases (the reference index finds them); the About
        # paragraph is printed on every release of its site; a tag names releases' filters.
        publication.register(MediaContact)
        publication.register(
            NewsroomSettings,
            dependents=lambda setting: NewsArticlePage.objects.live().descendant_of(
                setting.site.root_page, inclusive=True
            ),
        )
        publication.register(
            Tag, dependents=lambda tag: NewsArticlePage.objects.live().filter(tags=tag)
        )
