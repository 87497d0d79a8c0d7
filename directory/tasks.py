"""Thin django-q2 tasks for the directory; the work is in ``directory.services``."""


def licence_expiry_sweep() -> None:
    from directory.services.licences import licence_expiry_sweep as sweep

    sweep()
