"""Claim files whose article is gone: found again by content when the article was renamed.

A claim file is named after its article's id, the file stem: renaming the article leaves the
claim file behind, and its reviewed corrections with it. A claim file is *orphaned* when no
article of the run has its id and the article path it records exists no more. An article of the
run without a claim file of its own takes an orphaned one whose recorded sha256 is its own
(renamed, unchanged), else one at least half of whose sentences it holds (renamed and edited). What is
left is reported: a warning from `extract --out`, a failure of `extract --check`, a finding of
`run`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from factcheck.claimfile import ClaimFile, ClaimRecord, read_claim_file
from factcheck.errors import UserError
from factcheck.yamlfile import parse_yaml


@dataclass(frozen=True)
class Orphan:
    path: str  # the claim file
    article_id: str
    article_path: str  # where its article was
    sha256: str


def find_orphans(directory: str, article_ids: set[str]) -> list[Orphan]:
    """The orphaned claim files of ``directory``, by name."""
    if not os.path.isdir(directory):
        return []
    orphans: list[Orphan] = []
    for name in sorted(os.listdir(directory)):
        stem, suffix = os.path.splitext(name)
        path = os.path.join(directory, name)
        if suffix != ".yaml" or stem in article_ids or name.startswith(".") or not os.path.isfile(path):
            continue
        head = _article_of(path)
        if head is None or _exists(head[1], directory):
            continue
        orphans.append(Orphan(path, head[0], head[1], head[2]))
    return orphans


def _article_of(path: str) -> tuple[str, str, str] | None:
    """The id, path and sha256 a claim file records, read from its head only: a subset run must
    not parse every claim file of a large archive. None for what is no claim file."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    end = text.find("\nclaims:")
    try:
        data = parse_yaml(text[: end + 1] if end != -1 else text, path, written_by_tool=True).data
    except UserError:
        return None
    article = data.get("article") if isinstance(data, dict) else None
    if not isinstance(article, dict) or not all(isinstance(article.get(key), str) for key in ("id", "path", "sha256")):
        return None
    return article["id"], article["path"], article["sha256"]


def _exists(article_path: str, directory: str) -> bool:
    """Recorded paths are as given to `extract`: from the working directory, or from the project
    the claims directory stands in (its parent)."""
    project = os.path.dirname(os.path.abspath(directory))
    return os.path.exists(article_path) or os.path.exists(os.path.join(project, article_path))


def corrections_of(stored: ClaimFile) -> list[ClaimRecord]:
    return [record for record in [*stored.claims, *stored.orphaned] if record.corrected]


class Adopter:
    """Hands each article without a claim file the orphaned claim file it was renamed from."""

    def __init__(self, orphans: list[Orphan]) -> None:
        self.left = list(orphans)
        self._read: dict[str, ClaimFile] = {}

    def adopt(self, sha256: str, text: str | None) -> tuple[Orphan, ClaimFile] | None:
        """The orphan of the same content (``sha256``), else the one at least half of whose
        sentences ``text`` (the article's, when known) holds, the larger share first."""
        for orphan in self.left:
            if orphan.sha256 == sha256:
                self.left.remove(orphan)
                return orphan, self.read(orphan)
        if not self.left or text is None:
            return None
        normalized = " ".join(text.split())
        best: tuple[float, Orphan] | None = None
        for orphan in self.left:
            sentences = {" ".join(record.sentence.split()) for record in self.read(orphan).claims}
            share = sum(1 for sentence in sentences if sentence in normalized) / len(sentences) if sentences else 0.0
            if share >= 0.5 and (best is None or share > best[0]):
                best = (share, orphan)
        if best is None:
            return None
        self.left.remove(best[1])
        return best[1], self.read(best[1])

    def read(self, orphan: Orphan) -> ClaimFile:
        if orphan.path not in self._read:
            self._read[orphan.path] = read_claim_file(orphan.path)
        return self._read[orphan.path]
