"""Accuracy on the development corpus (tests/accuracy/, issue 12): is each figure about the right fact?

Each beat folder is run through factcheck's own pipeline in-process (``factcheck.run.check``: read,
extract, check; no claim files, no extraction cache) with the shipped ``rules/`` plus
``tests/accuracy/rules/<beat>/`` when it exists, and scored against the hand annotation
(bench/accuracy_answers.py, format in tests/accuracy/README.md). The scores are typed
(``BeatScore``) so that tests/test_accuracy.py asserts floors on them; ``python -m bench accuracy``
prints them as a table, one row a beat and "all".
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path

from bench import REPO_ROOT, RULES_DIR, BenchSetupError, Outcome
from bench.accuracy_answers import Beat, Figure, Pair, Span, load_beat, show_interval
from bench.accuracy_pairs import Facts
from factcheck.errors import UserError
from factcheck.findings import Finding
from factcheck.model import Claim

SUMMARY = "accuracy of figures, periods, units and verdicts on the annotated development corpus"
CORPUS_DIR = REPO_ROOT / "tests" / "accuracy"
# Issue 12's acceptance on the development corpus, shown beside the measured figures.
GOALS = {"period": 0.90, "unit": 0.95, "error_precision": 0.90, "conflict_recall": 0.90}
FIELDS = ("value", "unit", "kind", "period", "metric", "scope")


@dataclass(frozen=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def __str__(self) -> str:
        share = self.share
        return f"{'-' if share is None else f'{share * 100:.0f} %'} ({self.hits}/{self.total})"


@dataclass(frozen=True)
class Miss:
    """A found figure whose claim got a field wrong, for the details listing."""

    where: str
    token: str
    field: str
    expected: str
    found: str


@dataclass(frozen=True)
class BeatScore:
    beat: str
    articles: int = 0
    figures: int = 0
    found: Ratio = Ratio()
    false_claims: int = 0
    value: Ratio = Ratio()
    unit: Ratio = Ratio()
    kind: Ratio = Ratio()
    period: Ratio = Ratio()
    metric: Ratio = Ratio()
    scope: Ratio = Ratio()
    errors: int = 0
    error_precision: Ratio = Ratio()  # error findings naming both sides of an annotated conflict
    conflict_recall: Ratio = Ratio()  # annotated conflicts named by an error finding
    conflict_recall_any: Ratio = Ratio()  # ... by an error or a warning finding
    not_conflict_errors: Ratio = Ratio()  # annotated not-conflicts named by an error finding
    claims: int = 0
    # Claims whose period, unit or metric is unknown: the ones a run cannot compare as a fact.
    unknown: dict[str, int] = field(default_factory=dict)
    misses: tuple[Miss, ...] = ()
    # Each annotated pair and how the run treated it, for the details listing.
    pairs: tuple[PairOutcome, ...] = ()


@dataclass(frozen=True)
class PairOutcome:
    where: str  # conflicts.yaml:line
    conflict: bool  # an annotated conflict (else a not-conflict)
    why: str
    verdict: str  # "error", "warning" or "none": the strongest finding that says the pair disagrees


def combine(name: str, scores: list[BeatScore]) -> BeatScore:
    """The sum of several beats' counts (shares are recomputed from the sums, not averaged)."""
    totals: dict[str, object] = {"beat": name}
    for f in fields(BeatScore):
        if f.name == "beat":
            continue
        values = [getattr(score, f.name) for score in scores]
        if f.name == "unknown":
            merged: Counter[str] = Counter()
            for value in values:
                merged.update(value)
            totals[f.name] = dict(sorted(merged.items()))
        elif f.name in ("misses", "pairs"):
            totals[f.name] = tuple(miss for value in values for miss in value)
        elif values and isinstance(values[0], Ratio):
            totals[f.name] = sum(values, Ratio())
        else:
            totals[f.name] = sum(values)
    return BeatScore(**totals)  # type: ignore[arg-type]


def beat_folders(root: Path = CORPUS_DIR) -> list[Path]:
    """The beat folders of the corpus: every folder but ``rules``, in name order."""
    if not root.is_dir():
        raise BenchSetupError(f"expected the development corpus at {root}, found no such folder")
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name != "rules" and not p.name.startswith("."))


