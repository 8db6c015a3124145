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
from functools import lru_cache
from pathlib import Path
from typing import Any

import factcheck
from factcheck.findings import ArticleRef
from factcheck.claim_codec import claim_from_exact, claim_to_exact
from factcheck.model import Article, Claim

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

    def __init__(self, directory: str, vocabulary_digest: str) -> None:
        self.directory = directory
        self._prefix = "\0".join([str(FORMAT), factcheck.__version__, source_digest(), vocabulary_digest])
        self._prepared = False

    def key(self, path: str, sha256: str) -> str:
        return hashlib.sha256("\0".join([self._prefix, path, sha256]).encode()).hexdigest()

    def entry_path(self, key: str) -> str:
        return os.path.join(self.directory, "extraction", key[:2], key + ".json")

    def recall(self, path: str) -> CachedDocument | None:
        """The document file at ``path`` as cached for its current bytes, or None."""
        try:
            with open(path, "rb") as handle:
                sha256 = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            return None  # reading it properly says what is wrong
        return self._load(path, sha256)

    def claims(self, article: Article) -> list[Claim] | None:
        """The cached claims of ``article``, or None."""
        cached = self._load(article.path, article.sha256)
        return list(cached.claims) if cached else None

    def _load(self, path: str, sha256: str) -> CachedDocument | None:
        key = self.key(path, sha256)
        try:
            with open(self.entry_path(key), encoding="utf-8") as handle:
                entry = json.load(handle)
            if entry["key"] != key:
                return None
            meta = entry["article"]
            return CachedDocument(
                ref=ArticleRef.from_metadata(meta, path),
                sha256=sha256,
                warnings=tuple(str(warning) for warning in meta["warnings"]),
                claims=tuple(decode_claim(record, meta["id"]) for record in entry["claims"]),
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    def store(self, article: Article, claims: list[Claim]) -> None:
        """Keep ``article``'s metadata and claims; raises OSError when the directory cannot be written."""
        from factcheck.claimfile import write_atomically

        if not self._prepared:
            self._prepare()
        key = self.key(article.path, article.sha256)
        meta = {**article.metadata_json(), "warnings": list(article.warnings)}
        entry = {"key": key, "article": meta, "claims": [encode_claim(claim) for claim in claims]}
        write_atomically(self.entry_path(key), json.dumps(entry, ensure_ascii=False, separators=(",", ":")))

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
decode_claim = claim_from_exact
