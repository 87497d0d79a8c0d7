"""The calls app's part of the case page (``consultations.case_page``)."""

from wagtail import hooks


@hooks.register("consultation_case_parts")
def follow_up_call_part():
    from consultation_calls.views import show_part
    from consultations.case_page import Part

    return [
        Part(
            "consultation_calls/_part.html",
            show_part,
            "consultation_calls.views.call_part",
        )
    ]
