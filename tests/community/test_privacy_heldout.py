"""The privacy guard measured as the product promises: on texts its author
never saw.

Sets kept apart:
- development (``privacy_corpus.tsv``, ``privacy_dev_extra.tsv``,
  ``privacy_dev_focus.tsv``): read and tuned to;
- held-out (``privacy_heldout_{a,b,c}.tsv``): written by three helpers who never
  saw the detector, committed before any rule was measured on them, never edited
  to fit the rules, and never read while tuning.

A text counts as caught when at least one of its identifiers is found (the
author then sees the warning and reads the whole text again); precision is the
share of flagged texts that hold an identifier. Per category, an identifier is
found when any match overlaps it. The figures for each set are printed and
written to ``test-results/privacy-evaluation.txt``.

The issue's targets on held-out text are recall 0.97 and precision 0.90. Sets a
and b had been measured (aggregates only) while the development sets were tuned
to, so on 2026-12-02 a third set, c, was written and measured once: recall 0.920
and precision 0.920 there, 0.964 and 0.964 on a and b, 0.940 and 0.940 on all
three. The test holds that level as a floor, fails below it, and prints how far
the target still is. Raise FLOOR_RECALL to TARGET_RECALL when it is reached.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from community.privacy import CATEGORY_LABELS, find_identifiers

HERE = Path(__file__).resolve().parent
DEVELOPMENT = (
    "privacy_corpus.tsv",
    "privacy_dev_extra.tsv",
    "privacy_dev_focus.tsv",
)
HELD_OUT = (
    "privacy_heldout_a.tsv",
    "privacy_heldout_b.tsv",
    "privacy_heldout_c.tsv",
)
REPORT = HERE.parents[1] / "test-results" / "privacy-evaluation.txt"
TARGET_RECALL = 0.97
TARGET_PRECISION = 0.90
FLOOR_RECALL = 0.93


def load(names: tuple[str, ...]) -> list[tuple[str, list[tuple[str, str]]]]:
    rows = []
    for name in names:
        lines = (HERE / name).read_text(encoding="utf-8").splitlines()
        assert lines[0] == "sentence\texpected", name
        for line in lines[1:]:
            if not line.strip():
                continue
            text, _, expected = line.partition("\t")
            labels = [
                tuple(item.strip().split(":", 1))
                for item in expected.split(" | ")
                if item.strip()
            ]
            for category, span in labels:
                assert category in CATEGORY_LABELS, (name, category)
                assert span in text, (name, span)
            rows.append((text, labels))
    return rows


def evaluate(rows) -> dict:
    caught = missed = false_alarms = quiet = 0
    labelled, found = Counter(), Counter()
    for text, labels in rows:
        matches = find_identifiers(text)
        if labels:
            caught, missed = (caught + 1, missed) if matches else (caught, missed + 1)
        else:
            false_alarms, quiet = (
                (false_alarms + 1, quiet) if matches else (false_alarms, quiet + 1)
            )
        for category, span in labels:
            start = text.find(span)
            end = start + len(span)
            labelled[category] += 1
            if any(m.start < end and start < m.end for m in matches):
                found[category] += 1
    flagged = caught + false_alarms
    return {
        "texts": len(rows),
        "with_identifiers": caught + missed,
        "recall": caught / (caught + missed),
        "precision": caught / flagged if flagged else 1.0,
        "false_alarms": false_alarms,
        "missed": missed,
        "per_category": {
            category: (found[category], labelled[category])
            for category in sorted(labelled)
        },
    }


def report(name: str, figures: dict) -> str:
    lines = [
        f"{name}: {figures['texts']} texts ({figures['with_identifiers']} with "
        f"identifiers); recall {figures['recall']:.3f} ({figures['missed']} missed), "
        f"precision {figures['precision']:.3f} ({figures['false_alarms']} false "
        "alarms on clean texts)",
        f"  {'category':<13} {'found':>6} {'of':>5} {'recall':>7}",
    ]
    for category, (hit, total) in figures["per_category"].items():
        lines.append(f"  {category:<13} {hit:>6} {total:>5} {hit / total:>7.3f}")
    return "\n".join(lines)


def test_the_guard_meets_its_targets_on_texts_its_author_never_saw(capsys):
    development = evaluate(load(DEVELOPMENT))
    held_out = evaluate(load(HELD_OUT))
    each = "\n\n".join(
        report(f"held-out {name} (never seen)", evaluate(load((name,))))
        for name in HELD_OUT
    )
    text = (
        report("development set (tuned to)", development)
        + "\n\n"
        + each
        + "\n\n"
        + report("held-out sets together", held_out)
        + f"\n\ntargets on the held-out set: recall >= {TARGET_RECALL}, "
        f"precision >= {TARGET_PRECISION}"
        + (
            ""
            if held_out["recall"] >= TARGET_RECALL
            else f" (recall target not met yet; floor {FLOOR_RECALL})"
        )
        + "\n"
    )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    with capsys.disabled():
        print("\n" + text)  # noqa: T201 - the figures are the point of this test
    assert held_out["recall"] >= FLOOR_RECALL, text
    assert held_out["precision"] >= TARGET_PRECISION, text


def test_the_two_sets_share_no_text():
    development = {text for text, _ in load(DEVELOPMENT)}
    held_out = {text for text, _ in load(HELD_OUT)}
    assert not development & held_out
    assert len(held_out) >= 400
