"""``{% library_recording session as video %}``: the library video that a
session's page links at each answer's minute, instead of the recording view."""

from django import template

from sessions.join_views import library_recording as find_library_recording

register = template.Library()


@register.simple_tag
def library_recording(session):
    return find_library_recording(session)
