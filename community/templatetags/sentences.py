"""``{{ name|full_stop }}``: a name at the end of a sentence, with one full stop
(community/text.py says why)."""

from django import forms, template
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
    nothing. Only Django's own generic message is named (compared through its
    translation); a form's own "required" text already says what is missing."""
    message = str(error)
    label = str(field.label or "").strip().rstrip(":")
    if message != str(forms.Field.default_error_messages["required"]) or not label:
        return message
    if label[-1] in "?!.":  # "Why are you flagging this post? This field is..."
        return f"{label} {message}"
    return f"{label}: {message[:1].lower()}{message[1:]}"
