"""machina's MARKUP_LANGUAGE hook: post and signature Markdown to clean HTML."""

from community.sanitize import render_markdown


def render(text, **kwargs) -> str:
    return str(render_markdown(text))
