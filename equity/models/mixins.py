"""Page-type rules shared by the plugin's page types (the newsroom uses them too)."""


class OnePerSiteMixin:
    """Allow one page of this type per site: creating a second anywhere in the same site is
    refused (the admin does not offer it)."""

    @classmethod
    def can_create_at(cls, parent) -> bool:
        if not super().can_create_at(parent):
            return False
        site_root = parent if parent.depth <= 2 else parent.get_ancestors().get(depth=2)
        return not cls.objects.descendant_of(site_root, inclusive=True).exists()
