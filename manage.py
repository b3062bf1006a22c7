#!/usr/bin/env python
"""Django's command-line utility for the Advancing Equity CMS."""

import os
import sys

if __name__ == "__main__":
    # The project configuration lives in the `site/` folder, installed under the
    # import name `cms_site` (see pyproject.toml: `site` would clash with the
    # standard library module of that name).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.dev")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
