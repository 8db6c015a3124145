"""Time expressions in text, and the periods they stand for.

``find_time_mentions`` finds every date and period expression; ``resolve_period`` turns one into
an inclusive ``Period`` against an anchor date (the article's publication date, or a listing
item's date) and says in one line how it decided. With no anchor, relative expressions resolve to
``None`` with the reason; absolute ones still resolve, and say "no anchor date needed". Nothing is
guessed silently.

Roles. ``period``: a time a figure can be about ("in 2023", "as of Tuesday"). ``speech``: when
something was said or held ("said Sunday", "told reporters on Monday", "the figures were released
on April 8", "On 25 Jan., the SPP held a press conference"). ``date``: any other date: after a
label or a rule word ("Updated: Apr 9, 2020", "effective May 1, 2024", "takes effect on"), a date
alone at the head of a line or after a dateline city ("BEIJING, March 12 (Xinhua)"), and the year of
"the 2024 work report" (its period is a vocabulary rule about the source, not this year). Only
day-level expressions (a date, a weekday, "yesterday") can be ``speech``; a day after "on" or with
no preposition is ``speech`` next to a speech verb, and a ``period`` otherwise ("5 people were
arrested on Sunday"; "12 suspects were released on Sunday" is passive, so no speech).

Decisions (each explanation repeats the one it used):

- Mention text includes the preposition when there is one ("in 2023", "since 2019", "as of
  Tuesday", "on Sunday"), except a plain "of", which only introduces ("the end of" does count).
- A bare 4-digit year (1900-2100) counts only after a time preposition (in, for, during, since, by,
  until, through, from, of...), before "'s" or "(work) report", after "the year", inside a range
  or a date, or as the second year of "in 2019 and 2020". After "of", "for", "by" or "from" it
  must not run on into a noun ("a total of 2023 suspects" is a count).
- Month names are case-sensitive ("may" is a verb); standing alone ("in March") only full names.
- An expression may wrap a line but never spans a blank line.
- "since X": from the start of X to the anchor. "as of X", "by X", "until X", "up to X", "(at/by)
  the end of X": start None (not stated), end the last day of X.
- Weekdays: the most recent such day on or before the anchor ("as of Tuesday" in a Thursday
  article is two days earlier; "on Sunday" in a Sunday article is that day); "last Tuesday" is
  strictly before the anchor.
- A month, quarter or half without a year: the most recent one that had begun by the anchor ("in
  March" on 2024-03-12 is March 2024; "the third quarter" on 2024-03-12 is 2023 Q3, not a quarter
  still to come: a figure is about the current or a past period). "as of March", "by the end of
  the third quarter": the most recent one that had ended, since a total is taken at a past date.
- "the first 11 months" and a yearless "January to November": the most recent year in which that
  stretch had ended by the anchor, since cumulative figures are published after the stretch ends.
  A range with one year gives it to the other end ("November to February 2024" starts in 2023).
- A day without a year ("25 Jan."): the most recent such day on or before the anchor.
- "the past N years" / "the last N years": the N complete calendar years before the anchor's year,
  (Y-N)-01-01 .. (Y-1)-12-31. Government work reports and year-end reviews count that way ("the
  past five years" in the 2023 report is 2018-2022), and it makes such totals comparable with
  "from 2018 to 2022"; the part of the anchor's year so far is not counted. "the past N months":
  the N complete months before the anchor's month. "the past decade": 10 years.
- "this year", "this month", "this week": from their first day to the anchor.
- "a year earlier", "the previous year" and "last year" all resolve to the anchor's year - 1,
  although in "up 5% from a year earlier" the phrase is a comparison base, not the period of the
  5%: which figure a mention belongs to is the claim extractor's decision.
- "in recent years", "the past few years", "the past year" (12 months, or the last calendar
  year?) are periods that resolve to None as vague.
- Split and financial years ("2023/24", "2023-24", "the 2023/24 financial year", "FY2024",
  "fiscal 2024"): twelve months from the month ``find_time_mentions`` is given (the scopes
  vocabulary's ``fiscal_year_start``, see ``fiscal_years``); "FY2024" is the one that ends in 2024.
  With no month, and for a season, school or tax year, they resolve to None and say why: two
  calendar years would be a wrong period. "2018-22" and "2018-2019" stay ranges of calendar years.
- Not dates: "April 31", "2024-02-30" (left to the number extractor), "2019-05" (a year and a
  month or a range? neither is guessed).
- Anchors at the calendar's edges (date.min, date.max) give None with the reason, never an
  exception.

Speed: ``_scan`` tries the grammar only around trigger tokens (see period_patterns.TRIGGER_RE);
5-7 MB/s on the example corpus and seeds (3,200 mentions a MB), 16 MB/s on text without dates,
0.7 MB/s on synthetic text with a date every 25 characters (the cost is per mention, ~35 us).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from factcheck.extract.period_context import (
    DATE_LINE_LABEL_RE,
    DATE_WORDS_BEFORE_REVERSED_RE,
    DATELINE_RE,
    DOCUMENT_PASSIVE_RE,
    LEADIN_REVERSED_RE,
    NEXT_WORD_RE,
    PASSIVE_RE,
    SPEECH_AFTER_RE,
    SPEECH_BEFORE_RE,
    WORD_START_RE,
    YEAR_FOLLOWERS,
    YEAR_LIST_RE,
)
from factcheck.extract.period_patterns import DAY_KINDS, TIME_RE, TRIGGER_RE, Spec
from factcheck.extract.period_specs import spec_of, wrap

__all__ = ["TimeMention", "find_time_mentions", "resolve_period"]



@dataclass(frozen=True, slots=True)
class TimeMention:
    """One date or period expression as written; ``resolve_period`` gives its dates."""

    start: int  # offsets into the text given to find_time_mentions
    end: int
    text: str
    role: str  # "period" | "speech" | "date" (see the module docstring)
    _spec: Spec = field(repr=False)  # what it means, before an anchor date is applied


# -- roles -------------------------------------------------------------------------------------

def _role(text: str, reversed_text: str, start: int, end: int, spec: Spec, prep: str, label: bool) -> str:
    if label:
        return "date"
    if DATE_WORDS_BEFORE_REVERSED_RE.match(reversed_text, len(text) - start):
        return "date"
    if spec.kind not in DAY_KINDS:
        return "period"  # a year, a month, and any since/as-of total, whatever verb is near
    line_start = text.rfind("\n", 0, start) + 1
    # Sliced, not pos/endpos: \A only ever matches at a string's real start.
    line_head = text[line_start:start] if start - line_start <= 80 else None
    if line_head is not None and DATE_LINE_LABEL_RE.search(line_head):
        return "date"
    if not prep and spec.kind == "day" and line_head is not None and DATELINE_RE.match(line_head):
        return "date"
    if prep in ("", "on"):
        window_start = max(line_start, start - 100)
        speech = SPEECH_BEFORE_RE.search(text, window_start, start)
        if speech and _active(text, window_start, speech.start()):
            return "speech"
        if _opens_clause(text, start, line_start):
            after = SPEECH_AFTER_RE.match(text, end)
            if after and _active(text, end, after.end() - len(after.group(0).split()[-1])):
                return "speech"
    return "period"


def _active(text: str, start: int, verb: int) -> bool:
    """Whether the speech verb at ``verb`` is active, or a passive whose subject is a document."""
    return not PASSIVE_RE.search(text, start, verb) or bool(DOCUMENT_PASSIVE_RE.search(text, start, verb))


def _opens_clause(text: str, start: int, line_start: int) -> bool:
    before = text[max(line_start, start - 4) : start].rstrip()
    return not before or before[-1] in ".!?\"'“”:;"


# -- finding -----------------------------------------------------------------------------------


def find_time_mentions(text: str, fiscal_start: int = 0) -> list[TimeMention]:
    """All date and period expressions in ``text``: sorted by start, non-overlapping, longest wins.
    ``fiscal_start`` is the month financial years ("2023/24", "FY2024") start in; 0: unknown."""
    mentions: list[TimeMention] = []
    last_end = 0
    reversed_text = text[::-1]  # for the leftward matches (lead-ins, date labels)
    for match in _scan(text, reversed_text):
        if match.start() < last_end:
            continue  # inside a year list added below
        mention = _mention(text, reversed_text, match, fiscal_start)
        if mention is None:
            continue
        mentions.append(mention)
        last_end = mention.end
        if mention._spec.kind == "year" and match.lastgroup in ("k_year", "k_possessive", "k_yearword"):
            # "in 2019 and 2020": each year of the list is a mention of its own.
            while more := YEAR_LIST_RE.match(text, last_end):
                year = more.group("y")
                mentions.append(TimeMention(more.start("y"), more.end(), year, mention.role, Spec("year", year=int(year))))
                last_end = more.end()
    return mentions


def _scan(text: str, reversed_text: str | None = None, fast: bool = True) -> Iterator[re.Match[str]]:
    """The TIME_RE matches of ``text``, as ``TIME_RE.finditer`` finds them, but tried only where a
    trigger token makes a match possible (see period_patterns.TRIGGER_RE); ``fast=False`` is the
    plain finditer the tests compare against."""
    if not fast:
        yield from TIME_RE.finditer(text)
        return
    done = 0
    size = len(text)
    if reversed_text is None:
        reversed_text = text[::-1]
    for trigger in TRIGGER_RE.finditer(text):
        at = trigger.start()
        while done <= at:
            # Where the chain of lead-in words before the trigger starts ("as of the end of the").
            lead = LEADIN_REVERSED_RE.match(reversed_text, size - at)
            position = max(size - lead.end(), done) if lead else at
            match = None
            while position <= at:
                match = TIME_RE.match(text, position)
                if match is not None:
                    break
                following = WORD_START_RE.search(text, position + 1, at + 1)
                if following is None:
                    break
                position = following.start()
            if match is None:
                break
            yield match
            # An empty match cannot happen (every branch consumes text); guard the loop anyway.
            done = max(match.end(), done + 1)


def _mention(text: str, reversed_text: str, match: re.Match[str], fiscal_start: int = 0) -> TimeMention | None:
    spec = spec_of(match)
    if spec is None:
        return None
    if spec.kind in ("splityear", "fiscalyear"):
        spec = replace(spec, a=fiscal_start)
    prep = " ".join((match.group("prep") or "").split()).lower()
    kind = match.lastgroup
    if kind == "k_year" and prep in ("of", "for", "by", "from"):
        # "a total of 2023 suspects": after these a year must not run on into a noun.
        word = NEXT_WORD_RE.match(text, match.end())
        if word and word.group(1) not in YEAR_FOLLOWERS:
            return None
    start = match.start()
    if prep == "of":
        # "of" only introduces ("the end of" is a prefix of its own and stays).
        start = match.end("prep")
        prep = ""
    spec = wrap(spec, prep)
    end = match.end()
    return TimeMention(start, end, text[start:end], _role(text, reversed_text, start, end, spec, prep, kind == "k_label"), spec)


# Resolution lives in its own module, which imports TimeMention from this one; imported last so
# that ``from factcheck.extract.periods import resolve_period`` keeps working.
from factcheck.extract.period_resolution import resolve_period  # noqa: E402
