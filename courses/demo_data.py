"""Reads the demo course and video library from the files under ``courses/demo/``.

The texts are data that a writer edits, not code (courses/demo/README.md describes
the layout); this module only turns those files into the plain dicts and lists that
``courses.demo`` seeds as pages. It imports nothing from Django, so the files can be
checked without a database, and a mistake in a file is reported with its path.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import yaml

DEMO_DIR = Path(__file__).resolve().parent / "demo"
# A line that ends one rich-text block and starts the next one.
NEXT_BLOCK = "<!-- next block -->"
FENCE = "```"
# "03-contextual-model.md": the number orders the files, the rest is the slug.
NUMBERED = re.compile(r"^\d+-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")


class DemoDataError(ValueError):
    """A demo file that cannot be read; the message starts with its path."""


def load_course(root: Path = DEMO_DIR) -> dict:
    """The course, its modules and their lessons, in the order of the file names."""
    meta, body = _page(root / "course.md")
    return {
        "title": meta["title"],
        "slug": meta["slug"],
        "summary": meta["summary"],
        "intro": rich_text(body),
        "modules": [_module(folder) for folder in _numbered(root / "course", "")],
    }


def load_videos(root: Path = DEMO_DIR) -> list[dict]:
    """The library's videos, in the order of the file names."""
    return [_video(path) for path in _numbered(root / "videos", ".md")]


def load_index_intros(root: Path = DEMO_DIR) -> dict[str, str]:
    """The intros of the course index and the video index (rich-text HTML)."""
    path = root / "index_pages.yaml"
    with _reporting(path):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return {
            "course_index": data["course_index"],
            "video_index": data["video_index"],
        }


def rich_text(text: str) -> str:
    """Wagtail's rich-text HTML from lines written one element to a line.

    Every line is stripped and the lines are joined with nothing between them, so
    indenting a ``<li>`` or adding a blank line changes nothing on the page.
    """
    return "".join(line.strip() for line in text.splitlines())


def lesson_blocks(body: str) -> list[tuple[str, object]]:
    """The (block type, value) pairs of a lesson's StreamField, from its body.

    Rich text is written as it is; a fenced section (a line "```callout", YAML, a
    line "```") is one block of that type whose value is the YAML; a line
    ``<!-- next block -->`` separates two rich-text blocks that follow each other.
    """
    blocks: list[tuple[str, object]] = []
    text: list[str] = []
    kind, fenced = None, []

    def end_text():
        if any(line.strip() for line in text):
            blocks.append(("text", rich_text("\n".join(text))))
        text.clear()

    for number, line in enumerate(body.splitlines(), 1):
        if kind is not None:
            if line.strip() == FENCE:
                blocks.append((kind, yaml.safe_load("\n".join(fenced))))
                kind, fenced = None, []
            else:
                fenced.append(line)
        elif line.startswith(FENCE):
            end_text()
            kind = line[len(FENCE) :].strip()
            if not kind:
                raise ValueError(f"body line {number}: name the block, e.g. ```video")
        elif line.strip() == NEXT_BLOCK:
            end_text()
        else:
            text.append(line)
    if kind is not None:
        raise ValueError(f"the ```{kind} block is never closed")
    end_text()
    return blocks


def _module(folder: Path) -> dict:
    path = folder / "module.yaml"
    with _reporting(path):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        module = {
            "title": meta["title"],
            "slug": _slug(folder),
            "summary": meta["summary"],
        }
    module["lessons"] = [_lesson(path) for path in _numbered(folder, ".md")]
    return module


def _lesson(path: Path) -> dict:
    meta, body = _page(path)
    with _reporting(path):
        return {
            "title": meta["title"],
            "slug": _slug(path),
            "minutes": meta["minutes"],
            "blocks": lesson_blocks(body),
        }


def _video(path: Path) -> dict:
    meta, body = _page(path)
    with _reporting(path):
        video = {
            "title": meta["title"],
            "slug": _slug(path),
            "speaker": meta["speaker"],
            "minutes": meta["minutes"],
            # YAML reads 2025-10-08 as a date; the seed expects the ISO string.
            "recorded_on": str(meta["recorded_on"]),
            "tags": list(meta["tags"]),
            "description": rich_text(body),
            "video_url": meta.get("video_url", ""),
            "upload": _media_file(path, meta.get("upload")),
            "poster": _media_file(path, meta.get("poster")),
            "session": meta.get("session", ""),
        }
        if not video["video_url"] and video["upload"] is None:
            raise ValueError("give the video a video_url or an upload")
        return video


def _media_file(path: Path, name: str | None) -> Path | None:
    """A file in ``demo/media/`` that a video names; it must be there."""
    if not name:
        return None
    media = path.parent.parent / "media" / name
    if not media.is_file():
        raise ValueError(f"{name} is not in {media.parent}")
    return media


def _page(path: Path) -> tuple[dict, str]:
    """A file's YAML front matter (between two "---" lines) and its body."""
    with _reporting(path):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            raise ValueError('start the file with a "---" line, then the front matter')
        front, end, body = text[4:].partition("\n---\n")
        if not end:
            raise ValueError('end the front matter with a "---" line')
        return yaml.safe_load(front) or {}, body


def _numbered(folder: Path, suffix: str) -> list[Path]:
    """The folder's lesson or video files (suffix ".md") or its module folders ("")."""
    paths = [
        path
        for path in sorted(folder.iterdir())
        if path.suffix == suffix and path.is_dir() == (suffix == "")
    ]
    if not paths:
        raise DemoDataError(f"{folder}: nothing to read here")
    for path in paths:
        _slug(path)
    return paths


def _slug(path: Path) -> str:
    match = NUMBERED.match(path.stem)
    if match is None:
        raise DemoDataError(f"{path}: name it like 01-some-slug")
    return match["slug"]


@contextmanager
def _reporting(path: Path):
    """Re-raise a missing key, bad YAML or an unreadable file with the file's path."""
    try:
        yield
    except DemoDataError:
        raise
    except (KeyError, TypeError, ValueError, OSError, yaml.YAMLError) as error:
        detail = f"{error} is missing" if isinstance(error, KeyError) else error
        raise DemoDataError(f"{path}: {detail}") from error
