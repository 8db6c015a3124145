"""claims/<article-id>.yaml: the reviewed record of one article's claims.

The file stores the sha256 of the article it came from. A claim a person corrected carries
``corrected: true``; re-extraction keeps it, re-located by its sentence and words, and a
correction whose sentence is gone is kept under ``orphaned`` with a warning: nothing is lost.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import UserError
from factcheck.claim_codec import claim_from_json
from factcheck.model import Article, Claim
from factcheck.yamlfile import dump_yaml, load_yaml, parse_yaml, validate

HEADER = (
    "# factcheck claim file: the reviewed claims of one article, written by `factcheck extract`.\n"
    "# To correct a claim, edit its fields and set `corrected: true`; re-extraction keeps it.\n"
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IntervalRecord(_Strict):
    low: float | None
    high: float | None
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
    kind: str = Field(pattern="^(count|change|share|ratio|money)$")
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


def read_claim_file(path: str) -> ClaimFile:
    located = load_yaml(path)
    if not isinstance(located.data, dict):
        raise located.error((), "expected a claim file (a mapping with 'article' and 'claims'), found something else")
    return validate(located, ClaimFile)


def parse_claim_file(text: str, path: str) -> ClaimFile:
    return validate(parse_yaml(text, path), ClaimFile)


def merge_corrections(article: Article, fresh: list[Claim], previous: ClaimFile | None) -> tuple[list[Claim], list[dict[str, Any]], list[str]]:
    """Fresh claims with the previous file's corrections laid over them.

    Returns the claims, the orphaned corrections (as records) and warnings.
    """
    if previous is None:
        return fresh, [], []
    by_id = {claim.id: index for index, claim in enumerate(fresh)}
    claims = list(fresh)
    orphaned: list[dict[str, Any]] = []
    warnings: list[str] = []
    for record in [*previous.claims, *previous.orphaned]:
        if not record.corrected:
            continue
        corrected = claim_from_record(record, article.id)
        if record.id in by_id:
            anchor = fresh[by_id[record.id]]
            claims[by_id[record.id]] = replace(corrected, start=anchor.start, end=anchor.end, line=anchor.line, column=anchor.column, sentence=anchor.sentence)
            continue
        located = _relocate(article, record)
        if located is None:
            data = record.model_dump(mode="json")
            data["orphaned"] = "its sentence is no longer in the article"
            orphaned.append(data)
            warnings.append(f"corrected claim {record.id} ('{record.text}'): its sentence is no longer in the article; kept under 'orphaned'")
            continue
        start, end = located
        line, column = article.line_col(start)
        claims.append(replace(corrected, start=start, end=end, line=line, column=column))
    claims.sort(key=lambda c: (c.start, c.end, c.id))
    return claims, orphaned, warnings


def _relocate(article: Article, record: ClaimRecord) -> tuple[int, int] | None:
    """Find the claim's words inside its sentence in the (changed) article text."""
    normalized = " ".join(article.text.split())
    sentence_at = normalized.find(record.sentence)
    if sentence_at == -1:
        return None
    within = record.sentence.find(" ".join(record.text.split()))
    if within == -1:
        return None
    target = sentence_at + within
    # Map the offset in the white-space-normalised text back to the article text.
    position = 0
    count = 0
    text = article.text
    while position < len(text) and text[position].isspace():
        position += 1
    while count < target and position < len(text):
        if text[position].isspace():
            while position < len(text) and text[position].isspace():
                position += 1
        else:
            position += 1
        count += 1
    return position, position + len(record.text)


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
    """Write through a temporary file and rename, so an interrupted run leaves the old file whole."""
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


def check_claim_file(path: str, article: Article, expected: str) -> str | None:
    """Why the claim file at ``path`` is not what extraction would write, or None."""
    if not os.path.exists(path):
        return "missing"
    try:
        with open(path, encoding="utf-8") as handle:
            current = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
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
