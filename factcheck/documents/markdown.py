"""Markdown articles: YAML front matter for metadata, the body kept as written.

The body is not rendered: claims are searched in the Markdown source itself (``**`` and ``#``
included), so every offset of the text is an offset of the file shifted by the front matter.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import Any

from factcheck.documents.datelines import parse_date
from factcheck.documents.locations import SourceMap
from factcheck.documents.text import analyse_layout, decode_text, make_article
from factcheck.errors import DocumentError, RuleFileError
from factcheck.model import Article
from factcheck.yamlfile import describe, parse_yaml

_FENCE = re.compile(r"^[ \t]*---[ \t]*\r?$", re.MULTILINE)
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_HEADING = re.compile(r"^[ ]{0,3}#[ \t]+(?P<title>[^\n]*)", re.MULTILINE)
_CODE_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.MULTILINE)
MAX_FRONT_MATTER = 100_000
# The id names the claim file (claims/<id>.yaml): no path separators, no leading dot.
ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def read_markdown(path: str, raw: bytes) -> Article:
    text, _, decoding_warnings = decode_text(path, raw)
    meta, body_start = _front_matter(path, text)
    body = text[body_start:]
    layout = analyse_layout(body, want_title=False)
    title = _text_value(path, meta, "title") or _first_heading(body)
    published = _date_value(path, meta) or layout.published
    empty_front_matter = ("the front matter is empty",) if body_start and not meta.data else ()
    return make_article(
        path, raw, body, SourceMap.identity(text, body_start), layout,
        article_id=_id_value(path, meta),
        title=title,
        publisher=_text_value(path, meta, "publisher") or layout.publisher,
        published=published,
        url=_text_value(path, meta, "url"),
        warnings=decoding_warnings + empty_front_matter,
        scope=_text_value(path, meta, "scope"),
    )


class _Meta:
    """Front matter values and where each value stands in the file (1-based line, column)."""

    def __init__(self, data: dict[str, Any], marks: dict[str, tuple[int, int]]) -> None:
        self.data = data
        self.marks = marks

    def error(self, path: str, key: str, message: str) -> DocumentError:
        line, column = self.marks.get(key, (1, 1))
        return DocumentError(message, path, line, column)


def _front_matter(path: str, text: str) -> tuple[_Meta, int]:
    """The front matter and the offset where the body starts (0 without front matter).

    Read like rule files (``yamlfile.parse_yaml``): YAML 1.2 scalars, so ``title: no`` is the
    word "no"; no tags, so nothing in an article can construct objects; aliases and nesting
    capped, so an alias bomb is an error, not a hang.
    """
    first = _FENCE.match(text)
    if first is None:
        return _Meta({}, {}), 0
    block_start = first.end() + 1
    close = _CLOSE.search(text, block_start) if block_start <= len(text) else None
    if close is None:
        raise DocumentError("expected the front matter to end with a '---' line, found the end of the file", path, 1, 1)
    block = text[block_start : close.start()]
    body_start = min(close.end() + 1, len(text))
    if len(block) > MAX_FRONT_MATTER:
        # Metadata is a few lines; the YAML parser reads ~100 kB/s, so a huge block is an error, not a wait.
        raise DocumentError(f"expected front matter of at most {MAX_FRONT_MATTER:,} characters, found {len(block):,}", path, 2, 1)
    try:
        located = parse_yaml(block, path, what="YAML front matter")
    except RuleFileError as exc:
        # The block starts on the file's second line.
        raise DocumentError(exc.message, path, (exc.line or 1) + 1, exc.column) from None
    if located.data is None:
        return _Meta({}, {}), body_start
    if not isinstance(located.data, dict):
        found = "a list" if isinstance(located.data, list) else describe(located.data)
        raise DocumentError(f"expected the front matter to be a mapping of keys, found {found}", path, 2, 1)
    marks = {str(loc[0]): (line + 1, column) for loc, (line, column) in located.value_marks.items() if len(loc) == 1}
    return _Meta(located.data, marks), body_start


def _text_value(path: str, meta: _Meta, key: str) -> str | None:
    value = meta.data.get(key)
    if value is None:
        return None
    # YAML reads "title: 2024" as a number; a title that is a number is still a title.
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise meta.error(path, key, f"expected '{key}' to be text, found {describe(value)}")


def _id_value(path: str, meta: _Meta) -> str | None:
    value = _text_value(path, meta, "id")
    if value is not None and not ARTICLE_ID.fullmatch(value):
        raise meta.error(path, "id", f"expected 'id' to be letters, digits, '.', '_' or '-', found {describe(value)}")
    return value


def _date_value(path: str, meta: _Meta) -> date | None:
    value = meta.data.get("date")
    if value is None:
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise meta.error(path, "date", f"expected 'date' to be a date (YYYY-MM-DD), found {describe(value)}")
    return parsed


def _first_heading(body: str) -> str | None:
    """The first ``# `` heading outside fenced code blocks."""
    fences = [match.start() for match in _CODE_FENCE.finditer(body)]
    for match in _HEADING.finditer(body):
        inside = bisect_left(fences, match.start()) % 2 == 1
        title = _heading_title(match.group("title"))
        if not inside and title:
            return title
    return None


def _heading_title(line: str) -> str:
    """The words of a heading line: without an optional closing run of "#" and the spaces around.

    String methods rather than a regex: a pattern with ``[ \t]*`` before the end of the line
    backtracks quadratically on a long run of spaces (30 s for a 40 kB line).
    """
    title = line.rstrip(" \t\r")
    without_hashes = title.rstrip("#")
    if without_hashes != title and (not without_hashes or without_hashes[-1] in " \t"):
        title = without_hashes.rstrip(" \t")
    return title.strip()
