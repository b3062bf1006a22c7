"""Newsroom: a reusable Wagtail app for press releases, media contacts and feeds."""
