"""The stock-Wagtail peer of the benchmark: the same content served the way a Wagtail site
without this project's caches would serve it. Only the bench's own gunicorn imports it
(``bench/`` on ``PYTHONPATH``, ``DJANGO_SETTINGS_MODULE=stockpeer.settings``); nothing here is
reachable from the site's URLconf.
"""
