"""The "When to refer to psychiatry" guide, made sure of after every migrate.

It is created once, under the library's index (/videos/), from
``data/guide.yaml``; after that it is the director's page to edit in /cms/, and
this changes nothing (it looks for a guide anywhere, not for the text). Without
a library index (a database being built, or flushed by a test) it does nothing.
"""

from pathlib import Path

import yaml
from django.utils.html import escape

from courses.models import VideoIndexPage
from referrals.models import ReferralGuidePage

GUIDE_FILE = Path(__file__).resolve().parent / "data" / "guide.yaml"


def guide_body(sections: list[dict]) -> str:
    """The guide's sections as Wagtail rich text (headings, paragraphs, lists)."""
    parts = []
    for section in sections:
        parts.append(f"<h2>{escape(section['heading'])}</h2>")
        if section.get("text"):
            parts.append(f"<p>{escape(section['text'])}</p>")
        if section.get("items"):
            items = "".join(f"<li>{escape(item)}</li>" for item in section["items"])
            parts.append(f"<ul>{items}</ul>")
    return "".join(parts)


def ensure_guide_page() -> ReferralGuidePage | None:
    guide = ReferralGuidePage.objects.first()
    if guide is not None:
        return guide
    library = VideoIndexPage.objects.order_by("path").first()
    if library is None:
        return None
    data = yaml.safe_load(GUIDE_FILE.read_text())
    guide = ReferralGuidePage(
        title=data["title"],
        slug=data["slug"],
        intro=data["intro"],
        body=guide_body(data["sections"]),
    )
    library.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def guide_url() -> str:
    """The guide's address, or "" when there is none (no library yet)."""
    guide = ReferralGuidePage.objects.live().first()
    return guide.get_url() if guide is not None else ""
