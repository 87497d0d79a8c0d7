"""Placeholder: filled in by its stage."""


def director_part(request, case, roles) -> dict:
    return {}


def board(request):
    from django.http import HttpResponse

    return HttpResponse("placeholder")
