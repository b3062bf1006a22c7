"""The typed TypeScript consumer under ``examples/typescript-app``, built and run for real: its
types are generated (openapi-typescript) from ``export_openapi``'s document, ``tsc --strict``
checks and compiles it, and the compiled program renders the landing page, a tag-filtered
newsroom, a release and the roadmap from a live test server's API v3.

Needs Node.js and npm (the packages come from the npm registry with ``npm ci``): without them
the test is skipped, except in CI (``CI`` set), where it fails."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from equity.models import EquityLandingPage, EquityRoadmapPage
from newsroom.models import NewsArticlePage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "typescript-app"

pytestmark = [pytest.mark.slow, pytest.mark.node]


def node_tools() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js and npm are required in CI for the TypeScript example")
        pytest.skip("Node.js and npm are not installed")
    return node, npm


def run(argv: list[str], timeout: int = 120) -> str:
    result = subprocess.run(
        argv, cwd=EXAMPLE, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{' '.join(argv)}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_source_uses_no_any_and_no_casts():
    source = (EXAMPLE / "src" / "main.ts").read_text()
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    assert not re.search(r"\bany\b", code), "the example must not use `any`"
    assert not re.search(r"\bas\s+(?!const\b)[A-Za-z{(\[]", code), "no casts (`as T`)"
    assert "!." not in code, "no non-null assertions"


def test_the_typed_example_builds_and_renders_the_site(live_server, transactional_db, settings):
    node, npm = node_tools()
    call_command("load_demo_content", verbosity=0)
    settings.WAGTAILAPI_BASE_URL = live_server.url

    run([npm, "ci", "--no-audit", "--no-fund"], timeout=180)
    with open(os.devnull, "w") as quiet:
        call_command("export_openapi", output=str(EXAMPLE / "openapi.json"), stdout=quiet)
    run([npm, "exec", "--", "openapi-typescript", "openapi.json", "--output", "src/cms-api.d.ts"])
    # Type-check with --strict and compile in one run: any type error fails it.
    run([npm, "exec", "--", "tsc", "--strict"])

    release = (
        NewsArticlePage.objects.live()
        .filter(locale__language_code="en")
        .order_by("-release_date", "-pk")
        .first()
    )
    tag = release.tags.order_by("slug").first()
    output = run([node, "dist/main.js", live_server.url, tag.slug], timeout=60)

    landing = EquityLandingPage.objects.live().get(locale__language_code="en")
    roadmap = EquityRoadmapPage.objects.live().get(locale__language_code="en")
    assert f"# {landing.title}\n{landing.hero_heading}\n" in output
    assert f"# Newsroom — tag: {tag.name}" in output
    assert f"# Release: {release.title}\n" in output
    assert f"# Roadmap: {roadmap.title}\nProgress: " in output