def rule_dirs(beat: Path, root: Path = CORPUS_DIR, shipped: Path = RULES_DIR) -> list[str]:
    extra = root / "rules" / beat.name
    return [str(shipped)] + ([str(extra)] if extra.is_dir() else [])


def score_beat(folder: Path, root: Path = CORPUS_DIR, shipped: Path = RULES_DIR) -> BeatScore:
    """Run the pipeline on one beat folder and score it; a bad answer key raises a UserError."""
    from factcheck.run import check
    from factcheck.vocabulary import load_vocabulary

    beat = load_beat(folder)
    dirs = rule_dirs(folder, root, shipped)
    result, errors = check([str(folder)], None, dirs, load_vocabulary(dirs))
    if errors:
        raise errors[0]
    return score(beat, list(result.claims), list(result.active))


def score(beat: Beat, claims: list[Claim], findings: list[Finding]) -> BeatScore:
    """Score a run's claims and findings against a beat's annotation."""
    answered = [figure for figure in beat.figures if figure.claim]
    refused = [figure for figure in beat.figures if not figure.claim]
    ratios = {name: Ratio() for name in ("found", *FIELDS)}
    misses: list[Miss] = []
    for figure in answered:
        claim = _best_claim(figure.spans[0], claims)
        ratios["found"] += Ratio(int(claim is not None), 1)
        if claim is None:
            misses.append(Miss(figure.where, figure.token, "found", "a claim", "none"))
            continue
        for name in FIELDS:
            expected, got = _expected(figure, name), _field(claim, name)
            ratios[name] += Ratio(int(expected == got), 1)
            if expected != got:
                misses.append(Miss(figure.where, figure.token, name, str(expected), str(got)))
    true_spans = [figure.spans[0] for figure in answered]
    false_claims = [c for c in claims if not any(s.overlaps(c.article, c.start, c.end) for s in true_spans)]
    paths = {article.id: article.path for article in beat.articles}
    misses.extend(
        Miss(f"{paths.get(c.article, c.article)}:{c.line}:{c.column}", c.text, "false claim", "no claim (claim: false)" if _on_any(c, refused) else "no claim (not annotated)", c.metric)
        for c in false_claims
    )
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    facts = Facts.of(beat)
    real = sum(1 for finding in errors if any(facts.names(finding, pair) for pair in beat.conflicts))
    unknown: Counter[str] = Counter()
    for claim in claims:
        unknown.update(reason for reason, missing in (("period", claim.period is None), ("unit", claim.unit is None), ("metric", not claim.metric_matched)) if missing)
    return BeatScore(
        beat=beat.name,
        articles=len(beat.articles),
        figures=len(answered),
        found=ratios["found"],
        false_claims=len(false_claims),
        **{name: ratios[name] for name in FIELDS},
        errors=len(errors),
        error_precision=Ratio(real, len(errors)),
        conflict_recall=_named(beat.conflicts, errors, facts),
        conflict_recall_any=_named(beat.conflicts, errors + warnings, facts),
        not_conflict_errors=_named(beat.not_conflicts, errors, facts),
        claims=len(claims),
        unknown=dict(sorted(unknown.items())),
        misses=tuple(misses),
        pairs=tuple(
            PairOutcome(pair.where, conflict, pair.why, _verdict(pair, errors, warnings, facts))
            for conflict, pairs in ((True, beat.conflicts), (False, beat.not_conflicts))
            for pair in pairs
        ),
    )


def _verdict(pair: Pair, errors: list[Finding], warnings: list[Finding], facts: Facts) -> str:
    for name, findings in (("error", errors), ("warning", warnings)):
        if any(facts.names(finding, pair) for finding in findings):
            return name
    return "none"


def _best_claim(span: Span, claims: list[Claim]) -> Claim | None:
    """The claim that overlaps the figure most (the first of equals), or None."""
    best, best_overlap = None, 0
    for claim in claims:
        if claim.article != span.article:
            continue
        overlap = min(claim.end, span.end) - max(claim.start, span.start)
        if overlap > best_overlap:
            best, best_overlap = claim, overlap
    return best


