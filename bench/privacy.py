"""How fast the case-privacy guard checks a post (issue 13's figures).

    DJANGO_SETTINGS_MODULE=community.settings.test python -m bench.privacy

Builds posts from the development corpora (never the held-out set): a typical
400-word post and a 5,000-word one, with identifiers at their natural rate,
and reports the median and the slowest of repeated checks, plus what the first
check in a process pays to load the gazetteers. Targets: 400 words in 20 ms or
less, 5,000 words in 250 ms or less.
"""

import statistics
import sys
import time
from pathlib import Path

import django

django.setup()

from community.privacy import find_identifiers  # noqa: E402

CORPORA = ("privacy_corpus.tsv", "privacy_dev_extra.tsv", "privacy_dev_focus.tsv")
HERE = Path(__file__).resolve().parents[1] / "tests" / "community"
TARGETS_MS = {400: 20.0, 5000: 250.0}


def sentences() -> list[str]:
    texts = []
    for name in CORPORA:
        for line in (HERE / name).read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                texts.append(line.partition("\t")[0])
    return texts


def post_of(words: int, texts: list[str]) -> str:
    out: list[str] = []
    index = 0
    while len(" ".join(out).split()) < words:
        out.append(texts[index % len(texts)])
        index += 7  # spread over the corpora rather than one file's order
    return " ".join(" ".join(out).split()[:words])


def main() -> int:
    texts = sentences()
    started = time.perf_counter()
    find_identifiers("My client Maria moved to Fresno.")
    first = (time.perf_counter() - started) * 1000
    print(f"first check in a process (loads the gazetteers): {first:.0f} ms")  # noqa: T201
    missed = []
    for words, target in TARGETS_MS.items():
        text = post_of(words, texts)
        runs = 31 if words < 1000 else 9
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            find_identifiers(text)
            timings.append((time.perf_counter() - began) * 1000)
        median = statistics.median(timings)
        print(  # noqa: T201
            f"{words:>5}-word post: median {median:.1f} ms, slowest "
            f"{max(timings):.1f} ms (target {target:.0f} ms, {runs} runs)"
        )
        if median > target:
            missed.append(words)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
