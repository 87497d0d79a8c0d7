"""django-q2 tasks of the consultations app: thin, each calls a service."""

from consultations import timers


def sweep_clocks() -> dict[str, int]:
    return timers.sweep()


def purge_expired_case_material() -> int:
    from consultations.retention import purge_expired

    return purge_expired()
