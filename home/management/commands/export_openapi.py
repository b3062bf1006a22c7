"""Write the API v3 OpenAPI document to a file (or stdout), for typed-client generators."""

import json
import sys

from django.core.management.base import BaseCommand
from django.urls import reverse


class Command(BaseCommand):
    help = (
        "Export /api/v3/openapi.json (every page type's StreamFields typed) to a file, e.g. "
        "`manage.py export_openapi --output openapi.json`, for openapi-typescript and friends."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default="-", help="A file path, or - for stdout.")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, output, indent, **options):
        from cms_site.api import api_v3

        # The same document the site serves: the API's own URL prefix, not a guess.
        prefix = reverse(f"{api_v3.urls_namespace}:api-root")
        document = api_v3.get_openapi_schema(path_prefix=prefix)
        text = json.dumps(document, indent=indent, sort_keys=False, default=str) + "\n"
        if output == "-":
            sys.stdout.write(text)
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            paths = len(document.get("paths", {}))
            schemas = len(document.get("components", {}).get("schemas", {}))
            self.stdout.write(f"Wrote {output}: {paths} paths, {schemas} schemas.")
