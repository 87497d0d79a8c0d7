"""Placeholder: filled in by its stage."""


def report_part(request, case, roles) -> dict:
    return {}

