"""The project's management commands (``load_demo_content``)."""
