"""Link validation shared by the plugin apps: addresses editors type are limited to schemes a
reader can safely follow.

Django's ``URLValidator`` (behind ``URLField`` and Wagtail's ``URLBlock``) accepts ``ftp:`` and
``ftps:``; a link on a public page should be ``http(s):``, or ``mailto:``/``tel:`` where a
contact link is expected. ``javascript:``, ``data:``, ``vbscript:`` and anything else is a
validation error with a message that says what is allowed.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.deconstruct import deconstructible
from wagtail import blocks

WEB_SCHEMES = ("http", "https")
CONTACT_SCHEMES = ("mailto", "tel")
# Browsers ignore control characters and whitespace inside a scheme ("jav\tascript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028-\u202e\ufeff]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_TEL = re.compile(r"^\+?[0-9][0-9 ().\-]{5,30}$")


def url_scheme(value: str) -> str:
    """The scheme a browser would see in ``value`` (lower case), or "" for a relative URL."""
    match = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", value or ""))
    return match.group(1).lower() if match else ""


@deconstructible
class SafeURLValidator:
    """Allow only the given schemes; ``mailto:``/``tel:`` must hold an address/number."""

    def __init__(self, schemes=WEB_SCHEMES):
        self.schemes = tuple(schemes)

    def message(self) -> str:
        allowed = ", ".join(f"{scheme}:" for scheme in self.schemes)
        return f"Enter a link that starts with {allowed} (other kinds of link are not allowed)."

    def __call__(self, value):
        if not value:
            return
        value = str(value)
        scheme = url_scheme(value)
        if scheme not in self.schemes:
            raise ValidationError(self.message(), code="url_scheme")
        if scheme in WEB_SCHEMES:
            URLValidator(schemes=list(WEB_SCHEMES))(value)
        elif scheme == "mailto":
            EmailValidator(message="Enter a valid email address after mailto:.")(
                value[len("mailto:") :].split("?", 1)[0]
            )
        elif scheme == "tel" and not _TEL.match(value[len("tel:") :]):
            raise ValidationError("Enter a phone number after tel:, e.g. tel:+19165550134.")

    def __eq__(self, other):
        return isinstance(other, SafeURLValidator) and self.schemes == other.schemes


validate_safe_url = SafeURLValidator()
validate_contact_url = SafeURLValidator(WEB_SCHEMES + CONTACT_SCHEMES)


class SafeURLFormField(forms.URLField):
    """A URL form field that also accepts ``mailto:``/``tel:`` when its validator allows them.

    ``forms.URLField`` prefixes scheme-less input with ``https://``; a ``mailto:`` or
    ``tel:`` link is passed through untouched for the validator to check.
    """

    def __init__(self, *, safe_validator=validate_safe_url, **kwargs):
        self.safe_validator = safe_validator
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)
        if safe_validator.schemes != WEB_SCHEMES:
            # mailto:/tel: are not URLs to Django's URLValidator: the safe validator checks all.
            self.validators = [v for v in self.validators if not isinstance(v, URLValidator)]
            self.widget = forms.TextInput()
        self.validators.append(safe_validator)

    def to_python(self, value):
        value = (value or "").strip()
        if url_scheme(value):
            # Keep whatever scheme was typed (mailto:, tel:, javascript:…); the validator decides.
            return forms.CharField.to_python(self, value)
        return super().to_python(value)


class SafeURLBlock(blocks.URLBlock):
    """Wagtail's ``URLBlock`` limited to http(s) links (``contact=True``: also mailto:/tel:)."""

    def __init__(
        self, required=True, help_text=None, max_length=None, min_length=None, contact=False, **kw
    ):
        super().__init__(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            **kw,
        )
        self.field = SafeURLFormField(
            required=required,
            help_text=help_text,
            max_length=max_length,
            min_length=min_length,
            safe_validator=validate_contact_url if contact else validate_safe_url,
        )
