"""Newsroom: a reusable Wagtail app for press releases, media contacts and feeds.

Builds on ``equity`` (its shared link blocks and the headless foundation ``equity.headless``)
and never imports the project. ``models`` is a package with a module per concern (contacts,
site settings, releases, queries, the newsroom page); ``feeds`` are its RSS and Atom feeds,
``api`` and ``api_fields`` its API.
"""
