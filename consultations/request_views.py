"""Placeholder: filled in by its stage."""


def request_part(request, case, roles) -> dict:
    return {}


def my_consultations(request):
    from django.http import HttpResponse

    return HttpResponse("placeholder")
