"""A RunResult built by hand from real extracted claims, for every output format's tests.

The findings are made here, not by the check kinds, so that these tests pin the outputs alone:
an agreement error with an outlier, an info restatement of the same fact, a growth error with a
derived claim, and a warning about an article whose path, title and claim are hostile (``%``,
commas, colons, newlines, a terminal escape and ``::error::``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from factcheck.commands import text_article
from factcheck.extract import ClaimExtractor
from factcheck.findings import ArticleRef, Finding, RuleRef, RunResult
from factcheck.model import Claim, Interval, Period
from factcheck.vocabulary import Vocabulary

ARTICLES = [
    # id, path, title, published, text
    (
        "harbour-daily",
        "articles/2024-03-telecom-fraud-prosecutions.md",
        "Fraud by phone and chat app keeps China's prosecutors busy",
        date(2024, 3, 3),
        "In 2023, more than 50,000 people were prosecuted for telecom and online fraud.\n",
    ),
    (
        "evening-post",
        "articles/evening post/2024-03-09.txt",
        "Prosecutors’ year in figures",
        date(2024, 3, 9),
        "Officials gave the figures on Saturday.\nIn 2023, 51,000 individuals were prosecuted for telecom fraud.\n",
    ),
    (
        "court-weekly",
        "articles/court-weekly.html",
        "Court weekly",
        date(2024, 3, 12),
        "Some 38,000 people were prosecuted for telecom fraud in 2023.\n",
    ),
    (
        "privacy-2023",
        "articles/privacy-2023.md",
        "Personal information cases",
        date(2024, 3, 10),
        "In 2023, 78,000 people were prosecuted for infringing citizens' personal information, "
        "up 53.9 percent from the previous year.\n",
    ),
    (
        "privacy-2022",
        "articles/privacy-2022.md",
        None,
        date(2024, 3, 12),
        "In 2022, 40,000 people were prosecuted for infringing citizens' personal information.\n",
    ),
    (
        "hostile",
        "articles/hostile,100%: news.md",
        'Breaking: 100% "true"\n::error::pwned \x1b[2J',
        date(2024, 3, 5),
        "Prosecutors charged more than\n50,000 people with telecom fraud in 2023.\n",
    ),
]

RULES = [
    RuleRef("same-fact-agrees", "agree", "error", "Figures for the same fact must agree once qualifiers and rounding are taken into account.", "rules/checks/same-fact-agrees.yaml"),
    RuleRef("restated-figures", "restatement", "info", "The same fact stated at different precision or with different qualifiers, consistently.", "rules/checks/restated-figures.yaml"),
    RuleRef("growth-matches-levels", "growth", "error", "A stated change must agree with the levels it links, by interval arithmetic.", "rules/checks/growth-matches-levels.yaml"),
    RuleRef("unit-clash", "unit_clash", "warning", "The same figure for the same fact in different units (261 people vs 261 cases).", "rules/checks/unit-clash.yaml"),
    RuleRef("future-period", "future_period", "warning", "A figure for a period that ends after the article's date.", "rules/checks/future-period.yaml"),
]

TELECOM = "telecom-fraud/prosecuted, person, 2023"
PRIVACY = "personal-information/prosecuted, person, 2022"
DERIVATION = "78,000 people in 2023 / (1 + 53.9%) = [50,341, 51,023.7) people in 2022"
CHAIN = (
    "change: '53.9 percent' (privacy-2023) = [53.85, 53.95)% (2023)",
    "level: '78,000 people' (privacy-2023) = [77,500, 78,500) (2023)",
    DERIVATION,
    "stated for 2022: '40,000 people' (privacy-2022) = [35,000, 45,000)",
)


def extract_all(vocabulary: Vocabulary) -> dict[str, list[Claim]]:
    extractor = ClaimExtractor(vocabulary)
    return {
        article_id: extractor.extract(text_article(text, published, article_id))
        for article_id, _path, _title, published, text in ARTICLES
    }


def only(claims: list[Claim], text: str) -> Claim:
    (claim,) = [claim for claim in claims if claim.text == text]
    return claim


def build_result(vocabulary: Vocabulary, reverse: bool = False) -> RunResult:
    """The RunResult; ``reverse`` builds its dicts in the other order (output must not care)."""
    claims = extract_all(vocabulary)
    more_than = only(claims["harbour-daily"], "more than 50,000 people")
    restated = only(claims["evening-post"], "51,000 individuals")
    some = only(claims["court-weekly"], "Some 38,000 people")
    level = only(claims["privacy-2023"], "78,000 people")
    change = only(claims["privacy-2023"], "53.9 percent")
    earlier = only(claims["privacy-2022"], "40,000 people")
    hostile = only(claims["hostile"], "more than\n50,000 people")
    derived = replace(
        level,
        id=f"{level.id}~2022",
        text="78,000 people, up 53.9 percent",
        value=Interval(50341.0, 51023.7, False, True),
        soft=None,
        qualifier=None,
        period=Period(date(2022, 1, 1), date(2022, 12, 31)),
        links=(("derived_from", level.id), ("derived_with", change.id)),
        how=(("derivation", DERIVATION),),
    )
    findings = [
        Finding(
            rule="same-fact-agrees",
            check="agree",
            severity="error",
            message=f"figures for {TELECOM} disagree (hard): 2 of 3 allow [50,500, 51,500), 'Some 38,000 people' (court-weekly) does not",
            fact=TELECOM,
            claims=(some, restated, more_than),
            consensus=Interval(50500, 51500, False, True),
            outliers=(some.id,),
        ),
        Finding(
            rule="restated-figures",
            check="restatement",
            severity="info",
            message="'more than 50,000 people' (harbour-daily) and '51,000 individuals' (evening-post) restate one figure",
            fact=TELECOM,
            claims=(restated, more_than),
            consensus=Interval(50500, 51500, False, True),
        ),
        Finding(
            rule="growth-matches-levels",
            check="growth",
            severity="error",
            message="'53.9 percent' (privacy-2023) implies [50,341, 51,023.7) people in 2022; '40,000 people' (privacy-2022) says [35,000, 45,000)",
            fact=PRIVACY,
            claims=(earlier, level, change, derived),
            consensus=Interval(50341.0, 51023.7, False, True),
            outliers=(earlier.id,),
            derivation=CHAIN,
        ),
        Finding(
            rule="unit-clash",
            check="unit_clash",
            severity="warning",
            message="100% sure — 'more than\n50,000 people' (hostile)\r\n::error file=x,line=1::injected, 50%",
            fact=TELECOM,
            claims=(hostile,),
        ),
    ]
    articles = {article_id: ArticleRef(article_id, path, title, "Test Press", published, None) for article_id, path, title, published, _ in ARTICLES}
    rules = {rule.id: rule for rule in RULES}
    if reverse:
        articles = dict(reversed(articles.items()))
        rules = dict(reversed(rules.items()))
    return RunResult(
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        articles=articles,
        rules=rules,
        claim_count=sum(len(found) for found in claims.values()),
    )


@pytest.fixture(scope="session")
def result(vocabulary: Vocabulary) -> RunResult:
    return build_result(vocabulary)


@pytest.fixture(scope="session")
def reversed_result(vocabulary: Vocabulary) -> RunResult:
    """The same run with its articles and rules listed in the other order."""
    return build_result(vocabulary, reverse=True)


@pytest.fixture(scope="session")
def empty_result() -> RunResult:
    return RunResult(findings=(), articles={}, rules={rule.id: rule for rule in RULES}, claim_count=0)
