"""Advancing Equity: a reusable Wagtail app for an equity hub (landing page, roadmap, library).

Installs into any Wagtail 8 project: it never imports the project (``cms_site``, ``home``),
reaches the page model through ``swapper`` and ships its own templates, static files,
migrations and API. ``models`` and ``blocks`` are packages with a module per page type or
block family; ``headless`` is the headless-delivery foundation the newsroom app shares
(publication pipeline, content cache, link and media visibility); the rest are one module
per concern (choosers, forms, validators, the roadmap's rules, API fields and schema,
webhooks, front-end preview, admin hooks).
"""
