"""The demo site: the association-specific content ``manage.py load_demo_content`` builds
(home page, the Advancing Equity hub and library, the newsroom, their Spanish versions),
and the bulk generators the benchmark and tests use. Project-side: the reusable apps ship
no content of their own.

- ``equity`` (the hub's pages), ``library`` (topics, seed resources, the banner image),
  ``newsroom`` (settings, contacts, the seed release);
- ``equity_es``, ``newsroom_es``: the same in Spanish, written for the demo;
  ``translation``: copying a page into another language with given strings;
- ``generators``: generated releases and resources, in bulk, for scale testing.
"""
