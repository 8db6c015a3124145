"""A claim's period: from its own sentence, from the context that governs it (``governing``),
from the figure it is compared with or listed beside, and for changes from the levels they link.

Split from ``claims`` (which builds the claims) so that each stays readable; every decision here
returns the typed ``Decision`` the claim's identity records, with the ``how`` text beside it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from factcheck.extract.governing import RELATIVE_TO_REFERENCE, Governing, shifted_years
from factcheck.extract.metrics import ClauseBreaks, nearest
from factcheck.extract.periods import TimeMention, resolve_period
from factcheck.extract.sources import SourceMention
from factcheck.model import FROM_SOURCE, UNKNOWN, Claim, Decision, Period

YEAR_ON_YEAR = re.compile(r"[^.;]{0,40}?\b(?:year[- ]on[- ]year|from a year earlier|over the previous year|compared with the previous year)", re.IGNORECASE)
# What makes a time mention the base of a comparison: "than a year earlier", "from 2022", "on the
# previous year", "compared with 2021" (the preposition may open the mention itself).
_BASE_BEFORE = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against|over|on)\s+(?:(?:in|during|for)\s+)?$", re.IGNORECASE)
_BASE_OPENING = re.compile(r"(?:from|than|over|on|against)\s", re.IGNORECASE)


def is_comparison_base(sentence: str, mention: TimeMention) -> bool:
    """Whether the mention is what a figure is compared with, not the period it is for. "From
    2018 to 2022" is a period (a range), "from 2022" after a figure a base."""
    if mention._spec.kind == "range":
        return False
    return bool(_BASE_BEFORE.search(sentence, max(0, mention.start - 40), mention.start) or _BASE_OPENING.match(mention.text))
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_MONTHS_BACK = re.compile(r"\b(month|quarter)\b", re.IGNORECASE)
_SAME_STRETCH = re.compile(r"the\s+same\s+(?:period|months|stretch|time\s+frame|timeframe)$", re.IGNORECASE)

def decide_period(
    sentence: str,
    breaks: ClauseBreaks,
    start: int,
    end: int,
    kind: str,
    mentions: list[TimeMention],
    tiers: list[list[TimeMention]],
    anchor: date | None,
    anchor_how: str,
    source: tuple[SourceMention | None, str, bool],
    context: Governing | None,
) -> tuple[Period | None, str, SourceMention | None, Decision]:
    """The claim's period, how and on what basis it was decided, and the source it is attributed to.

    Its own sentence first; then the period that governs the sentence (an earlier sentence of
    the paragraph, the section heading, the listing item, the lede, the headline: see
    ``governing``). A source named in an earlier sentence is attributed only to claims that
    state no period of their own: a claim with its own period may be about something else.
    """
    mention_source, _, in_sentence = source
    best: TimeMention | None = None
    for tier in tiers:
        if kind == "ratio":
            # "five times as many as during the outbreak in 2003": a later period is the comparison's.
            tier = [m for m in tier if m.end <= start]
        elif kind == "change":
            # "up 53.9 percent from the previous year": the base of the comparison, not the period.
            tier = [m for m in tier if m.start < end or not is_comparison_base(sentence, m)]
        # Measured from the number and its unit noun: "from 72,000 people in 2022 to 90,000 people in 2023".
        found = nearest([(m.start, m.end, str(i)) for i, m in enumerate(tier)], start, end, sentence, breaks)
        if found is not None:
            best = tier[int(found[2])]
            break
    attributed = mention_source if in_sentence else None
    if best is not None:
        mention = best
        if RELATIVE_TO_REFERENCE.match(mention.text):
            relative = _relative_to_reference(mention, mentions, anchor, context)
            if relative is not None:
                return relative[0], relative[1], attributed, Decision("stated", " ".join(mention.text.split()))
        period, how = resolve_period(mention, anchor)
        if anchor is not None and resolve_period(mention, None)[0] is None:  # a relative period
            how += f" (anchor: {anchor_how})"
        return period, how, attributed, Decision("stated", " ".join(mention.text.split())) if period is not None else UNKNOWN
    if in_sentence and mention_source is not None:
        period, how = mention_source.period()
        if period is not None:
            return period, f"no period in the sentence; inherited from its source: {how}", mention_source, Decision("carried", FROM_SOURCE)
    if context is not None:
        stated = context.statement
        how = f"no period in the sentence; carried from {context.place}: {stated.how}"
        if context.guessed:
            how += " (a headline is the weakest statement: only a guess)"
        basis = "guessed" if context.guessed else "carried"
        # A cited source's period is the source's, wherever it was cited: report_period reads it so.
        origin = FROM_SOURCE if stated.source is not None else context.origin
        return stated.period, how, stated.source or attributed, Decision(basis, origin)
    if mention_source is not None:
        _, how = mention_source.period()
        return None, f"no period in the sentence; its source: {how}", mention_source, UNKNOWN
    return None, "no period stated in the sentence or the text before it, and no source with a known period", None, UNKNOWN

