"""Check-engine benchmark: every shipped rule over 10k, 100k and 1M synthetic claims.

Each size runs in its own process so that its peak memory (ru_maxrss) is its own. The claims are
made from a handful of extracted templates, varied over many metrics, periods, articles and values,
with about one fact in fifty carrying a planted conflict, so the checks have real work to do.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

from bench import REPO_ROOT, RULES_DIR, Outcome

SUMMARY = "check engine: time and peak memory on 10k / 100k / 1M synthetic claims"

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from dataclasses import replace
    from datetime import date
    from factcheck.commands import text_article
    from factcheck.engine import run_checks
    from factcheck.extract import ClaimExtractor
    from factcheck.model import Interval, Period
    from factcheck.rules import load_rules
    from factcheck.vocabulary import load_vocabulary

    size, rules_dir = int(sys.argv[1]), sys.argv[2]
    vocabulary = load_vocabulary([rules_dir])
    rules = load_rules([rules_dir])
    text = (
        "In 2023, 51,000 individuals were prosecuted for telecom fraud. "
        "Prosecutors charged more than 50,000 people with telecom fraud in 2023. "
        "As of Tuesday, 3,275 people had been detained for crimes related to COVID-19, of whom 2,281 had been taken to court. "
        "In 2023, 78,000 people were prosecuted for infringing citizens' personal information, up 53.9 percent from the previous year. "
        "In 2023, 261 people were not arrested or prosecuted on grounds of justifiable defence."
    )
    templates = ClaimExtractor(vocabulary).extract(text_article(text, date(2024, 3, 12), "template"))
    claims = []
    per_fact = 8
    # A fact is stated several times by different articles; each statement is one of the template
    # claims (a count, a qualified count, a change, a part of a whole...), scaled per fact.
    for n in range(size):
        fact, member = divmod(n, per_fact)
        template = templates[fact % len(templates)]
        year = 2000 + fact % 24
        metric = f"topic-{fact}/{template.metric.split('/')[-1]}"
        shift = 0.5 if member == 0 and fact % 50 == 0 else 1.0  # a planted conflict in one fact of fifty
        low = None if template.value.low is None else template.value.low * shift
        high = None if template.value.high is None else template.value.high * shift
        claims.append(replace(
            template,
            id=f"a{n // 40}:{n}",
            article=f"a{n // 40}",
            metric=metric,
            period=Period(date(year, 1, 1), date(year, 12, 31)),
            value=Interval(low, high, template.value.low_open, template.value.high_open),
            links=tuple((k, f"a{n // 40}:{n - 1}") for k, _ in template.links),
        ))
    start = time.perf_counter()
    findings = run_checks(claims, rules, {})
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from factcheck.findings import ArticleRef, RuleRef, RunResult
    from factcheck.report.html import render_html
    articles = {c.article: ArticleRef(c.article, c.article + ".md", c.article, None, None, None) for f in findings for c in f.claims}
    refs = {r.id: RuleRef(r.id, r.check, r.rule.severity, r.rule.description, r.path) for r in rules}
    result = RunResult(tuple(findings), articles, refs, len(claims), claims=tuple(claims))
    start = time.perf_counter()
    page = render_html(result)
    html_seconds = time.perf_counter() - start
    print(json.dumps({"claims": len(claims), "seconds": seconds, "peak_mb": peak_mb, "findings": len(findings),
                      "html_seconds": html_seconds, "html_mb": len(page.encode()) / 1e6}))
    """
)


def add_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--engine-sizes", default="10000,100000,1000000", help="claim counts, comma-separated")


def measure(size: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(size), str(RULES_DIR)],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"engine benchmark at {size:,} claims failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run(args: argparse.Namespace) -> list[Outcome]:
    sizes = [int(s) for s in args.engine_sizes.split(",")]
    if args.quick:
        sizes = [s for s in sizes if s <= 100_000]
    print("every shipped rule over synthetic claims, each size in its own process; claim building not timed;")
    print("HTML: render_html of the run's findings (peak MB is measured before it)")
    print(f"{'claims':>10}  {'seconds':>8}  {'peak MB':>8}  {'findings':>8}  {'HTML s':>7}  {'HTML MB':>8}")
    rows = {}
    for size in sizes:
        row = measure(size)
        rows[size] = row
        print(f"{size:>10,}  {row['seconds']:>8.2f}  {row['peak_mb']:>8.0f}  {int(row['findings']):>8,}  {row['html_seconds']:>7.2f}  {row['html_mb']:>8.1f}")
    outcomes: list[Outcome] = []
    if 1_000_000 in rows and 100_000 in rows:
        ratio = rows[1_000_000]["seconds"] / rows[100_000]["seconds"]
        big = rows[1_000_000]
        print(f"ratio 1M / 100k time: {ratio:.1f}  (goal <= 12: {'PASS' if ratio <= 12 else 'MISS'})")
        print(f"goal: 1M claims under 10 s: {big['seconds']:.2f} s {'PASS' if big['seconds'] < 10 else 'MISS'}")
        print(f"goal: peak memory under 2 GB: {big['peak_mb']:.0f} MB {'PASS' if big['peak_mb'] < 2048 else 'MISS'}")
        outcomes += [
            Outcome("1M claims checked in under 10 s", f"{big['seconds']:.2f} s", big["seconds"] < 10),
            Outcome("1M claims: peak memory under 2 GB", f"{big['peak_mb']:,.0f} MB", big["peak_mb"] < 2048),
            Outcome("check time 1M / 100k at most 12", f"{ratio:.1f}", ratio <= 12),
            Outcome("HTML report of the 1M-claim run: size, render time", f"{big['html_mb']:.1f} MB, {big['html_seconds']:.2f} s"),
        ]
    for size, row in rows.items():
        outcomes.append(Outcome(f"check {size:,} claims: time, peak memory", f"{row['seconds']:.2f} s, {row['peak_mb']:,.0f} MB"))
    return outcomes
