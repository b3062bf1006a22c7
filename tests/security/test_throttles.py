"""Throttles: the page password form like the admin login, and neither lets an attacker lock
out a real user who comes from another address (the real address read behind a proxy)."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.5"
ATTACKER = "203.0.113.9"
VISITOR = "198.51.100.7"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


@pytest.fixture
def protected(landing_page):
    restriction = PageViewRestriction.objects.create(
        page=landing_page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pw"
    )
    return landing_page, restriction


def password_url(page, restriction) -> str:
    return f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def try_password(client, page, restriction, password, **extra):
    return client.post(
        password_url(page, restriction),
        {"password": password, "return_url": page.url},
        **extra,
    )


def test_page_password_form_is_throttled_per_restriction_and_client(client, protected, settings):
    page, restriction = protected
    failures = settings.PAGE_PASSWORD_THROTTLE["FAILURES"]
    assert client.get(page.url).status_code == 200  # the password prompt
    assert password_url(page, restriction) in client.get(page.url).content.decode()

    for _attempt in range(failures):
        response = try_password(client, page, restriction, "guess", REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200
        assert "not correct" in response.content.decode()

    locked = try_password(client, page, restriction, "s3cret-pw", REMOTE_ADDR=ATTACKER)
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    # Still locked, and the right password did not open the page.
    assert client.get(page.url, REMOTE_ADDR=ATTACKER).status_code == 200
    assert "Password required" in client.get(page.url, REMOTE_ADDR=ATTACKER).content.decode()

    # Another visitor is not locked out.
    ok = try_password(client, page, restriction, "s3cret-pw", REMOTE_ADDR=VISITOR)
    assert ok.status_code == 302


def test_right_page_password_clears_the_count(client, protected, settings):
    page, restriction = protected
    failures = settings.PAGE_PASSWORD_THROTTLE["FAILURES"]
    for _attempt in range(failures - 1):
        try_password(client, page, restriction, "guess")
    assert try_password(client, page, restriction, "s3cret-pw").status_code == 302
    for _attempt in range(failures - 1):
        assert try_password(client, page, restriction, "guess").status_code == 200


def log_in(client, password, **extra):
    return client.post(
        "/admin/login/", {"username": "editor", "password": password}, **extra
    ).status_code


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_admin_login_behind_a_proxy_is_keyed_by_the_real_client(client, editor, settings):
    behind_proxy = {"REMOTE_ADDR": PROXY}
    for _attempt in range(settings.LOGIN_THROTTLE["FAILURES"]):
        # The attacker even claims to be the visitor; the proxy appends the real address.
        assert log_in(
            client, "wrong", HTTP_X_FORWARDED_FOR=f"{VISITOR}, {ATTACKER}", **behind_proxy
        ) == 200  # fmt: skip
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR=ATTACKER, **behind_proxy) == 429
    # The real user, through the same proxy, logs in.
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR=VISITOR, **behind_proxy) == 302


def test_forwarded_for_is_ignored_from_an_untrusted_peer(client, editor, settings):
    for _attempt in range(settings.LOGIN_THROTTLE["FAILURES"]):
        log_in(client, "wrong", REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=VISITOR)
    # Rotating a forged header does not reset the count.
    assert log_in(client, PASSWORD, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.1") == 429
    assert log_in(client, PASSWORD, REMOTE_ADDR=VISITOR) == 302


def test_document_collection_password_form_is_throttled(client, settings):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Press kit")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="kit-pw",
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"

    def attempt(password, address=ATTACKER):
        return client.post(
            url, {"password": password, "return_url": "/"}, REMOTE_ADDR=address
        ).status_code

    for _attempt in range(settings.PAGE_PASSWORD_THROTTLE["FAILURES"]):
        assert attempt("guess") == 200
    assert attempt("kit-pw") == 429
    assert attempt("kit-pw", VISITOR) == 302
