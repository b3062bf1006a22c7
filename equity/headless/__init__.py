"""The headless-delivery foundation both content apps share: the publication pipeline
(``publication``: the one "public content changed" signal and the content version; ``changes``
and ``sources``: what changed and where changes come from), the content cache, where webhooks
may go (``destinations``), and which chosen pages, images and documents the public may see
(``links``, ``media``)."""
