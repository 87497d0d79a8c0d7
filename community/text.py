"""Sentences that end with a name.

A display name may end with its own full stop ("Walker T."); a message that
then adds the sentence's full stop shows two ("Walker T.."). ``full_stop`` adds
one only where the text has none (nor another closing mark), in Python and as a
template filter (``{% load sentences %}{{ name|full_stop }}``).

Infrastructure: this module imports no app (STYLE.md, "The house").
"""

# Marks that already end a sentence; a closing quote or bracket after one too.
ENDINGS = (".", "!", "?", "…")
CLOSERS = "\"'”’)]"


def full_stop(text) -> str:
    """The text with a full stop at its end, unless it already has one."""
    text = str(text if text is not None else "").rstrip()
    if not text or text.rstrip(CLOSERS).endswith(ENDINGS):
        return text
    return f"{text}."
