"""django-q2 tasks of the calls app: thin, each calls a service."""

from consultation_calls import sweep as calls_sweep


def sweep() -> dict[str, int]:
    return calls_sweep.sweep()
