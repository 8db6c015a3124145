"""What a run finds: one immutable Finding type that every output format consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factcheck.fact_key import Coverage, FactKey, coverage_of_claims
from factcheck.model import Article, Claim, Interval

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1, "never": 4}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # the rule id: its file stem, stable (SARIF and CI history key on it)
    check: str  # the check kind that produced it
    severity: str  # error | warning | info
    message: str
    fact: str  # what the claims disagree about, e.g. "telecom-fraud/prosecuted, person, 2023"
    claims: tuple[Claim, ...]  # sorted by article, then position
    consensus: Interval | None = None  # the interval most claims share, where there is one
    outliers: tuple[str, ...] = ()  # ids of the claims that leave the consensus
    derivation: tuple[str, ...] = ()  # how derived claims were computed, one step a line
    # Set when a reviewed suppression accepts the finding: it is still reported, but fails nothing.
    suppressed: Suppressed | None = None
    # The fact the finding is about (``fact`` prints it), and for a part against its whole the
    # whole's fact; None only for findings made without one.
    key: FactKey | None = None
    whole: FactKey | None = None
    # The identity fields (period, unit, metric, scope) some claim of the finding only guessed:
    # such a finding is a warning at most, and says which.
    guessed: tuple[str, ...] = ()
    # Stable across runs and text moves: rule, fact key and the claims' normalised values.
    fingerprint: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        identity = self.fact if self.key is None else self.key.canonical()
        if self.whole is not None:
            identity += " within " + self.whole.canonical()
        object.__setattr__(self, "fingerprint", fingerprint(self.rule, identity, self.claims))

    @property
    def anchor(self) -> str:
        """A stable HTML anchor and reference: F- and the fingerprint."""
        return f"F-{self.fingerprint}"

    def sort_key(self) -> tuple[int, str, str, str]:
        return (-SEVERITY_RANK[self.severity], self.rule, self.fact, self.fingerprint)


def fingerprint(rule: str, fact: str, claims: tuple[Claim, ...]) -> str:
    """What identifies a finding across runs: the rule, the fact key (``FactKey.canonical``) and
    the claims' normalised values.

    Not positions, sentences or wordings: moving a sentence or editing the text around a claim
    keeps the fingerprint (and a suppression of it); a changed value, unit or period changes it.
    Raw fields, not their printed forms: formatting is the slow part with many findings.
    """
    parts = [rule, fact]
    parts += sorted(repr((c.article, c.value, c.soft, c.unit, c.period)) for c in claims)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Suppressed:
    """The suppression that accepted a finding, as outputs show it."""

    reason: str
    expires: date | None
    where: str  # file:line of the entry


@dataclass(frozen=True)
class ArticleRef:
    """What outputs show of an article beside its claims."""

    id: str
    path: str
    title: str | None
    publisher: str | None
    published: date | None
    url: str | None

    @classmethod
    def from_article(cls, article: Article) -> ArticleRef:
        return cls(article.id, article.path, article.title, article.publisher, article.published, article.url)

    @classmethod
    def from_metadata(cls, meta: dict[str, Any], path: str) -> ArticleRef:
        """From ``Article.metadata_json()`` as stored (the path as the document is found now)."""
        published = meta["published"]
        return cls(meta["id"], path, meta["title"], meta["publisher"], date.fromisoformat(published) if published else None, meta["url"])


@dataclass(frozen=True)
class RuleRef:
    id: str
    check: str
    severity: str
    description: str
    path: str


@dataclass(frozen=True)
class RunResult:
    """Everything an output needs: findings in a deterministic order, and what they refer to."""

    findings: tuple[Finding, ...]
    articles: dict[str, ArticleRef]
    rules: dict[str, RuleRef]
    claim_count: int
    warnings: tuple[str, ...] = field(default=())
    # Every claim of the run, for outputs that list facts and articles beyond the findings (HTML).
    claims: tuple[Claim, ...] = field(default=())
    # How many claims were compared, and why the others were not; worked out from ``claims``
    # when not given (a result made without its claims has none to show).
    coverage: Coverage | None = None

    def __post_init__(self) -> None:
        if self.coverage is None and (self.claims or not self.claim_count):
            object.__setattr__(self, "coverage", coverage_of_claims(self.claims))

    @property
    def active(self) -> tuple[Finding, ...]:
        """The findings no suppression accepts: these count and fail runs."""
        return tuple(finding for finding in self.findings if finding.suppressed is None)

    @property
    def suppressed(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.suppressed is not None)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity and finding.suppressed is None)

    def summary(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "claims": self.claim_count,
            "error": self.count("error"),
            "warning": self.count("warning"),
            "info": self.count("info"),
            "suppressed": len(self.suppressed),
            **(self.coverage.to_json() if self.coverage is not None else {}),
        }

    def exit_code(self, fail_on: str) -> int:
        from factcheck import exitcodes

        threshold = SEVERITY_RANK[fail_on]
        failing = any(SEVERITY_RANK[f.severity] >= threshold for f in self.active)
        return exitcodes.FINDINGS if failing else exitcodes.OK
