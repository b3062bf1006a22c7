"""Create or repair the editorial groups and the review workflows (see home.roles)."""

from django.core.management.base import BaseCommand, CommandError

from home.roles import SECTION_GROUPS, setup_roles


class Command(BaseCommand):
    help = (
        "Set up the Equity editors, Communications, Moderators and Administrators groups, "
        "their rights and the review workflows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--publish-directly",
            action="append",
            metavar="GROUP",
            choices=SECTION_GROUPS,
            help="A section group that may publish its own pages without a Moderator's review "
            f"(repeatable; one of: {', '.join(SECTION_GROUPS)}). Overrides the "
            "ROLES_PUBLISH_DIRECTLY setting.",
        )
        parser.add_argument(
            "--review-everything",
            action="store_true",
            help="Nobody but Moderators and Administrators publishes directly (overrides "
            "ROLES_PUBLISH_DIRECTLY).",
        )

    def handle(self, *args, **options):
        direct = options["publish_directly"]
        if options["review_everything"]:
            if direct:
                raise CommandError("--review-everything and --publish-directly contradict.")
            direct = []
        try:
            groups = setup_roles(publish_directly=direct)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(groups)}"))
