"""Writes for coaching sessions, one module a role: the schedule rule and the
director's changes to sessions (``schedule``), members' questions and votes
(``questions``), the director's curation of them and the agenda (``curation``),
and the session emails the others send (``emails``).

Keyword-only, one transaction a service, as everywhere in the house; views,
tasks and the Wagtail tools import the module they need.
"""
