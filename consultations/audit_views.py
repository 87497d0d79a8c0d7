"""Placeholder: filled in by its stage."""


def audit_part(request, case, roles) -> dict:
    return {}

