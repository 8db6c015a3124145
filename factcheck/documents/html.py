"""HTML articles: the main text of the page, with every character traceable to the file.

Why the stdlib ``html.parser.HTMLParser`` with ``convert_charrefs=False``: it reports the source
position of every piece of data and of every entity, which the text-to-line:column map needs.
Readability- or trafilatura-style extractors return cleaned text without positions, so a claim
could not point back into the file. The parser never raises on broken markup and is not
recursive, and the element stack below is a plain list, so 10,000 nested divs cost nothing.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from html.parser import HTMLParser
from typing import Any

from factcheck.documents.datelines import parse_date
from factcheck.documents.locations import SourceMap
from factcheck.documents.text import analyse_layout, decode_text, make_article
from factcheck.errors import DocumentError
from factcheck.model import Article
from factcheck.yamlfile import describe

SKIP = frozenset("script style noscript template nav header footer aside form svg iframe button head title".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# A list item or a table row is a paragraph of its own, so a sentence of its own: a table or a list
# without full stops is not one long sentence in which every figure is weighed against every phrase.
PARAGRAPH = frozenset("p div h1 h2 h3 h4 h5 h6 section article main blockquote pre ul ol dl table figure hr li tr".split())
LINE = frozenset("br td th dt dd figcaption caption".split())
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")
DATE_METAS = ("date", "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.date")


# The charset a page declares in its first 1,024 bytes, as browsers look for it (<meta charset>
# or the http-equiv Content-Type); used only when the page is not UTF-8.
_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw, 0, 1024)
    return match.group(1).decode("ascii") if match else None


def read_html(path: str, raw: bytes) -> Article:
    source, _, decoding_warnings = decode_text(path, raw, declared_charset(raw))
    page = _Page(source)
    try:
        page.feed(source)
        page.drop_unfinished_markup()
        page.close()
    except AssertionError as exc:  # older parsers assert on some malformed declarations
        raise DocumentError(f"expected HTML the parser can read, found: {exc}", path, None, None) from None
    chosen = page.region if page.region_seen else page.body
    text, source_map = chosen.finish()
    layout = analyse_layout(text, want_title=False)
    warnings = [*decoding_warnings, *page.warnings]
    ld_date, ld_publisher = _json_ld(page.json_ld, warnings)
    times = page.region_times if page.region_seen else page.times
    candidates = [page.metas.get("article:published_time"), ld_date, times[0] if times else None]
    candidates += [page.metas.get(name) for name in DATE_METAS]
    published = _first_date(candidates, warnings) or layout.published
    title = page.metas.get("og:title") or page.h1_text() or _clean("".join(page.title))
    if not text.strip():
        warnings.append("no text found in the page's <article>, <main> or <body>")
    return make_article(
        path, raw, text, source_map, layout,
        title=title or None,
        publisher=page.metas.get("og:site_name") or ld_publisher or layout.publisher,
        published=published,
        url=page.canonical or page.metas.get("og:url"),
        warnings=tuple(warnings),
        scope=page.metas.get("factcheck:scope") or None,
    )


class _TextBuilder:
    """Extracted text and its source map; whitespace collapses as a browser renders it."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.pieces: list[list[Any]] = []  # [text_start, source_start, length, verbatim]
        self.pending_break = 0
        self.break_at = 0
        self.space: tuple[int, bool] | None = None  # a collapsed run of whitespace: (source, verbatim)

    def block(self, newlines: int, at: int) -> None:
        # Breaks are emitted lazily, before the next text: none at the start, never doubled.
        if self.length and newlines > self.pending_break:
            self.pending_break, self.break_at = newlines, at
        self.space = None

    def data(self, data: str, at: int, verbatim: bool, preformatted: bool) -> None:
        if preformatted:
            self.word(data, at, verbatim)
            return
        # Single spaces stay inside a run of words (one verbatim piece); longer or other whitespace
        # collapses to one space that maps to where the run starts.
        position = 0
        for match in _COLLAPSE.finditer(data):
            self._words(data, position, match.start(), at, verbatim)
            self.space_at(at + match.start() if verbatim else at, False)
            position = match.end()
        self._words(data, position, len(data), at, verbatim)

    def _words(self, data: str, start: int, end: int, at: int, verbatim: bool) -> None:
        if start < end and data[start] == " ":
            self.space_at(at + start if verbatim else at, verbatim)
            start += 1
        trailing = end > start and data[end - 1] == " "
        if trailing:
            end -= 1
        if start < end:
            self.word(data[start:end], at + start if verbatim else at, verbatim)
        if trailing:
            self.space_at(at + end if verbatim else at, verbatim)

    def space_at(self, at: int, verbatim: bool) -> None:
        if self.length and not self.pending_break and self.space is None:
            self.space = (at, verbatim)

    def word(self, text: str, at: int, verbatim: bool) -> None:
        if self.pending_break:
            self._put("\n" * self.pending_break, self.break_at, False)
            self.pending_break = 0
        elif self.space is not None:
            self._put(" ", *self.space)
        self.space = None
        self._put(text, at, verbatim)

    def _put(self, text: str, at: int, verbatim: bool) -> None:
        if not text:
            return
        last = self.pieces[-1] if self.pieces else None
        if verbatim and last and last[3] and last[0] + last[2] == self.length and last[1] + last[2] == at:
            last[2] += len(text)
        else:
            self.pieces.append([self.length, at, len(text), verbatim])
        self.parts.append(text)
        self.length += len(text)

    def finish(self) -> tuple[str, SourceMap]:
        source_map = SourceMap(self.source)
        for text_start, source_start, length, verbatim in self.pieces:
            source_map.add(text_start, source_start, length, verbatim)
        return "".join(self.parts), source_map


