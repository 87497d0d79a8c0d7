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


@register.filter
def naming(error, field) -> str:
    """An error in the error summary names its field when the error itself does
    not: four "This field is required." lines, read far from their fields, say
    nothing. Django's own generic message is compared through its translation."""
    message = str(error)
    generic = str(field.field.error_messages.get("required", ""))
    if message == generic and field.label:
        return f"{field.label}: {message[:1].lower()}{message[1:]}"
    return message
