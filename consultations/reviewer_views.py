"""Placeholder: filled in by its stage."""


def offer_part(request, case, roles) -> dict:
    return {}


def reviewer_home(request):
    from django.http import HttpResponse

    return HttpResponse("placeholder")
