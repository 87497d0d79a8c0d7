"""The director's session tools inside Wagtail, split by role: who may use them
and in which time zone (``policy``), what the listings show (``columns``), the
forms (``forms``) and the views (``views``); ``wagtail_hooks`` puts them together
into the "Coaching sessions" menu.

Moving and cancelling a session are not plain model saves: the members with a
question on it are emailed, so the edit form and the cancel page go through
``sessions.services.schedule``.
"""
