"""Settings split by environment: ``base`` is shared, ``dev``/``test``/``production`` extend it."""
