"""The schema of vocabulary files (rules/vocabulary/*.yaml): one pydantic model per ``kind``.

Vocabulary normalises what articles say: which qualifier means which interval, which nouns are
which unit, which phrases name which counted thing, and which sources cover which period.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from factcheck.calendar import MONTHS, month_number

Phrase = Annotated[str, Field(min_length=1, max_length=200)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=80)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _clean_phrases(phrases: list[str]) -> list[str]:
    cleaned = [" ".join(phrase.split()) for phrase in phrases]
    for phrase in cleaned:
        if not phrase:
            raise ValueError("expected a phrase with words in it, found an empty one")
    return cleaned


# Words in nearly every sentence: a topic or action phrase made only of these (or one character)
# would give every figure that metric. Quoting a phrase ('"US"') says it is meant as written.
FUNCTION_WORDS = frozenset(
    """a about above after again against all am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself me more most my no nor
    not of off on once only or other our ours out over own same she should so some such than that
    the their theirs them then there these they this those through to too under until up us very
    was we were what when where which while who whom why will with would you your yours""".split()
)
QUOTING = "a phrase in double quotes ('\"us\"') is matched as written, even a function word or one letter"


def _content_phrase(phrase: str) -> str:
    """A topic or action phrase: words that say what is counted or done, or quoted on purpose."""
    cleaned = " ".join(phrase.split())
    if len(cleaned) > 2 and cleaned.startswith('"') and cleaned.endswith('"'):
        return " ".join(cleaned[1:-1].split())
    if not cleaned:
        raise ValueError("expected a phrase with words in it, found an empty one")
    if len(cleaned) == 1 or all(word in FUNCTION_WORDS for word in cleaned.lower().split()):
        raise ValueError(
            f"expected a phrase that names what is counted or done, found '{cleaned}', which nearly every sentence has "
            f"(write '\"{cleaned}\"' to match it anyway)"
        )
    return cleaned


ContentPhrase = Annotated[Phrase, AfterValidator(_content_phrase)]


class FractionBelow(Strict):
    """Soft bound [x·(1 − fraction), x): "nearly 60,000" is at least 54,000 in practice."""

    fraction_below: float = Field(gt=0, lt=1)


class Qualifier(Strict):
    name: Phrase
    phrases: list[Phrase] = Field(min_length=1)
    bound: Literal["above", "at_least", "below", "at_most", "approximate", "as_written"] = Field(
        description=(
            "above: (x, inf); at_least: [x, inf); below: (-inf, x); at_most: (-inf, x]; "
            "approximate: the rounding interval widened by the tolerance; as_written: like a bare number"
        )
    )
    soft: Literal["none", "next_step", "rounding"] | FractionBelow = Field(
        default="none",
        description="next_step: [x, x+u) with u the place of the last non-zero digit; rounding: the bare rounding interval",
    )
    tolerance: float | None = Field(default=None, ge=0, lt=1, description="overrides the file's tolerance for this qualifier")
    not_after: list[Phrase] = Field(
        default_factory=list,
        description="words that, just before a phrase, make it part of a verb instead: 'shot up to 12,345' is a level reached, not at most 12,345",
    )

    _phrases = field_validator("phrases")(_clean_phrases)

    @field_validator("not_after")
    @classmethod
    def _lower(cls, words: list[str]) -> list[str]:
        return [word.lower() for word in _clean_phrases(words)]


class Precision(Strict):
    """How precise a bare number is taken to be, and how far "about" reaches from it."""

    exact_digits: int | None = Field(
        default=3,
        ge=1,
        le=30,
        description=(
            "a whole number written in digits, with no scale word, and with at least this many "
            "significant digits (first to last non-zero digit) is exact: 184,730 and 9,060 are, while "
            "51,000 and 330 are round figures, rounded to their last non-zero digit; null: only "
            "numbers ending in a non-zero digit are exact"
        ),
    )
    round_zeros: int | None = Field(
        default=2,
        ge=1,
        le=30,
        description=(
            "a whole number ending in at least this many zeros is a round figure whatever its "
            "significant digits: 47,500 and 115,000 are rounded, as outlets restating 47,499 and "
            "115,112 write them; null: no such limit"
        ),
    )
    about_steps: float | None = Field(
        default=2,
        ge=0,
        le=100,
        description=(
            "'about' widens the rounding interval by at most this many steps of the stated precision "
            "(u, the place of the last non-zero digit) and at most by the tolerance: 'about 417,000' "
            "is 417,000 give or take 2,500 (half a step of rounding and two steps), not 5 %; null: by the tolerance alone"
        ),
    )


class QualifierVocabulary(Strict):
    """How qualifiers and bare numbers become intervals."""

    kind: Literal["qualifiers"]
    description: str | None = None
    rounding: Literal["nearest", "truncate"] = Field(
        default="nearest",
        description="nearest: 51,000 is [50,500, 51,500); truncate: [51,000, 52,000)",
    )
    tolerance: float = Field(default=0.05, ge=0, lt=1, description="how much 'about' widens the rounding interval, as a fraction of the value")
    precision: Precision = Field(default_factory=Precision, description="which bare numbers are exact, and how far 'about' reaches")
    qualifiers: list[Qualifier] = Field(default_factory=list)


class Unit(Strict):
    name: Identifier
    dimension: Identifier | None = Field(default=None, description="pint base dimension; default: the unit's own name")
    definition: str | None = Field(
        default=None,
        description="a pint definition relative to another unit, e.g. '10000 * yuan'; units without one are base units",
    )
    aliases: list[Phrase] = Field(default_factory=list, description="nouns after a number that mean this unit")
    symbols: list[Phrase] = Field(default_factory=list, description="signs written before a number, e.g. $ or RMB")
    kind: Literal["count", "money", "percent", "ratio", "rate"] = Field(
        default="count",
        description=(
            "what a figure in this unit is, and the claim's kind; a ratio or rate unit whose alias names a denominator "
            "('per 100,000 people') is the unit of every rate with that denominator, however it is written "
            "('84 offences per 100,000 residents')"
        ),
    )

    _aliases = field_validator("aliases", "symbols")(_clean_phrases)

    @field_validator("definition")
    @classmethod
    def _definition(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[0-9.eE+\-*/ ]+[a-z_][a-z0-9_]*", value.strip()):
            raise ValueError(f"expected a definition like '10000 * yuan', found '{value}'")
        return value


class UnitVocabulary(Strict):
    kind: Literal["units"]
    description: str | None = None
    units: list[Unit] = Field(default_factory=list)


class Action(Strict):
    """What was done to what is counted: prosecuted, arrested, detained, disclosed..."""

    id: Identifier
    phrases: list[ContentPhrase] = Field(min_length=1, description=f"words naming the action; not function words alone: {QUOTING}")
    unit: Identifier | None = Field(default=None, description="the unit of a figure of this action with no unit noun: 'killed' counts person")


class Topic(Strict):
    """What is counted: a crime category or a thing; with an action it makes a metric."""

    id: Identifier
    description: str | None = None
    phrases: list[ContentPhrase] = Field(min_length=1, description=f"words naming what is counted; not function words alone: {QUOTING}")
    parent: Identifier | None = Field(default=None, description="a broader topic this one is part of")
    default_action: Identifier | None = Field(default=None, description="the action when the sentence names none")
    unit: Identifier | None = Field(default=None, description="the unit of a figure of this topic with no unit noun: '50,000 cybercrimes' counts case")


class MetricVocabulary(Strict):
    kind: Literal["metrics"]
    description: str | None = None
    actions: list[Action] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)


# A month written out or abbreviated, in any case ("April", "apr", "SEPT").
MonthName = Annotated[
    str,
    Field(pattern=r"^(?:[Jj][Aa][Nn](?:[Uu][Aa][Rr][Yy])?|[Ff][Ee][Bb](?:[Rr][Uu][Aa][Rr][Yy])?|[Mm][Aa][Rr](?:[Cc][Hh])?|[Aa][Pp][Rr](?:[Ii][Ll])?|[Mm][Aa][Yy]"
          r"|[Jj][Uu][Nn][Ee]?|[Jj][Uu][Ll][Yy]?|[Aa][Uu][Gg](?:[Uu][Ss][Tt])?|[Ss][Ee][Pp](?:[Tt](?:[Ee][Mm][Bb][Ee][Rr])?)?"
          r"|[Oo][Cc][Tt](?:[Oo][Bb][Ee][Rr])?|[Nn][Oo][Vv](?:[Ee][Mm][Bb][Ee][Rr])?|[Dd][Ee][Cc](?:[Ee][Mm][Bb][Ee][Rr])?)$"),
]


class Scope(Strict):
    """Where a figure applies: a country, a state or province, a city, an agency."""

    id: Identifier
    description: str | None = None
    phrases: list[Phrase] = Field(min_length=1, description="words naming the place in a figure's clause: 'Guangdong', 'nationwide'")
    parent: Identifier | None = Field(default=None, description="the scope this one lies within: a province's country; its figures are at most the parent's")
    fiscal_year_start: Annotated[int, Field(ge=1, le=12)] | MonthName | None = Field(
        default=None,
        description=(
            "the month its financial year starts in (a number 1-12 or a month name: 'april' for England and Wales, "
            "'october' for the US federal government), so that '2023/24' and 'FY2024' are twelve months; "
            "a scope without one takes its parent's; none at all: such years have an unknown period"
        ),
    )

    _phrases = field_validator("phrases")(_clean_phrases)

    @field_validator("fiscal_year_start", mode="before")
    @classmethod
    def _month(cls, value: object) -> object:
        if value is None or (type(value) is int and 1 <= value <= 12):
            return value
        if isinstance(value, str) and value.lower().rstrip(".") in MONTHS:
            return month_number(value)
        raise ValueError(f"expected a month, a number 1-12 or a name like 'april', found {value!r}")


class ScopeVocabulary(Strict):
    kind: Literal["scopes"]
    description: str | None = None
    default: Identifier | None = Field(
        default=None,
        description="the scope of a figure whose clause names none, when the article's front matter gives no 'scope:' either",
    )
    national: list[Phrase] = Field(
        default_factory=list,
        description="words that name the default scope, whichever it is ('nationwide', 'the country'): a beat that sets its own default gives them its meaning; a scope that lists one of them itself takes it over",
    )
    scopes: list[Scope] = Field(default_factory=list)

    _national = field_validator("national")(_clean_phrases)


class SourcePattern(Strict):
    pattern: Phrase = Field(description="words naming the source; {year} stands for a four-digit year")
    covers: Literal["previous_year", "same_year", "unknown"] = Field(
        default="unknown", description="which year the source's figures are for, relative to {year}"
    )

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        if value.count("{year}") > 1:
            raise ValueError(f"expected at most one {{year}} in a pattern, found '{value}'")
        return value


class Source(Strict):
    id: Identifier
    name: Phrase
    patterns: list[SourcePattern] = Field(min_length=1)
    rounding: Literal["nearest", "truncate"] | None = Field(default=None, description="rounding policy for figures from this source")


class SourceVocabulary(Strict):
    kind: Literal["sources"]
    description: str | None = None
    sources: list[Source] = Field(default_factory=list)


VocabularyFile = Annotated[
    Union[QualifierVocabulary, UnitVocabulary, MetricVocabulary, SourceVocabulary, ScopeVocabulary],
    Field(discriminator="kind"),
]
