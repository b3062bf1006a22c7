"""Publish latency: from an editor's publish to the change on every surface.

With the production caches on (Redis and the anonymous response cache) and every surface
already cached, an editor signed in through gunicorn posts the newest release's admin edit
form with a new title and ``action-publish`` (``publish_form.py`` builds the form from the
release as it is). Then each surface is polled as an anonymous visitor until it shows the new
title: the release's page, the newsroom's first page, its RSS feed, and the v2 and v3 detail
and list. Reports, over ``--publishes`` publishes, the p50 and max (ms) from the request to
the last surface showing it, per surface and overall.
"""

import http.cookiejar
import json
import secrets
import statistics
import time
import urllib.error
import urllib.parse
import urllib.request

from server import log, run_json_script

POLL_SECONDS = 30


def surfaces(release: dict) -> dict[str, str]:
    """Every address a published release shows on, by name."""
    pk, slug = release["page_id"], release["slug"]
    return {
        "page": f"/news/{slug}/",
        "newsroom": "/news/",
        "rss": "/news/feed/rss/",
        "api_v2_detail": f"/api/v2/pages/{pk}/",
        "api_v2_list": "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=title"
        "&order=-release_date",
        "api_v3_detail": f"/api/v3/pages/{pk}/",
        "api_v3_list": "/api/v3/pages/?type=newsroom.NewsArticlePage&order=-release_date",
    }


def anonymous_get(url: str) -> tuple[int, str]:
    """A visitor without cookies."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


class Editor:
    """A browser session in the admin: signs in, then posts forms with its CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect()
        )

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def request(self, path: str, pairs=None) -> int:
        data = None
        if pairs is not None:
            data = urllib.parse.urlencode([*pairs, ("csrfmiddlewaretoken", self.csrf_token())])
            data = data.encode()
        request = urllib.request.Request(self.base + path, data=data)
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                self.last_body = response.read().decode("utf-8", "replace")
                return response.status
        except urllib.error.HTTPError as error:
            self.last_body = error.read().decode("utf-8", "replace")
            return error.code

    def sign_in(self, username: str, password: str) -> None:
        self.request("/admin/login/")
        status = self.request(
            "/admin/login/", [("username", username), ("password", password), ("next", "/admin/")]
        )
        if status != 302:
            raise SystemExit(f"the editor could not sign in (HTTP {status})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for_all(base: str, addresses: dict[str, str], text: str) -> dict[str, float]:
    """Poll every address in turn until each body contains ``text``; the monotonic time each
    first did, by name."""
    pending, seen = dict(addresses), {}
    deadline = time.monotonic() + POLL_SECONDS
    while pending:
        for name, path in list(pending.items()):
            status, body = anonymous_get(base + path)
            if status == 200 and text in body:
                seen[name] = time.monotonic()
                del pending[name]
        if pending and time.monotonic() > deadline:
            raise SystemExit(f"{sorted(pending)} did not show {text!r} within {POLL_SECONDS} s")
    return seen


def measure_publish_latency(server, env: dict, publishes: int) -> dict:
    """Publish the newest release ``publishes`` times through the admin on ``server``."""
    release = json.loads(
        run_json_script("publish_form.py", env, "--password", secrets.token_hex(16))
    )
    addresses = surfaces(release)
    for name, path in addresses.items():
        for _ in range(2):  # cached before the publish, as in production
            status, _ = anonymous_get(server.base + path)
            if status != 200:
                raise SystemExit(f"{name} ({path}) answered {status} before publishing")
    editor = Editor(server.base)
    editor.sign_in(release["username"], release["password"])
    nonce = secrets.token_hex(3)
    totals, posts, per_surface = [], [], {name: [] for name in addresses}
    for number in range(publishes):
        title = f"Bench publish {nonce} no {number}"
        pairs = [(k, title if k == "title" else v) for k, v in release["form"]]
        started = time.monotonic()
        status = editor.request(release["edit_path"], [*pairs, ("action-publish", "publish")])
        posted = time.monotonic()
        if status != 302:
            errors = editor.last_body.count("error-message")
            raise SystemExit(f"the publish answered {status} ({errors} form errors)")
        seen = wait_for_all(server.base, addresses, title)
        posts.append((posted - started) * 1000)
        totals.append((max(seen.values()) - started) * 1000)
        for name, moment in seen.items():
            per_surface[name].append((moment - started) * 1000)
        log(f"publish {number + 1}/{publishes}: visible everywhere after {totals[-1]:.0f} ms")

    def summary(values: list[float]) -> dict:
        return {"p50_ms": round(statistics.median(values), 1), "max_ms": round(max(values), 1)}

    return {
        "publishes": publishes,
        "release_id": release["page_id"],
        "surfaces": addresses,
        "publish_request": summary(posts),
        "visible_everywhere": summary(totals),
        "per_surface": {name: summary(values) for name, values in per_surface.items()},
    }