def _relative_to_reference(
    mention: TimeMention, mentions: list[TimeMention], anchor: date | None, context: Governing | None
) -> tuple[Period, str] | None:
    """ "8,400 in 2022, up from 7,100 the year before": the year before the figure compared (2021),
    not before the publication date. The reference is the sentence's last period before the
    mention, else the period that governs the sentence; without either, the publication date."""
    reference: Period | None = None
    said = ""
    for other in mentions:
        if other.start >= mention.start:
            break
        if RELATIVE_TO_REFERENCE.match(other.text):
            continue
        period, _ = resolve_period(other, anchor)
        if period is not None:
            reference, said = period, f"'{other.text}' earlier in the sentence"
    if reference is None and context is not None and not context.guessed:
        reference, said = context.statement.period, f"the period carried from {context.place}"
    if reference is None:
        return None
    months = _MONTHS_BACK.search(mention.text)
    if months:
        back = 3 if months.group(1).lower() == "quarter" else 1
        shifted = shifted_months(reference, back)
        if shifted is None:
            return None
        return shifted, f"'{mention.text}' = {shifted}: the {months.group(1).lower()} before {reference}, {said} (relative to the figure it is compared with)"
    year = _YEAR_IN.search(mention.text)
    if year:
        years = int(year.group(0)) - reference.end.year
    else:
        years = 0 if _SAME_STRETCH.search(mention.text) else -1
    shifted = shifted_years(reference, years)
    if shifted is None:
        return None
    if years == 0:
        when = "the same stretch as"
    elif years == -1:
        when = "a year before"
    else:
        when = f"the same stretch {abs(years)} year(s) {'before' if years < 0 else 'after'}"
    return shifted, f"'{mention.text}' = {shifted}: {when} {reference}, {said} (relative to the figure it is compared with)"


def shifted_months(period: Period, months: int) -> Period | None:
    """A stretch of whole months moved ``months`` back: June 2025 -> May 2025, Q2 -> Q1; None when
    the stretch is not whole months (its start is not a first of the month)."""
    if period.start is None or period.start.day != 1 or (period.end + timedelta(days=1)).day != 1:
        return None
    start = _month_start(period.start, -months)
    end = _month_start(period.end, 1 - months) - timedelta(days=1)
    return Period(start, end)


