"""The development corpus's answer key: ``<article>.answers.yaml`` and a beat's ``conflicts.yaml``.

Loaded into typed records with every figure located in its article's text, so that scoring is a
plain comparison. Anything wrong in an answer file (a missing file, an unknown key, a token the
article does not contain, an interval or period that does not parse, a number of the article left
unannotated) is a ``RuleFileError`` at ``file:line:col``: a wrong key must never score silently.
The format is described in tests/accuracy/README.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.documents import find_documents, read_document
from factcheck.errors import RuleFileError
from factcheck.model import KINDS, Article, Interval, number_to_json
from factcheck.yamlfile import LocatedYaml, load_yaml, validate

ANSWERS_SUFFIX = ".answers.yaml"
CONFLICTS_FILE = "conflicts.yaml"
# A number as an article writes it: digits with thousands separators or a decimal part.
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
INTERVAL = re.compile(r"^\s*(?:\[\s*(?P<exact>-?[0-9.e+]+)\s*\]|(?P<left>[\[(])\s*(?P<low>-inf|-?[0-9.e+]+)\s*,\s*(?P<high>inf|-?[0-9.e+]+)\s*(?P<right>[\])]))\s*$")
PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})?\.\.\d{4}-\d{2}-\d{2}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureRecord(_Strict):
    token: str = Field(min_length=1)
    occurrence: int | None = Field(default=None, ge=1)
    claim: bool = True
    value: str | None = None
    unit: str | None = None
    kind: Literal["count", "change", "share", "ratio", "money"] | None = None
    period: str | None = None
    metric: str | None = None
    scope: str | None = None
    note: str | None = None  # for the annotator's reasoning; not scored


class AnswersFile(_Strict):
    article: str = Field(min_length=1)
    figures: list[FigureRecord]


class SideRecord(_Strict):
    article: str = Field(min_length=1)
    token: str = Field(min_length=1)
    occurrence: int = Field(default=1, ge=1)


class PairRecord(_Strict):
    a: SideRecord
    b: SideRecord
    why: str = Field(min_length=1)


class ConflictsFile(_Strict):
    conflicts: list[PairRecord] = Field(default_factory=list)
    not_conflicts: list[PairRecord] = Field(default_factory=list)


@dataclass(frozen=True)
class Span:
    """Where an annotated token stands: the article and the offsets of its text."""

    article: str
    start: int
    end: int

    def overlaps(self, article: str, start: int, end: int) -> bool:
        return article == self.article and start < self.end and self.start < end


@dataclass(frozen=True)
class Figure:
    """One annotated number; the expected fields are None where the article gives none."""

    token: str
    spans: tuple[Span, ...]  # a figure: one span; claim: false without occurrence: every occurrence
    claim: bool
    value: Interval | None
    unit: str | None
    kind: str | None
    period: str | None
    metric: str | None
    scope: str | None
    where: str  # file:line of its entry, for messages


@dataclass(frozen=True)
class Pair:
    a: Span
    b: Span
    why: str
    where: str


@dataclass(frozen=True)
class Beat:
    name: str
    folder: Path
    articles: tuple[Article, ...]
    figures: tuple[Figure, ...]
    conflicts: tuple[Pair, ...]
    not_conflicts: tuple[Pair, ...]


def load_beat(folder: Path) -> Beat:
    """Every article of the folder with its answers file, and the beat's conflicts.yaml."""
    paths, errors = find_documents([str(folder)])
    if errors:
        raise errors[0]
    articles = tuple(read_document(path) for path in paths)
    if not articles:
        raise RuleFileError(f"expected articles (.md, .html, .txt) in the beat folder, found none", str(folder))
    by_id: dict[str, Article] = {}
    for article in articles:
        if article.id in by_id:
            raise RuleFileError(f"expected unique article ids, found '{article.id}' also in {by_id[article.id].path}", article.path, 1, 1)
        by_id[article.id] = article
    figures: list[Figure] = []
    answered: set[str] = set()
    for article in articles:
        answers = Path(article.path).with_name(Path(article.path).stem + ANSWERS_SUFFIX)
        if not answers.is_file():
            raise RuleFileError(f"expected an answers file {answers.name} beside the article, found none", article.path, 1, 1)
        figures.extend(_load_answers(str(answers), article))
        answered.add(str(answers))
    for stray in sorted(folder.glob("*" + ANSWERS_SUFFIX)):
        if str(stray) not in answered:
            raise RuleFileError("expected an article beside this answers file (same stem), found none", str(stray), 1, 1)
    conflicts: tuple[Pair, ...] = ()
    not_conflicts: tuple[Pair, ...] = ()
    conflicts_path = folder / CONFLICTS_FILE
    if conflicts_path.is_file():
        conflicts, not_conflicts = _load_conflicts(str(conflicts_path), by_id, figures)
    return Beat(folder.name, folder, articles, tuple(figures), conflicts, not_conflicts)


def _load_answers(path: str, article: Article) -> list[Figure]:
    located = load_yaml(path)
    answers: AnswersFile = validate(located, AnswersFile)
    if answers.article != article.id:
        raise located.error(("article",), f"expected the article id '{article.id}' (of {article.path}), found '{answers.article}'")
    figures = []
    for index, record in enumerate(answers.figures):
        figures.append(_figure(located, index, record, article))
    _check_every_number(located, article, figures)
    return figures


