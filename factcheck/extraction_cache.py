"""The extraction cache: what reading and extracting a document gave, under a key of all that decides it.

A CI run after a one-article change reads and extracts that article only. The key is a sha256
over the cache format, factcheck's version, a digest of factcheck's own source files (so that an
edited extractor in an editable install never serves old claims under an unchanged version), the
vocabulary digest, the document's path and the sha256 of its bytes. The article id, front matter,
dates and line:column locations all follow from the path and the bytes, so an entry keeps the
article's metadata beside its claims, and a run can take an unchanged document from the cache
without parsing it again.

An entry is one JSON file, ``<dir>/extraction/<k[:2]>/<k>.json``, written through a temporary
file in the same directory and renamed, so two runs sharing the cache never see half an entry.
JSON rather than pickle: the directory may be restored from a CI cache someone else wrote, and
loading it must never run code. An entry is validated like a claim file (typed models, below); one
that cannot be read, decoded or validated is ignored (the document is read and extracted again and
the entry rewritten), never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

import factcheck
from factcheck.documents.markdown import ARTICLE_ID
from factcheck.errors import UserError
from factcheck.findings import ArticleRef
from factcheck.limits import Limits, read_capped
from factcheck.claim_codec import claim_from_exact, claim_to_exact
from factcheck.model import Article, Claim, Period

FORMAT = 2  # 2: claims carry scope, base_period and identity decisions
DEFAULT_DIRECTORY = ".factcheck-cache"
# Written into a new cache directory: git ignores it without a .gitignore entry, and backup tools
# that honour CACHEDIR.TAG (https://bford.info/cachedir/) skip it.
MARKERS = {
    ".gitignore": "# written by factcheck: the extraction cache, safe to delete\n*\n",
    "CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck extraction cache\n",
}


@lru_cache(maxsize=1)
def source_digest() -> str:
    """sha256 of factcheck's Python source: any change to the code starts a new cache."""
    package = Path(factcheck.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class CachedDocument:
    """An unchanged document as the cache remembers it: what a run needs, without reading it again."""

    ref: ArticleRef  # id, path and the metadata outputs show
    sha256: str
    warnings: tuple[str, ...]
    claims: tuple[Claim, ...]

    @property
    def id(self) -> str:
        return self.ref.id

    @property
    def path(self) -> str:
        return self.ref.path


class ExtractionCache:
    """Documents' metadata and claims by key, in ``directory``, for one vocabulary."""

    def __init__(self, directory: str, vocabulary_digest: str, limits: Limits = Limits()) -> None:
        self.directory = directory
        self.limits = limits
        self._prefix = "\0".join([str(FORMAT), factcheck.__version__, source_digest(), vocabulary_digest])
        self._prepared = False

    def key(self, path: str, sha256: str) -> str:
        return hashlib.sha256("\0".join([self._prefix, path, sha256]).encode()).hexdigest()

    def entry_path(self, key: str) -> str:
        return os.path.join(self.directory, "extraction", key[:2], key + ".json")

    def recall(self, path: str) -> CachedDocument | None:
        """The document file at ``path`` as cached for its current bytes, or None."""
        try:
            sha256 = hashlib.sha256(read_capped(path, self.limits.article_bytes)).hexdigest()
        except UserError:
            return None  # reading it properly says what is wrong
        return self._load(path, sha256)

    def claims(self, article: Article) -> list[Claim] | None:
        """The cached claims of ``article``, or None."""
        cached = self._load(article.path, article.sha256)
        return list(cached.claims) if cached else None

    def _load(self, path: str, sha256: str) -> CachedDocument | None:
        key = self.key(path, sha256)
        try:
            raw = read_capped(self.entry_path(key), self.limits.claim_file_bytes)
            entry = CacheEntry.model_validate_json(raw)
        except (UserError, OSError, ValueError):  # pydantic's ValidationError is a ValueError
            return None
        meta = entry.article
        # The id names the claim file read next: it must be the one the document itself gives (its
        # file name, or a front-matter id, which cannot hold a path), never "../../x" from the entry.
        if entry.key != key or not (meta.id == PurePosixPath(path).stem or ARTICLE_ID.fullmatch(meta.id)):
            return None
        return CachedDocument(
            ref=ArticleRef(meta.id, path, meta.title, meta.publisher, meta.published, meta.url),
            sha256=sha256,
            warnings=tuple(meta.warnings),
            claims=tuple(_claim(record, meta.id) for record in entry.claims),
        )

    def store(self, article: Article, claims: list[Claim]) -> None:
        """Keep ``article``'s metadata and claims; raises WriteError when the directory cannot be written."""
        from factcheck.claimfile import write_atomically

        if not self._prepared:
            self._prepare()
        key = self.key(article.path, article.sha256)
        meta = {**article.metadata_json(), "warnings": list(article.warnings)}
        entry = {"key": key, "article": meta, "claims": [encode_claim(claim) for claim in claims]}
        path = self.entry_path(key)
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isfile(path)):
            os.unlink(path)  # a pipe or a link put in our place: writing into it would block or go elsewhere
        write_atomically(path, json.dumps(entry, ensure_ascii=False, separators=(",", ":"), allow_nan=False))

    def _prepare(self) -> None:
        from factcheck.claimfile import write_atomically

        for name, content in MARKERS.items():
            marker = os.path.join(self.directory, name)
            if not os.path.exists(marker):
                write_atomically(marker, content)
        self._prepared = True