def _month_start(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def headline_restates_body(claims: list[Claim], headline_end: int) -> list[Claim]:
    """A headline figure that the body states again takes the body's period: the headline is the
    weakest source ("1.5 million people in 2023" over the body's "from January to November 2023").

    The body's figure is the first one it may restate (``_restates``).
    """
    if headline_end <= 0:
        return claims
    body = [c for c in claims if c.start >= headline_end]
    result: list[Claim] = []
    for claim in claims:
        if claim.start < headline_end:
            match = next((b for b in body if _restates(claim, b)), None)
            if match is not None and match.period is not None and match.period != claim.period and match.identity.period.certain:
                how = tuple(
                    (k, f"the headline restates '{match.text}' of the body, whose period governs: {dict(match.how).get('period', '')}" if k == "period" else v)
                    for k, v in claim.how
                )
                identity = claim.identity._replace(period=Decision("carried", "the body"))
                claim = replace(claim, period=match.period, how=how, identity=identity)
        result.append(claim)
    return result


def _restates(headline: Claim, body: Claim) -> bool:
    """Whether a body figure may be the one a headline figure restates: the same kind, an
    overlapping value, the same unit unless the headline has none, the same metric unless either
    is unmatched (a headline's words are short: "Knife crime tops 50,000")."""
    if headline.kind != body.kind or not body.value.overlaps(headline.value):
        return False
    if headline.unit is not None and headline.unit != body.unit:
        return False
    return headline.metric == body.metric or not (headline.metric_matched and body.metric_matched)


_LIST_ORIGIN = "the figure before it in the list"


def period_from_neighbour(
    joined: str, previous: Claim, kind: str, period: Period | None, how: str, decision: Decision
) -> tuple[Period | None, str, Decision]:
    """A figure whose sentence gives it no period of its own, after another figure.

    In a list ("31,000 people were prosecuted for it in 2022 alone, and 129,000 for ...") it shares
    the stated period of the item before it. The base of a comparison ("4,060, a fall of 6% from
    4,320") is for another period than the figure compared, which the sentence does not name: the
    period carried from context would be the compared figure's, so it stays unknown.
    """
    shared = previous.identity.period.basis == "stated" or previous.identity.period.origin == _LIST_ORIGIN
    if joined in ("list", "part") and shared and previous.period is not None:
        words = f"the period of '{previous.text}', the item before it in the sentence"
        return previous.period, f"no period of its own; {words}", Decision("carried", _LIST_ORIGIN)
    if joined == "base" and kind != "change" and previous.period is not None:
        return None, f"the base of a comparison with '{previous.text}', with no period of its own: not the compared figure's period", UNKNOWN
    return period, how, decision


def base_period_of(
    sentence: str, number_end: int, kind: str, period: Period | None, mentions: list[TimeMention], anchor: date | None
) -> Period | None:
    """For a change, the period of the level it is measured from: a stated base ("up 12 % from
    2022"), else the same stretch a year earlier when the change is year on year."""
    if kind != "change":
        return None
    for mention in mentions:
        if mention.start >= number_end and is_comparison_base(sentence, mention):
            if RELATIVE_TO_REFERENCE.match(mention.text) or mention.text.lower() in ("last year", "a year ago"):
                return shifted_years(period, -1) if period is not None else None
            base, _ = resolve_period(mention, anchor)
            if base is not None:
                return base
    if period is not None and YEAR_ON_YEAR.match(sentence, number_end):
        return shifted_years(period, -1)
    return None


_LEVEL_FROM = re.compile(r",?[^,;]{0,40}?\bfrom\s*$", re.IGNORECASE)
_LEVEL_TO = re.compile(r"[^;]{0,40}?(?<!leading )(?<!due )(?<!related )(?<!according )(?<!up )\bto\s*$", re.IGNORECASE)


def _carried_from_level(level: Claim) -> Decision:
    """A change takes the period of the level it links: as certain as the level's, from there."""
    if level.identity.period.certain:
        return Decision("carried", f"the level '{level.text}'")
    return level.identity.period


def link_changes(sentence: str, s_start: int, claims: list[Claim]) -> list[Claim]:
    """A change followed by "from X" and "to Y" levels links to them and takes Y's period.

    Only levels right after the change (or right after its "from" level) are linked: "up 53.9% to
    78,000", "rose 25 percent, from 64,000 in 2022 to 80,000 in 2023".
    """
    changes = [c for c in claims if c.kind == "change"]
    if len(changes) != 1:
        return claims
    change = changes[0]
    links = list(change.links)
    period, period_how = change.period, dict(change.how).get("period", "")
    period_decision = change.identity.period
    previous_end = change.end
    for claim in claims:
        if claim.start < change.end or claim.kind != "count":
            continue
        gap = sentence[previous_end - s_start : claim.start - s_start]
        if _LEVEL_FROM.fullmatch(gap) and not any(k == "change_from" for k, _ in links):
            links.append(("change_from", claim.id))
        elif _LEVEL_TO.fullmatch(gap) and not any(k == "change_to" for k, _ in links):
            links.append(("change_to", claim.id))
            if claim.period is not None:
                period, period_how = claim.period, f"the period of the level it leads to, '{claim.text}'"
                period_decision = _carried_from_level(claim)
        else:
            break
        previous_end = claim.end
    if len(links) == len(change.links):
        # "more than 105,000 people ..., up about 95 percent year-on-year": the one level of the
        # same metric in the sentence is the level the change leads to.
        levels = [c for c in claims if c.kind == "count" and c.metric == change.metric and c.metric_matched]
        if len(levels) != 1:
            return claims
        links.append(("change_to", levels[0].id))
        if change.period is None and levels[0].period is not None:
            period, period_how = levels[0].period, f"the period of the level it changes, '{levels[0].text}'"
            period_decision = _carried_from_level(levels[0])
    how = tuple((k, period_how if k == "period" else v) for k, v in change.how)
    identity = change.identity._replace(period=period_decision) if period != change.period else change.identity
    updated = replace(change, links=tuple(links), period=period, how=how, identity=identity)
    return [updated if c is change else c for c in claims]
