"""Member areas whose modules have not arrived yet.

Each route is replaced by its app's own URLs when that app is built; until then the
area is real (members only, same layout) and says plainly that it is empty.
"""

from django.shortcuts import render

from community.access import member_required

AREAS = {
    "course": (
        "Course",
        "A self-paced course on the common infrastructure under every therapy.",
        "The course is not published yet.",
    ),
    "videos": (
        "Video library",
        "Exclusive talks and session recordings.",
        "No videos are published yet.",
    ),
}


def area_view(area: str):
    heading, intro, empty_title = AREAS[area]

    @member_required
    def view(request):
        return render(
            request,
            "includes/_module_placeholder.html",
            {"heading": heading, "intro": intro, "empty_title": empty_title},
        )

    view.__name__ = f"{area}_placeholder"
    return view