# The exact form of claim_codec keeps every field exactly (floats as floats, link and how pairs in
# their order), unlike Claim.to_json, which rounds numbers for people to read: a cached run must
# print the same bytes as a fresh one.
encode_claim = claim_to_exact


def decode_claim(text: str | bytes, article_id: str) -> Claim:
    """A claim from its JSON encoding; raises ValueError when it is not one."""
    return _claim(CachedClaim.model_validate_json(text), article_id)


def _claim(record: CachedClaim, article_id: str) -> Claim:
    # Validated by its model; the codec reads the same fields back from their exact form.
    return claim_from_exact(record.model_dump(mode="json"), article_id)


# What an entry must be, checked like a claim file: the directory may come from a CI cache someone
# else wrote, and a wrong type must mean "extract again", never a crash later or a wrong finding.


class _Record(BaseModel):
    # Strict: 51000 stays an int and 51000.0 a float (a cached run prints the same bytes), and a
    # string is never taken for a number.
    model_config = ConfigDict(extra="forbid", strict=True)


Number = int | Annotated[float, Field(allow_inf_nan=False)]
IntervalTuple = tuple[Number | None, Number | None, bool, bool]
PeriodTuple = tuple[date | None, date]


class CachedClaim(_Record):
    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    sentence: str
    value: IntervalTuple
    soft: IntervalTuple | None
    qualifier: str | None
    unit: str | None
    metric: str
    metric_matched: bool
    period: PeriodTuple | None
    kind: Literal["count", "change", "share", "ratio", "money", "rate"]
    source: str | None
    source_period: PeriodTuple | None
    dated: date | None
    links: list[tuple[str, str]]
    how: list[tuple[str, str]]
    corrected: bool
    scope: str | None
    base_period: PeriodTuple | None
    identity: list[tuple[Literal["stated", "carried", "implied", "guessed", "unknown"], str | None]] = Field(min_length=4, max_length=4)


class CachedArticle(_Record):
    id: str = Field(min_length=1)
    path: str
    title: str | None
    publisher: str | None
    published: date | None
    url: str | None
    warnings: list[str]


class CacheEntry(_Record):
    key: str
    article: CachedArticle
    claims: list[CachedClaim]


def _encode_period(period: Period | None) -> list[str | None] | None:
    if period is None:
        return None
    return [period.start.isoformat() if period.start else None, period.end.isoformat()]