def _figure(located: LocatedYaml, index: int, record: FigureRecord, article: Article) -> Figure:
    loc = ("figures", index)
    starts = _occurrences(article.text, record.token)
    if not starts:
        raise located.error((*loc, "token"), f"expected a token found in the text of {article.path}, found '{record.token}'")
    if record.occurrence is not None:
        if record.occurrence > len(starts):
            raise located.error((*loc, "occurrence"), f"expected an occurrence of '{record.token}' up to {len(starts)}, found {record.occurrence}")
        starts = [starts[record.occurrence - 1]]
    elif record.claim:
        starts = starts[:1]
    spans = tuple(Span(article.id, start, start + len(record.token)) for start in starts)
    line, _ = located.where(loc)
    where = f"{located.path}:{line}"
    if not record.claim:
        return Figure(record.token, spans, False, None, None, None, None, None, None, where)
    for key in ("value", "kind"):
        if getattr(record, key) is None:
            raise located.error(loc, f"expected the key '{key}' for a figure (or claim: false), found none")
    if record.kind not in KINDS:  # pragma: no cover - the Literal above keeps them in step
        raise located.error((*loc, "kind"), f"expected one of {', '.join(KINDS)}, found '{record.kind}'")
    if record.period is not None and not PERIOD.match(record.period):
        raise located.error((*loc, "period"), f"expected a period 'YYYY-MM-DD..YYYY-MM-DD' or '..YYYY-MM-DD', found '{record.period}'")
    value = parse_interval(record.value or "")
    if value is None:
        raise located.error((*loc, "value"), f"expected an interval such as '[1976]', '[50500, 51500)' or '(50000, inf)', found '{record.value}'")
    return Figure(record.token, spans, True, value, record.unit, record.kind, record.period, record.metric, record.scope, where)


def _occurrences(text: str, token: str) -> list[int]:
    starts: list[int] = []
    at = text.find(token)
    while at >= 0:
        starts.append(at)
        at = text.find(token, at + 1)
    return starts


def parse_interval(text: str) -> Interval | None:
    """An interval as ``show_interval`` prints it, or None when it is not one."""
    match = INTERVAL.match(text)
    if match is None:
        return None
    try:
        if match["exact"] is not None:
            return Interval.exact(float(match["exact"]))
        low = None if match["low"] == "-inf" else float(match["low"])
        high = None if match["high"] == "inf" else float(match["high"])
    except ValueError:
        return None
    if (low is not None and not math.isfinite(low)) or (high is not None and not math.isfinite(high)):
        return None
    return Interval(low, high, match["left"] == "(" or low is None, match["right"] == ")" or high is None)


def show_interval(interval: Interval) -> str:
    """"[50500, 51500)": ``Interval.show`` without thousands separators, as the answers write it."""
    return interval.show(lambda number: str(number_to_json(number)))


def _check_every_number(located: LocatedYaml, article: Article, figures: list[Figure]) -> None:
    """Every number of the article's searched text must be annotated, as a figure or claim: false."""
    spans = [span for figure in figures for span in figure.spans]
    for match in NUMBER.finditer(article.text):
        start, end = match.span()
        if any(f_start <= start < f_end for f_start, f_end in article.furniture):
            continue
        if not any(span.overlaps(article.id, start, end) for span in spans):
            line, column = article.line_col(start)
            raise located.error(
                ("figures",),
                f"expected every number of the article annotated, found '{match.group(0)}' at {article.path}:{line}:{column} in none of its tokens",
            )


def _load_conflicts(path: str, articles: dict[str, Article], figures: list[Figure]) -> tuple[tuple[Pair, ...], tuple[Pair, ...]]:
    located = load_yaml(path)
    data: ConflictsFile = validate(located, ConflictsFile) if located.data is not None else ConflictsFile()
    annotated = {span for figure in figures if figure.claim for span in figure.spans}
    result: dict[str, list[Pair]] = {"conflicts": [], "not_conflicts": []}
    for key, pairs in (("conflicts", data.conflicts), ("not_conflicts", data.not_conflicts)):
        for index, pair in enumerate(pairs):
            sides = [_side(located, (key, index, name), side, articles, annotated) for name, side in (("a", pair.a), ("b", pair.b))]
            line, _ = located.where((key, index))
            result[key].append(Pair(sides[0], sides[1], pair.why, f"{path}:{line}"))
    return tuple(result["conflicts"]), tuple(result["not_conflicts"])


def _side(located: LocatedYaml, loc: tuple[str | int, ...], side: SideRecord, articles: dict[str, Article], annotated: set[Span]) -> Span:
    article = articles.get(side.article)
    if article is None:
        raise located.error((*loc, "article"), f"expected an article id of the beat, found '{side.article}'")
    starts = _occurrences(article.text, side.token)
    if len(starts) < side.occurrence:
        raise located.error((*loc, "token"), f"expected a token found {side.occurrence} time(s) in {article.path}, found '{side.token}' {len(starts)} time(s)")
    start = starts[side.occurrence - 1]
    span = Span(article.id, start, start + len(side.token))
    for figure_span in sorted(annotated, key=lambda s: (s.article, s.start)):
        if figure_span.overlaps(span.article, span.start, span.end):
            return figure_span  # the side is that figure: scoring compares figures, not substrings
    raise located.error((*loc, "token"), f"expected a token of an annotated figure of {side.article}, found '{side.token}'")