class _Page(HTMLParser):
    """One pass over the page: text of <body> and of the first <article>/<main>, and metadata."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.stack: list[str] = []
        self.open_count: dict[str, int] = {}
        self.skip_depth = 0
        self.pre_depth = 0
        self.body = _TextBuilder(source)
        self.region = _TextBuilder(source)
        self.region_level: int | None = None  # stack depth of the open <article>/<main>
        self.region_seen = False
        self.metas: dict[str, str] = {}
        self.canonical: str | None = None
        self.title: list[str] = []
        self.h1: list[str] | None = None  # the <h1> being read
        self.h1s: list[tuple[str, bool, bool]] = []  # text, inside the region, inside skipped content
        self.h1_where = (False, False)
        self.ld_open = False
        self.times: list[str] = []
        self.region_times: list[str] = []
        self.json_ld: list[tuple[int, list[str]]] = []
        self.warnings: list[str] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return min(self.line_starts[min(line, len(self.line_starts)) - 1] + column, len(self.source))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self._at()
        values = {name: value or "" for name, value in attrs}
        self._metadata(tag, values, at)
        if tag == "body" and self.open_count.get("head"):
            self._close("head", at)  # an unclosed <head> ends where <body> starts
        if tag in PARAGRAPH or tag in LINE:
            self._block(2 if tag in PARAGRAPH else 1, at)
        if tag in VOID:
            return
        self.stack.append(tag)
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        self.skip_depth += tag in SKIP
        self.pre_depth += tag in ("pre", "textarea")
        if tag in ("article", "main") and not self.region_seen and self.skip_depth == 0:
            self.region_seen, self.region_level = True, len(self.stack)
        if tag == "h1" and self.h1 is None:
            self.h1, self.h1_where = [], (self.region_level is not None, self.skip_depth > 0)

    def handle_endtag(self, tag: str) -> None:
        at = self._at()
        if tag in ("br", "p") and not self.open_count.get(tag):
            self._block(1 if tag == "br" else 2, at)  # browsers read a stray </br> or </p> as a break
            return
        self._close(tag, at)

    def _close(self, tag: str, at: int) -> None:
        if not self.open_count.get(tag):
            return  # a stray end tag closes nothing
        while self.stack:
            popped = self.stack.pop()
            self.open_count[popped] -= 1
            self.skip_depth -= popped in SKIP
            self.pre_depth -= popped in ("pre", "textarea")
            if popped in PARAGRAPH or popped in LINE:
                self._block(2 if popped in PARAGRAPH else 1, at)
            if self.region_level is not None and len(self.stack) < self.region_level:
                self.region_level = None
            if popped == "h1" and self.h1 is not None:
                self.h1s.append((_clean("".join(self.h1)), *self.h1_where))
                self.h1 = None
            self.ld_open = self.ld_open and popped != "script"
            if popped == tag:
                return

    def _block(self, newlines: int, at: int) -> None:
        if not self.region_seen:
            self.body.block(newlines, at)
        if self.region_level is not None:
            self.region.block(newlines, at)

    def _metadata(self, tag: str, values: dict[str, str], at: int) -> None:
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key and values.get("content", "").strip():
                self.metas.setdefault(key, values["content"].strip())
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "").strip() or None
        elif tag == "time" and values.get("datetime"):
            self.times.append(values["datetime"])
            if self.region_level is not None:
                self.region_times.append(values["datetime"])
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self.json_ld.append((self.getpos()[0], []))
            self.ld_open = True

    def _text(self, text: str, at: int, verbatim: bool, entity: bool = False) -> None:
        if self.ld_open:
            self.json_ld[-1][1].append(text)
        if self.open_count.get("title"):
            self.title.append(text)
        if self.h1 is not None:
            self.h1.append(text)
        if self.skip_depth:
            return
        builders = [] if self.region_seen else [self.body]  # once a region exists, body text is unused
        builders += [self.region] if self.region_level is not None else []
        for builder in builders:
            if entity:  # a decoded entity: one piece that is not verbatim, pointing at its "&"
                builder.word(text, at, False)
            else:
                builder.data(text, at, verbatim, self.pre_depth > 0)

    def handle_data(self, data: str) -> None:
        at = self._at()
        # Should always hold; if the parser ever reports a shifted position, map loosely, not wrongly.
        self._text(data, at, self.source.startswith(data, at))

    def _reference(self, raw: str, at: int) -> None:
        # The parser consumed "&name;" or, for legacy entities, "&name" without the ";".
        full = raw + ";" if self.source.startswith(raw + ";", at) else raw
        decoded = html.unescape(full)
        if decoded == full:
            self._text(full, at, self.source.startswith(full, at))  # unknown entity: shown as written
        else:  # "&#32;" and the like are whitespace and collapse like it
            self._text(decoded, at, False, entity=bool(decoded.strip(" \t\n\r\f")))

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}", self._at())

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}", self._at())

    def drop_unfinished_markup(self) -> None:
        """End the page as HTML5 does when a tag, comment or declaration is still open at the end.

        ``feed`` stops at the first construct that does not end before the end of the file and
        keeps the rest in ``rawdata``. A browser shows nothing of it (an unclosed comment runs to
        the end, so does an unclosed tag or quoted attribute). ``close`` in Pythons without the
        fix for CVE-2025-6069 would instead re-scan the rest once for every "<" in it: minutes
        for 100 kB of "<a b='". Dropping it is what browsers show, and linear.
        """
        if self.rawdata.startswith("<") and not self.cdata_elem:
            self.rawdata = ""

    def h1_text(self) -> str | None:
        """The first <h1> of the article region, else the first outside skipped parts, else any."""
        for wanted in ((True, None), (None, False), (None, None)):
            for text, in_region, skipped in self.h1s:
                if text and wanted[0] in (None, in_region) and wanted[1] in (None, skipped):
                    return text
        return None


def _clean(text: str) -> str:
    return " ".join(text.split())


def _first_date(candidates: list[str | None], warnings: list[str]) -> date | None:
    for value in candidates:
        if not value:
            continue
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
        warnings.append(f"ignored the publication date {describe(value)}: not a date")  # escaped: it goes to logs
    return None


def _json_ld(blocks: list[tuple[int, list[str]]], warnings: list[str]) -> tuple[str | None, str | None]:
    """datePublished and publisher name from JSON-LD (an object, a list, or an @graph)."""
    nodes: list[dict[str, Any]] = []
    for line, parts in blocks:
        try:
            data = json.loads("".join(parts))
        except (ValueError, RecursionError) as exc:
            warnings.append(f"ignored invalid JSON-LD at line {line}: {exc}")
            continue
        stack: list[Any] = [data]
        while stack:  # iterative: a hostile JSON-LD block may nest deeply
            node = stack.pop()
            if isinstance(node, dict):
                nodes.append(node)
                stack.extend(reversed(list(node.values())))
            elif isinstance(node, list):
                stack.extend(reversed(node))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    published = next((node["datePublished"] for node in nodes if isinstance(node.get("datePublished"), str)), None)
    publisher = None
    for node in nodes:
        value = node.get("publisher")
        for candidate in value if isinstance(value, list) else [value]:
            if isinstance(candidate, dict) and "name" not in candidate and isinstance(candidate.get("@id"), str):
                candidate = by_id.get(candidate["@id"], candidate)
            if isinstance(candidate, dict) and isinstance(candidate.get("name"), str):
                publisher = candidate["name"].strip() or None
            elif isinstance(candidate, str):
                publisher = candidate.strip() or None
            if publisher:
                return published, publisher
    return published, publisher
