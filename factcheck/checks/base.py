"""What every check kind shares: the rule-file fields, claim selection and the claim index."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

Day = date  # a field named `date` would hide the type in its own annotation
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from factcheck.fact_key import Coverage, FactKey, coverage_of, fact_key, group_claims, unknown_identity
from factcheck.model import Claim
from factcheck.user_regex import compile_user_regex, regex_problem

Severity = Literal["error", "warning", "info"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Selector(Strict):
    """Which claims a rule looks at; every condition given must hold."""

    metrics: list[str] = Field(default_factory=list, description="metric patterns, * and ? as in file names: telecom-fraud/*")
    kinds: list[Literal["count", "change", "share", "ratio", "rate", "money"]] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)
    matched_only: bool = Field(
        default=False,
        description="leave out claims whose metric no vocabulary entry matched (by default they are checked by their "
        "derived key, and a finding that rests on one is a warning at most)",
    )
    sentence: str | None = Field(
        default=None,
        description="a regular expression (RE2 syntax: no backreferences or lookaround) the claim's sentence must match",
        json_schema_extra={"format": "regex"},
    )

    @field_validator("sentence")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        problem = regex_problem(value) if value is not None else None
        if problem is not None:
            raise ValueError(problem)
        return value

    def accepts(self, claim: Claim) -> bool:
        if self.matched_only and not claim.metric_matched:
            return False
        if self.kinds and claim.kind not in self.kinds:
            return False
        if self.units and claim.unit not in self.units:
            return False
        if self.sentence is not None and not compile_user_regex(self.sentence).search(claim.sentence):
            return False
        return not self.metrics or any(fnmatch.fnmatchcase(claim.metric, pattern) for pattern in self.metrics)


class ExampleDocument(Strict):
    text: str = Field(
        min_length=1,
        description="the document's text; in fail examples, [[...]] marks a claim the finding must name (quote the text when it starts with [[)",
    )
    date: Day | None = Field(default=None, description="the publication date that relative periods resolve against")
    id: str | None = Field(default=None, description="the article id findings show (default: example-1, example-2, ...)")


class Example(Strict):
    """Documents that, checked together with this rule alone, must (fail) or must not (pass) give a finding."""

    documents: list[ExampleDocument] = Field(min_length=1)
    note: str | None = None


class Examples(Strict):
    fail: list[Example] = Field(default_factory=list, description="documents that must give a finding of this rule")
    pass_: list[Example] = Field(default_factory=list, alias="pass", description="documents that must give none")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("pass_")
    @classmethod
    def _no_marks(cls, examples: list[Example]) -> list[Example]:
        for example in examples:
            for document in example.documents:
                if "[[" in document.text:
                    raise ValueError("expected [[...]] marks only in fail examples (a pass example names no finding), found one in a pass example")
        return examples


class RuleBase(Strict):
    """The fields of every check rule file (rules/checks/<id>.yaml; the id is the file stem)."""

    description: str = Field(min_length=1, description="what the rule checks, shown in every output")
    severity: Severity = Field(description="severity of the findings")
    message: str | None = Field(default=None, description="message template; see the check kind for its fields")
    select: Selector = Field(default_factory=Selector)
    help: str | None = Field(default=None, description="what to do about a finding")
    examples: Examples = Field(default_factory=Examples)


Selection = list[tuple[FactKey, list[Claim]]]


def _position(claim: Claim) -> tuple[str, int, str]:
    return (claim.article, claim.start, claim.id)


def _group_order(item: tuple[FactKey, list[Claim]]) -> tuple[str, str, str, str, str]:
    metric, scope, unit, period, kind = item[0]
    return (metric, unit or "", repr(period), kind, scope or "")


@dataclass
class ClaimIndex:
    """Every claim of a run, grouped once, so that no check compares all pairs."""

    claims: list[Claim]
    by_id: dict[str, Claim] = field(default_factory=dict)
    by_fact: dict[FactKey, list[Claim]] = field(default_factory=dict)
    derived: list[Claim] = field(default_factory=list)
    not_compared: dict[str, list[Claim]] = field(default_factory=dict)  # reason -> claims of no fact
    coverage: Coverage = field(default_factory=Coverage)  # of the stated claims, before any is derived
    parents: dict[str, str] = field(default_factory=dict)  # topic -> broader topic (metrics vocabulary)
    scope_parents: dict[str, str] = field(default_factory=dict)  # scope -> the scope it lies within (scopes vocabulary)
    _selections: dict[tuple[str, bool, int], Selection] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {claim.id: claim for claim in self.claims}
        # A claim whose period, unit or metric is unknown is in no group: it is not compared.
        groups, self.not_compared = group_claims(self.claims)
        # Order within each (small) group, not the whole run: the result does not depend on the
        # order claims came in, and sorting a million claims would cost more than grouping them.
        self.by_fact = {key: sorted(group, key=_position) for key, group in sorted(groups.items(), key=_group_order)}
        self.coverage = coverage_of(self.by_fact, self.not_compared)

    def selected(self, selector: Selector, stated_only: bool = True) -> Selection:
        """The fact groups with the claims the selector accepts; derived claims left out unless asked.

        The metric, unit and kind tests depend on a group's key only, so they run once a group
        rather than once a claim; and a selection is made once per selector (the shipped rules
        mostly share one), since it costs a pass over every claim. The lists are shared: never
        change them.
        """
        key = (selector.model_dump_json(), stated_only, len(self.derived))
        cached = self._selections.get(key)
        if cached is None:
            cached = self._selections[key] = list(self._select(selector, stated_only))
        return cached

    def _select(self, selector: Selector, stated_only: bool) -> Iterator[tuple[FactKey, list[Claim]]]:
        sentence = compile_user_regex(selector.sentence) if selector.sentence is not None else None
        with_derived = {fact_key(claim) for claim in self.derived} if stated_only else set()
        metric_ok: dict[str, bool] = {}
        for key, claims in self.by_fact.items():
            metric, _, unit, _, kind = key
            if (selector.kinds and kind not in selector.kinds) or (selector.units and unit not in selector.units):
                continue
            if selector.metrics:
                if metric not in metric_ok:
                    metric_ok[metric] = any(fnmatch.fnmatchcase(metric, pattern) for pattern in selector.metrics)
                if not metric_ok[metric]:
                    continue
            chosen = [c for c in claims if c.metric_matched] if selector.matched_only else claims
            if key in with_derived:
                chosen = [c for c in chosen if not is_derived(c)]
            if sentence is not None:
                chosen = [c for c in chosen if sentence.search(c.sentence)]
            if chosen:
                yield key, chosen

    def add_derived(self, claims: list[Claim]) -> None:
        for claim in claims:
            self.derived.append(claim)
            self.by_id[claim.id] = claim
            if unknown_identity(claim) is None:
                self.by_fact.setdefault(fact_key(claim), []).append(claim)


@dataclass(frozen=True)
class LoadedRule:
    """A validated check rule file."""

    id: str  # the file stem
    path: str
    rule: RuleBase  # the check kind's own model (a subclass with its options)

    @property
    def check(self) -> str:
        return str(getattr(self.rule, "check"))


def is_derived(claim: Claim) -> bool:
    """Claims a rule computed from others (growth), rather than ones an article states."""
    return bool(claim.links) and any(relation.startswith("derived") for relation, _ in claim.links)
