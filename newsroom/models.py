"""Newsroom models (press releases, media contacts) arrive with the newsroom issue."""
