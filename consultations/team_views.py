"""Placeholder: filled in by its stage."""


def questions_part(request, case, roles) -> dict:
    return {}


def conference_part(request, case, roles) -> dict:
    return {}

