"""Plain-text articles, the decoding every reader shares, and the layout of a page's text.

Text saved from web pages keeps the page around the article: language menus, share buttons,
"You might also like" tails, copyright and registration lines. ``analyse_layout`` finds those
(furniture: never searched for claims), the dateline, the title, the publisher and, on listing
pages, the dated items. The Markdown and HTML readers reuse it on their extracted text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import NamedTuple

from factcheck.documents.datelines import find_dateline, is_date_line, parse_date
from factcheck.documents.locations import SourceMap
from factcheck.documents.publisher import find_publisher
from factcheck.errors import DocumentError
from factcheck.extract.numbers import oversized_numbers, oversized_warning
from factcheck.model import Article, ArticleItem

TITLE_MAX_WORDS = 15

UTF8_BOM = b"\xef\xbb\xbf"
# Byte order marks of the wide encodings, longest first: the UTF-32 LE mark starts with UTF-16 LE's.
WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


class DecodedText(NamedTuple):
    text: str
    encoding: str
    warnings: tuple[str, ...]


def decode_text(path: str, raw: bytes, declared: str | None = None) -> DecodedText:
    """The text of a document file, the encoding it was read in, and a warning when that was a guess.

    The one place that decides how bytes become text. In order: the encoding a byte order mark
    names (UTF-32, UTF-8, UTF-16); UTF-8; the ``declared`` encoding (an HTML page's
    ``<meta charset>``) when it decodes; else windows-1252 when it decodes, else latin-1 (which
    decodes anything): these two are guesses, so they come with a warning naming the encoding and
    the first byte that was not UTF-8. Pages saved by old Windows tools are the common case. Offsets and line:column count
    characters of the decoded text, so they are right whatever the encoding. A NUL anywhere is
    binary content and a file with no visible text is empty: both are DocumentErrors.
    """
    for mark, encoding in WIDE_BOMS:
        if raw.startswith(mark):
            return _checked(path, _decode_marked(path, raw, encoding), encoding.lower(), ())
    body = raw[len(UTF8_BOM) :] if raw.startswith(UTF8_BOM) else raw
    if b"\x00" in body:
        line = body[: body.index(b"\x00")].count(b"\n") + 1
        raise DocumentError(f"expected text, found binary content (a NUL byte at line {line})", path, line, None)
    try:
        return _checked(path, body.decode("utf-8"), "utf-8", ())
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    codec = _known_encoding(declared)
    if codec is not None:
        try:
            return _checked(path, body.decode(codec), codec, ())  # the file names it: not a guess
        except UnicodeDecodeError:
            pass
    try:
        text, guess = body.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:  # five bytes windows-1252 leaves undefined
        text, guess = body.decode("latin-1"), "latin-1"  # which decodes any byte
    return _checked(path, text, guess, (_guessed(body, first_bad, guess),))


def _decode_marked(path: str, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)  # the utf-16 and utf-32 codecs read the mark and drop it
    except UnicodeDecodeError as exc:
        message = f"expected {encoding} text after its byte order mark, found an invalid sequence at byte {exc.start}"
        raise DocumentError(message, path, None, None) from None


def _checked(path: str, text: str, encoding: str, warnings: tuple[str, ...]) -> DecodedText:
    if "\x00" in text:  # only reachable for UTF-16 and UTF-32: 8-bit files are checked as bytes
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DocumentError(f"expected text, found binary content (a NUL character at line {line})", path, line, None)
    if not text.strip():
        raise DocumentError("expected some text, found an empty file", path, None, None)
    return DecodedText(text, encoding, warnings)


def _guessed(body: bytes, first_bad: int, encoding: str) -> str:
    line_start = body.rfind(b"\n", 0, first_bad) + 1
    line = body.count(b"\n", 0, first_bad) + 1
    # One byte is one character in the encodings guessed, so the column is a count of bytes.
    column = first_bad - line_start + 1
    return f"not UTF-8 (byte 0x{body[first_bad]:02x} at line {line}, column {column}); read as {encoding}"


# Names pages declare that browsers read as a wider encoding (the WHATWG Encoding Standard).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "windows-1252",
              "latin1": "windows-1252", "ascii": "windows-1252", "us-ascii": "windows-1252"}
# Python codecs that map bytes to characters as web pages use them. Others (unicode_escape, idna,
# rot13) transform text and would break the offsets, so a page cannot ask for them.
_PAGE_ENCODINGS = re.compile(r"cp\d{3,4}|iso8859-\d{1,2}|gb18030|big5(?:hkscs)?|shift_jis|euc_jp|euc_kr|iso2022_jp|koi8-[ru]|mac-\w+")


def _known_encoding(name: str | None) -> str | None:
    """The codec of a declared encoding, or None: unknown names, UTF-16 and UTF-32 in an 8-bit file
    are ignored, as browsers do; UTF-8 and windows-1252 are tried anyway."""
    if not name:
        return None
    name = _SUPERSETS.get(name.strip().lower(), name.strip().lower())
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    if canonical in ("cp1252", "iso8859-1") or not _PAGE_ENCODINGS.fullmatch(canonical):
        return None
    return canonical


def make_article(
    path: str, raw: bytes, text: str, source_map: SourceMap, layout: Layout, *, article_id: str | None = None,
    title: str | None = None, publisher: str | None = None, published: date | None = None,
    url: str | None = None, warnings: tuple[str, ...] = (), scope: str | None = None,
) -> Article:
    """An Article with the fields every reader computes the same way (id, hash, layout)."""
    warnings += tuple(oversized_warning(n, *source_map.line_col(n.start)) for n in oversized_numbers(text))
    return Article(
        id=article_id or PurePosixPath(path).stem, path=path, title=title, publisher=publisher,
        published=published, url=url, text=text, sha256=hashlib.sha256(raw).hexdigest(),
        source_map=source_map, items=layout.items, furniture=layout.furniture, warnings=warnings, scope=scope,
    )


def read_txt(path: str, raw: bytes) -> Article:
    """A ``.txt`` article: the text is the file, unchanged."""
    text, _, warnings = decode_text(path, raw)
    layout = analyse_layout(text)
    return make_article(
        path, raw, text, SourceMap.identity(text), layout,
        title=layout.title, publisher=layout.publisher, published=layout.published, warnings=warnings,
    )


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # the offset of the line's "\n" (or of the end of the text)
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Layout:
    title: str | None
    published: date | None
    publisher: str | None
    items: tuple[ArticleItem, ...]
    furniture: tuple[tuple[int, int], ...]


_TAIL = re.compile(
    r"\s*(?:you (?:might|may) also like|related (?:stories|articles|news|content|reading|posts)"
    r"|read more|more from\b.{0,60}|back to top|recommended(?: for you| stories| articles)?"
    r"|most (?:read|popular|viewed))\s*(?::\s*)?",  # not \s*:?\s*: two runs backtrack quadratically
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"\s*(?:copyright\b|©|\(c\)\s*\d{4})|.*\ball rights reserved\b", re.IGNORECASE)
# Where the name starts and where it ends, found apart: one pattern with the name lazily between
# runs of "\s*" takes cubic time on a copyright line padded with blanks (minutes for 4 kB).
_REGISTRATION = re.compile(r"公网安备|网安备|ICP备|ICP证")
_SHARE = re.compile(
    r"\s*(?:share|print|save as pdf|back to top|email|tweet)"
    r"(?:\s*(?:[-–—:|/]\s*)?(?:wechat|weibo|facebook|twitter|x|linkedin|e-?mail|whatsapp|this(?: article| story| page)?|on \w+))*\s*",
    re.IGNORECASE,
)
_LANGUAGES = re.compile(
    r"English|Arabic|Chinese|Simplified|Traditional|Dutch|French|German|Hindi|Italian|Japanese|Korean"
    r"|Portuguese|Russian|Spanish|Swedish|Hebrew|Indonesian|Vietnamese|Thai|Turkish|Malay|Polish|Greek"
    r"|Persian|Urdu|Bengali|Ukrainian|Czech|Danish|Finnish|Norwegian|Hungarian|Romanian|Filipino|Swahili"
    r"|Français|Español|Deutsch|Русский|العربية|中文|日本語|한국어|Português"
)
_BULLET = re.compile(r"[ \t]*[•*·▪●◦‣-][ \t]+(?P<title>\S.*?)\s*")


def split_lines(text: str) -> list[Line]:
    """Lines split on "\\n" only: str.splitlines also splits on \\x0b, \\u2028 and others, and the
    offsets would then disagree with the line numbers of ``LineIndex``."""
    lines = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        lines.append(Line(start, end, text[start:end]))
        start = end + 1
    return lines


def is_language_menu(line: str) -> bool:
    """A run of language names glued together ("EnglishArabicChinese (Simplified)Dutch...")."""
    names = _LANGUAGES.findall(line)
    if len(names) < 3:
        return False
    letters = len(re.sub(r"\W", "", line))
    return sum(len(name) for name in names) >= 0.6 * letters


def is_furniture_line(line: str) -> bool:
    return bool(
        _COPYRIGHT.match(line) or _REGISTRATION.search(line) or _SHARE.fullmatch(line) or _TAIL.fullmatch(line)
        or is_language_menu(line)
    )


def is_paragraph(line: Line) -> bool:
    return line.words > TITLE_MAX_WORDS or (line.words > 3 and line.text.rstrip().endswith((".", "!", "?", '"', "”")))


def is_short(line: Line) -> bool:
    """Short enough to be a title: a headline, not a sentence."""
    text = line.text.strip()
    return 0 < line.words <= TITLE_MAX_WORDS and not text.endswith(".") and not is_date_line(text)


def analyse_layout(text: str, want_title: bool = True) -> Layout:
    """Furniture, dateline, title, publisher and listing items of a page's text.

    On a listing page (dated items, see ``find_items``) the page's own date is taken only from a
    dateline above the first item, else it is None: the newest item's date is not the page's
    date, and ``Article.anchor_date`` resolves "last year" in an item against that item's date.
    The lines above the first item (section menus) and the items' date lines are furniture.
    """
    lines = split_lines(text)
    content: list[Line] = []
    furniture: list[tuple[int, int]] = []
    for line in lines:
        if line.text.strip():
            if is_furniture_line(line.text):
                furniture.append((line.start, line.end))
            else:
                content.append(line)
    end = len(text)
    # A tail marker before any paragraph is a menu entry, not the start of the page's tail.
    seen_paragraph = False
    for line in lines:
        if _TAIL.fullmatch(line.text) and seen_paragraph:
            end = line.start
            furniture.append((end, len(text)))
            break
        seen_paragraph = seen_paragraph or is_paragraph(line)
    body = [line for line in content if line.end <= end]
    items = find_items(body, end)
    head_end = items[0].start if items else end
    if items and items[0].start > 0:
        furniture.append((0, items[0].start))
    for item_line in body:
        if items and item_line.start >= head_end and is_date_line(item_line.text):
            furniture.append((item_line.start, item_line.end))
    dateline = find_dateline(text[:head_end])
    if dateline is not None:
        furniture.append((dateline[1], dateline[2]))
    title = find_title([line for line in body if line.end <= head_end], dateline) if want_title else None
    return Layout(
        title=title,
        published=dateline[0] if dateline else None,
        publisher=find_publisher(lines),
        items=items,
        furniture=merge_spans(furniture),
    )


def find_title(lines: list[Line], dateline: tuple[date, int, int] | None) -> str | None:
    """The last short line before a dateline at the top; else a short first line over a paragraph.

    ``lines`` are the content lines (furniture dropped). A text that starts straight with a
    paragraph has no title: the first sentence of a paragraph is not a headline.
    """
    if dateline is not None:
        before = [line for line in lines if line.end <= dateline[1] and not line.text.strip().startswith("By ")]
        for line in reversed(before):
            if is_short(line):
                return line.text.strip()
        # What follows the dateline on its own line is the first content (" date 2024-03-08 In a ...").
        rest = [Line(dateline[2], line.end, line.text[dateline[2] - line.start :]) for line in lines if line.start <= dateline[2] < line.end]
        lines = [line for line in rest if line.text.strip()] + [line for line in lines if line.start > dateline[2]]
    if len(lines) >= 2 and is_short(lines[0]) and is_paragraph(lines[1]) and lines[1].words > lines[0].words:
        return lines[0].text.strip()
    return None


def find_items(lines: list[Line], end: int) -> tuple[ArticleItem, ...]:
    """The dated entries of a listing page, or () when the text is one article.

    With bullets ("•", "*", "-" before a headline): an item runs from its bullet line to the next
    bullet (the last one to ``end``, where the page's tail starts), dated by the date line inside
    it. Without bullets: each item ends with its date line; a date line counts only when a
    paragraph stands between it and the previous one, so the dateline of an article is no item.
    """
    bullets = [index for index, line in enumerate(lines) if _BULLET.fullmatch(line.text)]
    if bullets:
        items = []
        for number, first in enumerate(bullets):
            last = bullets[number + 1] if number + 1 < len(bullets) else len(lines)
            stop = lines[last].start if last < len(lines) else end
            dates = (parse_date(line.text) for line in lines[first + 1 : last])
            published = next((when for when in dates if when is not None), None)
            match = _BULLET.fullmatch(lines[first].text)
            items.append(ArticleItem(lines[first].start, stop, match.group("title") if match else None, published))
        if sum(1 for item in items if item.published is not None) >= 2:
            return tuple(items)
    return _unbulleted_items(lines, end)


def in_paragraphs(lines: list[Line]) -> list[bool]:
    """Whether each content line belongs to a paragraph. A hard-wrapped paragraph is one block of
    lines: its first line alone may look like a title, and its last like a fragment
    ("procuratorate said.")."""
    flags = [False] * len(lines)
    block_start = 0
    for index in range(len(lines) + 1):
        if index < len(lines) and index > block_start and _continues(lines[index - 1], lines[index]):
            continue
        block = lines[block_start:index]
        if block:
            joined = Line(block[0].start, block[-1].end, " ".join(line.text.strip() for line in block))
            paragraph = is_paragraph(joined) if len(block) > 1 else is_paragraph(block[0])
            for offset in range(len(block)):
                flags[block_start + offset] = paragraph
        block_start = index
    return flags


def _continues(line: Line, following: Line) -> bool:
    """Whether ``following`` wraps on from ``line``: no blank line between them, and it goes on
    mid-sentence (a lower-case word or digit, or after a comma or hyphen), unlike a paragraph
    that follows its headline."""
    if following.start > line.end + 1 or is_date_line(following.text):
        return False
    head = following.text.lstrip()[:1]
    return head.islower() or head.isdigit() or line.text.rstrip().endswith((",", "-", "–"))


def _unbulleted_items(lines: list[Line], end: int) -> tuple[ArticleItem, ...]:
    dated: list[int] = []
    paragraph_since = False
    paragraphs = in_paragraphs(lines)
    for index, line in enumerate(lines):
        if is_date_line(line.text):
            if paragraph_since:
                dated.append(index)
            paragraph_since = False
        elif paragraphs[index]:
            paragraph_since = True
    if len(dated) < 2:
        return ()
    items = []
    first = 0
    for position, date_index in enumerate(dated):
        if position == 0:
            # Item one starts at its first paragraph, or at the headline just above it.
            previous_dates = [i for i in range(date_index) if is_date_line(lines[i].text)]
            lower = previous_dates[-1] + 1 if previous_dates else 0
            first = next(i for i in range(lower, date_index) if paragraphs[i])
            if first > lower and is_short(lines[first - 1]):
                first -= 1
        stop_line = lines[date_index]
        head = lines[first]
        title = head.text.strip() if is_short(head) else None
        items.append(ArticleItem(head.start, min(stop_line.end + 1, end), title, parse_date(stop_line.text)))
        first = date_index + 1
    return tuple(items)


def merge_spans(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(span for span in spans if span[1] > span[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return tuple(merged)
