"""The library's two index pages, made sure of at run time (demo, tests).

A fresh install gets them from migration 0002; this is the same for a database
whose pages were created some other way, e.g. by the demo seeder after a flush.
"""

from community.models import HomePage
from courses.models import CourseIndexPage, VideoIndexPage


def ensure_library_pages(home: HomePage | None = None):
    """Return (course index, video index), creating either under the landing page."""
    home = home or HomePage.objects.order_by("path").first()
    if home is None:
        raise RuntimeError("Create the landing page first (community.demo).")
    pages = []
    for model, title, slug in (
        (CourseIndexPage, "Course", "course"),
        (VideoIndexPage, "Video library", "videos"),
    ):
        page = model.objects.child_of(home).first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=slug))
        pages.append(page)
    return tuple(pages)
