"""The editor's side of the publish-latency phase, in-process: which release to publish, an
editor account to sign in with, and the release's admin edit form as a browser would post it.

Run by ``publish.py`` with the benchmark's environment; prints one JSON object:
``{"username", "password", "page_id", "slug", "edit_path", "form": [[name, value], …]}``.
The form holds the release's current values for every field, inline panel and StreamField
block, encoded as Wagtail's admin widgets post them.
"""

import argparse
import json
import os
import sys


def widget_pairs(name: str, field, value) -> list[tuple[str, str]]:
    """A form field's current value as the (name, value) pairs a browser posts."""
    from django import forms

    if isinstance(field.widget, forms.CheckboxInput):
        return [(name, "on")] if value else []
    if isinstance(field, forms.ModelChoiceField) and not isinstance(
        field, forms.ModelMultipleChoiceField
    ):
        return [(name, "" if value is None else str(getattr(value, "pk", value)))]
    formatted = field.widget.format_value(value)
    if isinstance(formatted, list | tuple):
        return [(name, str(item)) for item in formatted]
    return [(name, "" if formatted is None else str(formatted))]


def block_pairs(block, value, prefix: str) -> list[tuple[str, str]]:
    """A StreamField value in the admin's POST encoding (``-count``, ``-type``, ``-value``…)."""
    from wagtail import blocks

    if isinstance(block, blocks.StreamBlock):
        pairs = [(f"{prefix}-count", str(len(value)))]
        for i, child in enumerate(value):
            pairs += [
                (f"{prefix}-{i}-type", child.block_type),
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
                (f"{prefix}-{i}-id", child.id or ""),
            ]
            pairs += block_pairs(child.block, child.value, f"{prefix}-{i}-value")
        return pairs
    if isinstance(block, blocks.ListBlock):
        items = value.bound_blocks
        pairs = [(f"{prefix}-count", str(len(items)))]
        for i, item in enumerate(items):
            pairs += [
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
                (f"{prefix}-{i}-id", item.id or ""),
            ]
            pairs += block_pairs(block.child_block, item.value, f"{prefix}-{i}-value")
        return pairs
    if isinstance(block, blocks.StructBlock):
        pairs = []
        for name, child in block.child_blocks.items():
            pairs += block_pairs(child, value.get(name), f"{prefix}-{name}")
        return pairs
    if isinstance(block, blocks.BooleanBlock):
        return [(prefix, "on")] if value else []
    state = block.get_form_state(value)
    if isinstance(state, dict):  # choosers: the chosen object's summary
        state = state.get("id")
    if isinstance(state, list | tuple):
        return [(prefix, str(item)) for item in state]
    return [(prefix, "" if state is None else str(state))]


def form_pairs(form) -> list[tuple[str, str]]:
    """Every field and inline formset of a bound-to-instance admin form, as posted."""
    from wagtail.blocks.base import BlockField

    pairs = []
    for name, field in form.fields.items():
        bound = form[name]
        if isinstance(field, BlockField):
            pairs += block_pairs(field.block, bound.value(), bound.html_name)
        else:
            pairs += widget_pairs(bound.html_name, field, bound.value())
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        pairs += [(management[n].html_name, str(management[n].value())) for n in management.fields]
        for child in formset.forms:
            pairs += form_pairs(child)
    return pairs


def edit_form_pairs(page, user) -> list[tuple[str, str]]:
    """``page``'s admin edit form, filled with its current content, as ``user`` posts it."""
    form_class = page.get_edit_handler().get_form_class()
    return form_pairs(form_class(instance=page, for_user=user))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--password", required=True, help="the editor account's password")
    args = parser.parse_args()

    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from newsroom.models import NewsroomPage

    username = "bench-publisher"
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = get_user_model().objects.create_superuser(username, "publisher@example.org")
    user.set_password(args.password)
    user.save()

    # The newest release: first on the newsroom's page 1 and in its feeds.
    release = NewsroomPage.objects.live().first().releases().first().specific
    json.dump(
        {
            "username": username,
            "password": args.password,
            "page_id": release.pk,
            "slug": release.slug,
            "edit_path": reverse("wagtailadmin_pages:edit", args=[release.pk]),
            "form": edit_form_pairs(release, user),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms_site.settings.bench")
    import django

    django.setup()
    main()