def _expected(figure: Figure, name: str) -> str | None:
    if name == "value":
        return show_interval(figure.value) if figure.value is not None else None
    value: str | None = getattr(figure, name)
    return value


def _field(claim: Claim, name: str) -> str | None:
    """A claim's field as the answers write it; an unmatched metric is unknown (None)."""
    if name == "value":
        return show_interval(claim.value)
    if name == "period":
        return str(claim.period) if claim.period is not None else None
    if name == "metric":
        return claim.metric if claim.metric_matched else None
    value: str | None = getattr(claim, name)
    return value


def _on_any(claim: Claim, figures: list[Figure]) -> bool:
    return any(span.overlaps(claim.article, claim.start, claim.end) for figure in figures for span in figure.spans)


def _named(pairs: tuple[Pair, ...], findings: list[Finding], facts: Facts) -> Ratio:
    return Ratio(sum(1 for pair in pairs if any(facts.names(finding, pair) for finding in findings)), len(pairs))


def score_corpus(root: Path = CORPUS_DIR, shipped: Path = RULES_DIR, beats: list[str] | None = None) -> list[BeatScore]:
    """One score a beat (in name order) and the combined "all" last."""
    folders = [f for f in beat_folders(root) if beats is None or f.name in beats]
    if not folders:
        raise BenchSetupError(f"expected beat folders in {root}{' named ' + ', '.join(beats) if beats else ''}, found none")
    scores = [score_beat(folder, root, shipped) for folder in folders]
    return [*scores, combine("all", scores)]


HEADINGS = ("beat", "articles", "found", "false claims", *FIELDS, "error precision", "conflict recall",
            "error or warning", "not-conflict errors", "claims; unknown period/unit/metric")


def _cells(score: BeatScore) -> list[str]:
    unknown = "/".join(str(score.unknown.get(key, 0)) for key in ("period", "unit", "metric"))
    return [
        score.beat, str(score.articles), str(score.found), str(score.false_claims),
        *(str(getattr(score, name)) for name in FIELDS),
        str(score.error_precision), str(score.conflict_recall), str(score.conflict_recall_any),
        str(score.not_conflict_errors), f"{score.claims}; {unknown}",
    ]


def table(scores: list[BeatScore]) -> str:
    """A Markdown table: one row a beat and "all"."""
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(_cells(score)) + " |" for score in scores]
    return "\n".join(lines)


def add_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--accuracy-dir", type=Path, default=CORPUS_DIR, metavar="DIR", help="the development corpus (default tests/accuracy)")
    group.add_argument("--beat", action="append", metavar="NAME", help="score only this beat (repeatable)")
    group.add_argument("--accuracy-details", action="store_true", help="also list every missed figure and wrong field")


def run(args: argparse.Namespace) -> list[Outcome]:
    try:
        scores = score_corpus(args.accuracy_dir, RULES_DIR, args.beat)
    except UserError as exc:
        raise BenchSetupError(str(exc)) from None
    print(f"method:    factcheck.run.check on each beat folder of {args.accuracy_dir} (rules/ + rules/<beat>/), no claim files, no cache")
    print()
    print(table(scores))
    overall = scores[-1]
    if args.accuracy_details:
        print()
        for miss in overall.misses:
            print(f"{miss.where}: {miss.token!r}: {miss.field}: expected {miss.expected}, found {miss.found}")
        print()
        for outcome in overall.pairs:
            wanted = "error" if outcome.conflict else "no error"
            print(f"{outcome.where}: {'conflict' if outcome.conflict else 'not a conflict'} ({outcome.why}): wanted {wanted}, found {outcome.verdict}")
    print()
    outcomes = []
    for name, goal in GOALS.items():
        ratio: Ratio = getattr(overall, name)
        met = ratio.share is not None and ratio.share >= goal
        print(f"goal: {name.replace('_', ' ')} at least {goal * 100:.0f} %: {ratio}  {'PASS' if met else 'MISS'}")
        outcomes.append(Outcome(f"accuracy: {name.replace('_', ' ')} at least {goal * 100:.0f} % (development corpus)", str(ratio), met))
    outcomes.append(Outcome("accuracy: figures found (development corpus)", str(overall.found)))
    return outcomes
