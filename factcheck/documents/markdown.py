"""Markdown articles: YAML front matter for metadata, the body kept as written.

The body is not rendered: claims are searched in the Markdown source itself (``**`` and ``#``
included), so every offset of the text is an offset of the file shifted by the front matter.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from factcheck.documents.datelines import parse_date
from factcheck.documents.locations import SourceMap
from factcheck.documents.text import analyse_layout, decode_text, make_article
from factcheck.errors import DocumentError
from factcheck.model import Article

_FENCE = re.compile(r"^[ \t]*---[ \t]*\r?$", re.MULTILINE)
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_HEADING = re.compile(r"^[ ]{0,3}#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*\r?$", re.MULTILINE)
_CODE_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~)", re.MULTILINE)
# The id names the claim file (claims/<id>.yaml): no path separators, no leading dot.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


def read_markdown(path: str, raw: bytes) -> Article:
    text = decode_text(path, raw)
    meta, body_start = _front_matter(path, text)
    body = text[body_start:]
    layout = analyse_layout(body, want_title=False)
    values = meta.data
    title = _text_value(path, meta, "title") or _first_heading(body)
    published = _date_value(path, meta) or layout.published
    return make_article(
        path, raw, body, SourceMap.identity(text, body_start), layout,
        article_id=_id_value(path, meta),
        title=title,
        publisher=_text_value(path, meta, "publisher") or layout.publisher,
        published=published,
        url=_text_value(path, meta, "url"),
        warnings=() if values or body_start == 0 else ("the front matter is empty",),
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
    """The front matter and the offset where the body starts (0 without front matter)."""
    first = _FENCE.match(text)
    if first is None:
        return _Meta({}, {}), 0
    block_start = first.end() + 1
    close = _CLOSE.search(text, block_start) if block_start <= len(text) else None
    if close is None:
        raise DocumentError("expected the front matter to end with a '---' line, found the end of the file", path, 1, 1)
    block = text[block_start : close.start()]
    body_start = min(close.end() + 1, len(text))
    loader: yaml.SafeLoader | None = None
    node: yaml.Node | None = None
    try:
        loader = yaml.SafeLoader(block)  # rejects control characters already
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        raise DocumentError(f"expected valid YAML front matter, found a syntax error: {problem}", path, line, column) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(block, exc.position)
        raise DocumentError(f"expected printable text in the front matter, found character #x{exc.character:04x}", path, line, column) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        # safe_load's constructors raise plain ValueError for "date: 2024-02-30", without a mark.
        line, column = _failing_value(node) if isinstance(node, yaml.MappingNode) else (2, 1)
        raise DocumentError(f"expected valid YAML front matter, found an invalid value: {exc}", path, line, column) from None
    finally:
        if loader is not None:
            loader.dispose()
    if data is None:
        return _Meta({}, {}), body_start
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise DocumentError(f"expected the front matter to be a mapping of keys, found {type(data).__name__}", path, 2, 1)
    marks = {
        str(key.value): (value.start_mark.line + 2, value.start_mark.column + 1)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
    return _Meta({str(key): value for key, value in data.items()}, marks), body_start


def _position(block: str, offset: int) -> tuple[int, int]:
    """File line and column of an offset in the front matter block (which starts on line 2)."""
    line_start = block.rfind("\n", 0, offset) + 1
    return block.count("\n", 0, offset) + 2, offset - line_start + 1


def _failing_value(node: yaml.MappingNode) -> tuple[int, int]:
    """Where the value is that a constructor rejected: each value is built again on its own."""
    for _key, value in node.value:
        try:
            yaml.SafeLoader("").construct_document(value)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
            return value.start_mark.line + 2, value.start_mark.column + 1
    return 2, 1


def _text_value(path: str, meta: _Meta, key: str) -> str | None:
    value = meta.data.get(key)
    if value is None:
        return None
    # YAML reads "title: 2024" as a number; a title that is a number is still a title.
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise meta.error(path, key, f"expected '{key}' to be text, found {type(value).__name__}")


def _id_value(path: str, meta: _Meta) -> str | None:
    value = _text_value(path, meta, "id")
    if value is not None and not _ID.fullmatch(value):
        raise meta.error(path, "id", f"expected 'id' to be letters, digits, '.', '_' or '-', found '{value}'")
    return value


def _date_value(path: str, meta: _Meta) -> date | None:
    value = meta.data.get("date")
    if value is None:
        return None
    if isinstance(value, datetime):  # datetime is a date too: test it first
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise meta.error(path, "date", f"expected 'date' to be a date (YYYY-MM-DD), found '{value}'")
    return parsed


def _first_heading(body: str) -> str | None:
    """The first ``# `` heading outside fenced code blocks."""
    fences = [match.start() for match in _CODE_FENCE.finditer(body)]
    for match in _HEADING.finditer(body):
        inside = sum(1 for fence in fences if fence < match.start()) % 2 == 1
        if not inside:
            return match.group("title").strip()
    return None
