"""A service's refusal, shown to the person who asked.

The sessions services refuse with a ``ValidationError`` whose text is written for
the member or the director ("Only open questions can be merged."). Every plain
form action on the sessions pages shows that text as a message on the page it
returns to, and skips whatever it would have done on success.
"""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError


@contextmanager
def refusals_as_messages(request, *, every_reason: bool = False):
    """Run the block; a refusal ends it and becomes an error message (the first
    reason, or ``every_reason`` joined where a form can fail in several ways)."""
    try:
        yield
    except ValidationError as exc:
        messages.error(
            request, "; ".join(exc.messages) if every_reason else exc.messages[0]
        )
