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
loading it must never run code. An entry that cannot be read or decoded is ignored (the document
is read and extracted again and the entry rewritten), never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import factcheck
from factcheck.errors import UserError
from factcheck.findings import ArticleRef
from factcheck.limits import Limits, read_capped
from factcheck.model import Article, Claim, Interval, Period

FORMAT = 1
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
            entry = json.loads(read_capped(self.entry_path(key), self.limits.claim_file_bytes))
            if entry["key"] != key:
                return None
            meta = entry["article"]
            return CachedDocument(
                ref=ArticleRef.from_metadata(meta, path),
                sha256=sha256,
                warnings=tuple(str(warning) for warning in meta["warnings"]),
                claims=tuple(decode_claim(record, meta["id"]) for record in entry["claims"]),
            )
        except (UserError, OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def store(self, article: Article, claims: list[Claim]) -> None:
        """Keep ``article``'s metadata and claims; raises OSError when the directory cannot be written."""
        from factcheck.claimfile import write_atomically

        if not self._prepared:
            self._prepare()
        key = self.key(article.path, article.sha256)
        meta = {**article.metadata_json(), "warnings": list(article.warnings)}
        entry = {"key": key, "article": meta, "claims": [encode_claim(claim) for claim in claims]}
        path = self.entry_path(key)
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isfile(path)):
            os.unlink(path)  # a pipe or a link put in our place: writing into it would block or go elsewhere
        write_atomically(path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))

    def _prepare(self) -> None:
        from factcheck.claimfile import write_atomically

        for name, content in MARKERS.items():
            marker = os.path.join(self.directory, name)
            if not os.path.exists(marker):
                write_atomically(marker, content)
        self._prepared = True


# The encoding keeps every field exactly (floats as floats, link and how pairs in their order),
# unlike Claim.to_json, which rounds numbers for people to read: a cached run must print the same
# bytes as a fresh one.


def encode_claim(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
        "column": claim.column,
        "sentence": claim.sentence,
        "value": list(claim.value),
        "soft": list(claim.soft) if claim.soft else None,
        "qualifier": claim.qualifier,
        "unit": claim.unit,
        "metric": claim.metric,
        "metric_matched": claim.metric_matched,
        "period": _encode_period(claim.period),
        "kind": claim.kind,
        "source": claim.source,
        "source_period": _encode_period(claim.source_period),
        "dated": claim.dated.isoformat() if claim.dated else None,
        "links": [list(pair) for pair in claim.links],
        "how": [list(pair) for pair in claim.how],
        "corrected": claim.corrected,
    }


def decode_claim(data: dict[str, Any], article_id: str) -> Claim:
    return Claim(
        id=data["id"],
        article=article_id,
        text=data["text"],
        start=data["start"],
        end=data["end"],
        line=data["line"],
        column=data["column"],
        sentence=data["sentence"],
        value=Interval(*data["value"]),
        soft=Interval(*data["soft"]) if data["soft"] else None,
        qualifier=data["qualifier"],
        unit=data["unit"],
        metric=data["metric"],
        metric_matched=data["metric_matched"],
        period=_decode_period(data["period"]),
        kind=data["kind"],
        source=data["source"],
        source_period=_decode_period(data["source_period"]),
        dated=date.fromisoformat(data["dated"]) if data["dated"] else None,
        links=tuple((relation, target) for relation, target in data["links"]),
        how=tuple((name, how) for name, how in data["how"]),
        corrected=data["corrected"],
    )


def _encode_period(period: Period | None) -> list[str | None] | None:
    if period is None:
        return None
    return [period.start.isoformat() if period.start else None, period.end.isoformat()]


def _decode_period(data: list[str | None] | None) -> Period | None:
    if data is None:
        return None
    start, end = data
    return Period(date.fromisoformat(start) if start else None, date.fromisoformat(str(end)))
