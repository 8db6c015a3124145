"""future_period: a figure for a period that ends after the article's date.

A count "for 2024" in an article of March 2024 cannot be a result yet: the year is probably
wrong (often a report's year in place of the year it covers). Forecasts, targets and plans are
about the future by nature, so a claim whose sentence has one of ``forecast_words`` (whole words,
any case) is left alone. The date is the one the claim's relative periods were resolved against:
the article's, or its listing item's.

Fails: "For the whole of 2024, 9,600 people were prosecuted for environmental crimes." in an
article dated 2024-03-09.

Passes: "Prosecutors expect to charge 9,000 people with environmental crimes in 2024." in an
article dated 2024-03-09.

Message fields: {fact}, {claim} (the claim quoted), {period}, {end} (the period's last day),
{date} (the article's date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase
from factcheck.checks.consensus import quote, make_finding, written_period
from factcheck.findings import Finding

ID = "future_period"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "claim", "period", "end", "date")

FORECAST_WORDS = [
    "expect", "expects", "expected", "expecting", "expectation", "expectations",
    "forecast", "forecasts", "forecasted", "projected", "projection", "projections", "predicted", "prediction",
    "target", "targets", "targeted", "goal", "goals", "aim", "aims", "aiming",
    "plan", "plans", "planned", "planning", "budget", "budgeted",
    "will", "would", "shall", "is set to", "are set to", "estimated to", "likely",
]


class Rule(RuleBase):
    check: Literal["future_period"]
    forecast_words: list[str] = Field(
        default_factory=lambda: list(FORECAST_WORDS),
        description="words or phrases (whole words, any case) that make a sentence a forecast, not a result",
    )


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    words = sorted({w.strip() for w in options.forecast_words if w.strip()}, key=len, reverse=True)
    forecast = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE) if words else None
    # No claim is dated before the earliest date: periods ending by then are skipped unread.
    earliest = min((claim.dated for claim in index.claims if claim.dated is not None), default=None)
    if earliest is None:
        return
    for key, claims in index.selected(options.select):
        period = key.period
        if period is None or period.end <= earliest:
            continue
        end = period.end
        for claim in claims:
            if claim.dated is None or end <= claim.dated:
                continue
            if forecast is not None and forecast.search(claim.sentence):
                continue
            fact = key.describe()
            fields = {
                "fact": fact,
                "claim": quote(claim),
                "period": written_period(claim),
                "end": period.end.isoformat(),
                "date": claim.dated.isoformat(),
            }
            default = f"{fields['claim']} is for {fields['period']}, which ends on {fields['end']}, after the article's date {fields['date']}"
            yield make_finding(rule, ID, default, fields, key, (claim,))
