"""The admins' membership tools inside Wagtail, split by role: who may use them
(``policy``), what the listings show (``columns``), the grant form (``forms``)
and the views that are not plain listings (``views``); ``wagtail_hooks`` puts
them together into the "Memberships" menu.

Stripe stays the source of truth for everything on the subscription side, so
nothing here edits it; writes go through ``memberships.services``.
"""
