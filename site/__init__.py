"""Project configuration for the Advancing Equity CMS, imported as ``cms_site``.

An installed app: its ``AppConfig.ready`` wires project-wide consumers of the publication
pipeline. Holds the settings (``settings``, one module per concern), URLs and API mounting,
project-wide HTTP concerns (response cache, HTTP caching, security headers, middleware),
storage and deploy checks, the site templates, and the demo content (``demo``, with the
``load_demo_content`` command), which the reusable apps do not ship.
"""
