"""``{{ name|full_stop }}``: a name at the end of a sentence, with one full stop
(community/text.py says why)."""

from django import template
from django.template.defaultfilters import stringfilter

from community import text

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def full_stop(value: str) -> str:
    # is_safe: adding "." to escaped text keeps it escaped; unsafe text is
    # still escaped by autoescape after the filter.
    return text.full_stop(value)
