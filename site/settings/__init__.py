"""Settings split by environment and by concern: ``base`` (with ``env``, ``languages``,
``storage``, ``security``, ``wagtail``, ``mail``, ``logs`` and ``headless``) is shared;
``dev``/``test``/``production``/``bench`` extend it."""
