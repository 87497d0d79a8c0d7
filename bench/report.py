"""Print the benchmark's figures per page and check them against the targets.

    python -m bench.report OUT_DIR

Reads OUT_DIR/load_stats.csv (locust), OUT_DIR/queries-full.json and
OUT_DIR/queries-small.json (bench.querycount at full and a tenth of the data).
Writes OUT_DIR/results.md, the table docs/performance.md quotes.
"""

import csv
import json
import sys
from pathlib import Path

FLOOR = "floor"
P95_RATIO_TARGET = 4.0
SEARCH_P95_TARGET_MS = 200
SEARCHES = ("forum search", "forum search, stemmed, by forum and date")


def main(out: Path) -> int:
    with open(out / "load_stats.csv") as source:
        rows = {row["Name"]: row for row in csv.DictReader(source)}
    full = json.loads((out / "queries-full.json").read_text())
    small = json.loads((out / "queries-small.json").read_text())
    targets = json.loads((out / "targets.json").read_text())
    floor_p95 = float(rows[FLOOR]["95%"])
    lines = [
        "| page | req/s | p50 ms | p95 ms | p95 / floor | SQL queries (full / tenth) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    misses = []
    for label in targets["pages"]:
        row = rows[label]
        p50, p95 = float(row["50%"]), float(row["95%"])
        ratio = p95 / floor_p95 if floor_p95 else float("inf")
        lines.append(
            f"| {label} | {float(row['Requests/s']):.1f} | {p50:.0f} | {p95:.0f} "
            f"| {ratio:.1f}x | {full[label]} / {small[label]} |"
        )
        if label != FLOOR and ratio > P95_RATIO_TARGET:
            misses.append(f"{label}: p95 {ratio:.1f}x the floor's")
        if full[label] != small[label]:
            misses.append(f"{label}: {full[label]} queries vs {small[label]}")
        if label in SEARCHES and p95 > SEARCH_P95_TARGET_MS:
            misses.append(f"{label}: p95 {p95:.0f} ms")
    total = rows["Aggregated"]
    failures = int(total["Failure Count"])
    if failures:
        misses.append(f"{failures} failed requests")
    lines.append(
        f"| **all** | {float(total['Requests/s']):.1f} | {float(total['50%']):.0f} "
        f"| {float(total['95%']):.0f} | | {total['Request Count']} requests, "
        f"{failures} failures |"
    )
    table = "\n".join(lines)
    (out / "results.md").write_text(table + "\n")
    print(table)  # noqa: T201
    print(f"\nData filled in {targets['fill_seconds']} s.")  # noqa: T201
    if misses:
        print("Targets missed:\n  " + "\n  ".join(misses))  # noqa: T201
        return 1
    print("Every target met.")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
