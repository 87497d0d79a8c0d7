"""The sections of the written formulation, read from
``consultations/data/report_sections.yaml``.

The list is data (STYLE.md: data is data): the director may reword a label or a
help text without touching code. ``Report.sections`` stores, per key,
``{"text": str, "shareable": bool}``; everything that reads it goes through
``normalise`` so that a section added to the file later, or one a draft never
touched, reads as empty rather than failing.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "report_sections.yaml"


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    help: str
    required: bool = False
    shareable: bool = False


@cache
def sections() -> tuple[Section, ...]:
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple(Section(**row) for row in rows)


def section_keys() -> list[str]:
    return [section.key for section in sections()]


def normalise(stored: dict | None) -> dict[str, dict]:
    """Every known section, in order, with its text and tick; unknown keys are
    dropped (a section removed from the data file no longer prints)."""
    stored = stored or {}
    result = {}
    for section in sections():
        value = stored.get(section.key) or {}
        result[section.key] = {
            "text": str(value.get("text", "") or ""),
            "shareable": bool(value.get("shareable", section.shareable)),
        }
    return result


def for_reading(stored: dict | None, *, shareable_only: bool = False) -> list[dict]:
    """The sections that have text, with their labels, as a page or a PDF
    shows them; ``shareable_only`` keeps only those ticked for the patient."""
    values = normalise(stored)
    return [
        {
            "key": section.key,
            "label": section.label,
            "text": values[section.key]["text"],
            "shareable": values[section.key]["shareable"],
        }
        for section in sections()
        if values[section.key]["text"].strip()
        and (values[section.key]["shareable"] or not shareable_only)
    ]
