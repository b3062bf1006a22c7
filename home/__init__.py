"""The project's own page type and operations: ``HomePage`` (the site root), site search
(``views``), editorial roles and workflows (``roles``), and operations commands
(``setup_roles``, ``configure_site``, ``ensure_admin``, export and import, ``run_worker``)."""
