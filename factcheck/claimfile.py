"""claims/<article-id>.yaml: the reviewed record of one article's claims.

The file stores the sha256 of the article it came from. A claim a person corrected carries
``corrected: true``; re-extraction keeps it, re-located by its sentence and words, and a
correction whose sentence is gone is kept under ``orphaned`` with a warning: nothing is lost.
"""

from __future__ import annotations

import bisect
import os
import re
import tempfile
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import UserError, WriteError
from factcheck.limits import CLAIM_FILE_BYTES, read_capped
from factcheck.claim_codec import claim_from_json
from factcheck.model import Article, Claim
from factcheck.yamlfile import dump_yaml, load_yaml, parse_yaml, validate

HEADER = (
    "# factcheck claim file: the reviewed claims of one article, written by `factcheck extract`.\n"
    "# To correct a claim, edit its fields and set `corrected: true`; re-extraction keeps it.\n"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# A figure as people write it: infinity or NaN would be Infinity in JSON output, which is not JSON.
Figure = Annotated[float, Field(allow_inf_nan=False, gt=-1e18, lt=1e18)]


class IntervalRecord(_Strict):
    low: Figure | None
    high: Figure | None
    low_open: bool
    high_open: bool


class PeriodRecord(_Strict):
    start: date | None
    end: date


class DecisionRecord(_Strict):
    basis: Literal["stated", "carried", "implied", "guessed", "unknown"]
    origin: str | None = None


class IdentityRecord(_Strict):
    period: DecisionRecord | None = None
    unit: DecisionRecord | None = None
    metric: DecisionRecord | None = None
    scope: DecisionRecord | None = None


class ClaimRecord(_Strict):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    sentence: str
    value: IntervalRecord
    soft: IntervalRecord | None = None
    qualifier: str | None = None
    unit: str | None = None
    metric: str
    metric_matched: bool = True
    period: PeriodRecord | None = None
    kind: str = Field(pattern="^(count|change|share|ratio|rate|money)$")
    source: str | None = None
    source_period: PeriodRecord | None = None
    dated: date | None = None
    links: dict[str, str] = Field(default_factory=dict)
    how: dict[str, str] = Field(default_factory=dict)
    corrected: bool = False
    scope: str | None = None
    base_period: PeriodRecord | None = None
    # Absent in files written before identity was recorded: then reconstructed (claim_codec).
    identity: IdentityRecord | None = None
    orphaned: str | None = None


class ArticleRecord(_Strict):
    id: str
    path: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    url: str | None = None
    sha256: str = Field(pattern="^[0-9a-f]{64}$")


class ClaimFile(_Strict):
    article: ArticleRecord
    vocabulary: str | None = None
    claims: list[ClaimRecord] = Field(default_factory=list)
    orphaned: list[ClaimRecord] = Field(default_factory=list)


def claim_from_record(record: ClaimRecord, article_id: str) -> Claim:
    """The claim a validated record holds (the fields as ``claim_codec`` spells them out)."""
    return claim_from_json(record.model_dump(exclude={"orphaned"}, exclude_none=False), article_id)


def claim_file_path(directory: str, article_id: str) -> str:
    return os.path.join(directory, f"{article_id}.yaml")


def read_claim_file(path: str, max_bytes: int = CLAIM_FILE_BYTES) -> ClaimFile:
    located = load_yaml(path, max_bytes, "max_claim_file_bytes", written_by_tool=True)
    if not isinstance(located.data, dict):
        raise located.error((), "expected a claim file (a mapping with 'article' and 'claims'), found something else")
    return validate(located, ClaimFile)


def parse_claim_file(text: str, path: str) -> ClaimFile:
    return validate(parse_yaml(text, path, written_by_tool=True), ClaimFile)


def merge_corrections(article: Article, fresh: list[Claim], previous: ClaimFile | None) -> tuple[list[Claim], list[dict[str, Any]], list[str]]:
    """Fresh claims with the previous file's corrections laid over them.

    A correction takes the place of the fresh claim of its id, else of the fresh claims its words
    overlap where its sentence now stands (and their id): one figure in the text gives one claim,
    however its sentence was merged, split or moved. Returns the claims, the orphaned corrections
    (as records) and warnings.
    """
    if previous is None:
        return fresh, [], []
    slots: list[Claim | None] = list(fresh)  # None: a fresh claim a correction replaced
    by_id = {claim.id: index for index, claim in enumerate(fresh)}
    taken: list[tuple[int, int]] = []  # the spans corrections stand on
    relocating: list[ClaimRecord] = []
    for record in [*previous.claims, *previous.orphaned]:
        if not record.corrected:
            continue
        index = by_id.get(record.id)
        if index is None or slots[index] is not fresh[index]:
            relocating.append(record)
            continue
        anchor = fresh[index]
        slots[index] = replace(claim_from_record(record, article.id), start=anchor.start, end=anchor.end, line=anchor.line, column=anchor.column, sentence=anchor.sentence)
        taken.append((anchor.start, anchor.end))
    orphaned: list[dict[str, Any]] = []
    warnings: list[str] = []
    places = _Places(article.text, fresh) if relocating else None
    for record in relocating:
        assert places is not None
        spans = places.of(record)
        free = [span for span in spans if not any(start < span[1] and span[0] < end for start, end in taken)]
        if not free:
            why = "its figure already carries another correction" if spans else "its sentence is no longer in the article"
            data = record.model_dump(mode="json")
            data["orphaned"] = why
            orphaned.append(data)
            warnings.append(f"corrected claim {record.id} ('{record.text}'): {why}; kept under 'orphaned'")
            continue
        start, end = free[0]
        line, column = article.line_col(start)
        corrected = replace(claim_from_record(record, article.id), start=start, end=end, line=line, column=column)
        taken.append((start, end))
        covered = places.overlapping(start, end)
        if covered:
            # The figure's fresh claim gives way, and lends its id: the next extraction finds it by id.
            slots[covered[0]] = replace(corrected, id=fresh[covered[0]].id, sentence=fresh[covered[0]].sentence)
            for index in covered[1:]:
                slots[index] = None
        else:
            slots.append(corrected)
    claims = [claim for claim in slots if claim is not None]
    claims.sort(key=lambda c: (c.start, c.end, c.id))
    return claims, orphaned, warnings


class _Places:
    """Where a claim's words stand in the (changed) article text, found through its sentence with
    white space normalised, and which fresh claims stand there."""

    def __init__(self, text: str, fresh: list[Claim]) -> None:
        words = list(re.finditer(r"\S+", text))
        self.normalized = " ".join(word.group() for word in words)
        self.word_at: list[int] = []  # where each word starts in the normalised text
        self.word_start = [word.start() for word in words]  # and in the article text
        at = 0
        for word in words:
            self.word_at.append(at)
            at += len(word.group()) + 1
        self.fresh = sorted(range(len(fresh)), key=lambda index: fresh[index].start)
        self.starts = [fresh[index].start for index in self.fresh]
        self.claims = fresh
        self.longest = max((claim.end - claim.start for claim in fresh), default=0)

    def of(self, record: ClaimRecord) -> list[tuple[int, int]]:
        """Every place of the record's words, one per occurrence of its sentence, in text order."""
        sentence = " ".join(record.sentence.split())
        words = " ".join(record.text.split())
        within = sentence.find(words)
        if not sentence or not words or within == -1:
            return []
        spans: list[tuple[int, int]] = []
        found = self.normalized.find(sentence)
        while found != -1:
            target = found + within
            spans.append((self._original(target), self._original(target + len(words) - 1) + 1))
            found = self.normalized.find(sentence, found + 1)
        return spans

    def _original(self, offset: int) -> int:
        """The article offset of a character of the normalised text (never a space: words do not
        start or end with one)."""
        word = bisect.bisect_right(self.word_at, offset) - 1
        return self.word_start[word] + offset - self.word_at[word]

    def overlapping(self, start: int, end: int) -> list[int]:
        """The indices of the fresh claims whose span overlaps ``start..end``, in text order."""
        last = bisect.bisect_left(self.starts, end)
        first = bisect.bisect_left(self.starts, start - self.longest)
        return [self.fresh[k] for k in range(first, last) if self.claims[self.fresh[k]].end > start]


def render_claim_file(article: Article, claims: list[Claim], vocabulary_digest: str, orphaned: list[dict[str, Any]]) -> str:
    data: dict[str, Any] = {
        "article": {**article.metadata_json(), "sha256": article.sha256},
        "vocabulary": vocabulary_digest,
        "claims": [claim.to_json() for claim in claims],
    }
    if orphaned:
        data["orphaned"] = orphaned
    return HEADER + dump_yaml(data, sort_keys=False, width=100, default_flow_style=False)


def write_atomically(path: str, content: str) -> None:
    """Write through a temporary file and rename, so an interrupted run leaves the old file whole.

    Whatever the system refuses (a full disk, a parent that is a file, a name too long) is a
    WriteError naming ``path``.
    """
    try:
        _write_atomically(path, content)
    except OSError as exc:
        raise WriteError(exc, path) from None


def _write_atomically(path: str, content: str) -> None:
    if os.path.exists(path) and not os.path.isfile(path):
        if os.path.isdir(path):
            raise UserError("expected a file to write, found a directory", path)
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): there is no old file to keep whole,
        # and renaming over it would replace the device itself.
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            out.write(content)
        return
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".factcheck-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(content)
        # mkstemp makes the file private; give it the permissions a plain open() would have.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def check_claim_file(path: str, article: Article, expected: str, max_bytes: int = CLAIM_FILE_BYTES) -> str | None:
    """Why the claim file at ``path`` is not what extraction would write, or None."""
    if not os.path.exists(path):
        return "missing"
    raw = read_capped(path, max_bytes, "a claim file", "max_claim_file_bytes")
    try:
        current = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as open() in text mode reads it
    except UnicodeDecodeError as exc:
        raise UserError(f"cannot read the claim file: {exc}", path) from None
    try:
        stored = parse_claim_file(current, path)
    except UserError:
        return "unreadable (run `factcheck extract --out` to rewrite it)"
    if stored.article.sha256 != article.sha256:
        return f"stale: {article.path} changed since the claims were extracted"
    if current != expected:
        return "out of date: the vocabulary or the extractor changed since it was written"
    return None
