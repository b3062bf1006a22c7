"""Advancing Equity: a reusable Wagtail app for an equity hub (landing page, roadmap, library)."""
