"""One registry for "download my data" and "delete my account".

Each app knows what it holds about a person; the account pages must not. So every
app registers a part from its AppConfig.ready (its own ``data_rights`` module):
the models the part answers for, a reader for the export and an eraser for the
deletion. The account pages ask this registry only, and a test walks every model
that points at a user to check that some part answers for it, so a new model
with personal data cannot be forgotten silently.

Infrastructure: this module imports no app (STYLE.md, "The house"); the apps
import it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction

Export = Callable[..., tuple[str, object]]
Erase = Callable[..., None]


@dataclass(frozen=True)
class Part:
    """What one app answers for: ``export(user=)`` returns ``(section, data)``,
    ``erase(user=)`` removes or blanks what the person wrote or left behind."""

    models: tuple[str, ...]
    export: Export
    erase: Erase


_parts: list[Part] = []


def _label(model) -> str:
    return model if isinstance(model, str) else model._meta.label


def register(*, models: Iterable, export: Export, erase: Erase) -> Part:
    """Add an app's part; registering the same part again changes nothing.

    ``models`` are model classes or ``"app_label.Model"`` labels. Parts run in the
    order they were registered (INSTALLED_APPS order, as ready() runs).
    """
    part = Part(
        models=tuple(sorted({_label(m) for m in models})), export=export, erase=erase
    )
    if part not in _parts:
        _parts.append(part)
    return part


def parts() -> tuple[Part, ...]:
    return tuple(_parts)


def covered_models() -> set[str]:
    """The labels of every model some part answers for (the coverage test's list)."""
    return {label for part in _parts for label in part.models}


def export_all(*, user) -> dict:
    """Every section of a person's data, keyed by section name."""
    data = {}
    for part in _parts:
        name, section = part.export(user=user)
        if name in data:
            raise RuntimeError(f"Two data-rights parts export the section {name!r}.")
        data[name] = section
    return data


@transaction.atomic
def erase_all(*, user) -> None:
    """Run every part's eraser in one transaction: one refusing (a ValidationError,
    e.g. billing that cannot cancel at Stripe) leaves nothing half-erased."""
    for part in _parts:
        part.erase(user=user)
