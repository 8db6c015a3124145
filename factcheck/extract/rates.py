"""Rates: "84 per 100,000 people", "1.39 deaths per 100 million vehicle miles", "a rate of 171".

A rate is its own unit, never a count, and its unit is its denominator: what is counted (offences,
deaths) is the metric's business, so "84 offences per 100,000 residents" and "a rate of 84 per
100,000 people" have one unit. The decisions:

- A unit the units vocabulary declares (kind ratio or rate, e.g. ``per_100k_people`` with the alias
  "per 100,000 people") stays as declared, and the claim's kind is the declared kind.
- A denominator written otherwise ("offences per 100,000 residents") is read as a count and a thing
  ("100k" people; "100m" vehicle miles): population words (people, residents...) and none at all
  are the same thing, a participle after the noun ("traveled", "driven") only qualifies it. When
  the vocabulary declares exactly one ratio or rate unit whose aliases name that denominator, the
  rate takes that unit: one concept, one name. Otherwise the unit is made from the denominator,
  ``rate_per_100k``, whatever noun is counted, except money, which keeps its unit
  (``yuan_per_capita``): 320 yuan a head is not 320 dollars a head.
- A rate that leaves its denominator unsaid ("its rate of 171") takes the one the article stated
  last ("a rate of 84 per 100,000 people" a paragraph earlier), as carried when the article has
  stated only that one so far, as guessed when it has stated several; with none stated its unit
  is ``rate``, its own, and guessed (two such rates may have different denominators).
- A bare figure a rate is compared with ("1.26 deaths per 100 million vehicle miles, down from
  1.33"; "13.6 per 100,000 people, against 12.2 nationwide") is in the rate's unit, as any figure
  is in the unit of the one it is compared with (``unit_context.compared_with``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.model import Decision
from factcheck.vocabulary import Vocabulary

_COUNT_WORDS = {"a": 1, "one": 1, "ten": 10, "a hundred": 100, "one hundred": 100, "hundred": 100}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_POPULATION = frozenset("people persons residents inhabitants population citizens".split())
_STOP = frozenset("a an the of for in on at to from with by and or but was were is are than as who which that this its their".split())
# "per 100,000 people", "for every 1,000 residents", "per million inhabitants", "per capita",
# "per 100 million vehicle miles traveled"; one counted noun may stand before "per" ("deaths per").
_PER = re.compile(
    r"\s*(?:(?P<noun>(?!(?:per|for|every)\b)[a-z][\w'-]*)\s+)?(?:for\s+every|per|every)\s+"
    r"(?:(?P<capita>capita|head|person|resident|inhabitant)\b"
    r"|(?:(?P<count>\d{1,3}(?:[, ]\d{3})+|\d+|a\s+hundred|one\s+hundred|hundred|ten|a|one)\b)?"
    r"(?:\s*(?P<scale>thousand|million|billion)\b)?(?(count)|(?(scale)|(?!)))"
    r"(?P<thing>(?:\s+(?:of\s+the\s+)?[a-z][\w'-]*){0,3}))"
)
_THING_WORD = re.compile(r"\s+(?:of\s+the\s+)?([a-z][\w'-]*)")
# "a crime rate of 31.2", "its rate of 187", "the homicide rate stood at 0.5", "the rate of robbery was 171".
_RATE_BEFORE = re.compile(
    r"\brates?(?:\s+(?:of|for)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})?"
    r"\s+(?:of|was|is|were|stood\s+at|at|fell\s+to|rose\s+to|dropped\s+to|reached)\s+(?:about\s+|around\s+|some\s+)?$"
)

@dataclass(frozen=True)
class Rate:
    """A rate read at a figure: its unit, why, where its words end, and whether it is declared."""

    unit: str
    how: str
    end: int
    declared: bool  # a unit of the units vocabulary: its kind is the declared one
    said: bool = True  # False: "a rate of 171", the denominator left unsaid


def denominator_at(folded: str, end: int) -> tuple[str, int, str | None] | None:
    """The denominator written at folded[end:] as a key ("100k", "100m_vehicle_miles", "capita"),
    where it ends, and the counted noun before "per" if there is one."""
    match = _PER.match(folded, end)
    if match is None:
        return None
    if match.group("capita"):
        return "capita", match.end(), match.group("noun")
    count_text = " ".join((match.group("count") or "").split())
    count = _COUNT_WORDS.get(count_text) or (int(count_text.replace(",", "").replace(" ", "")) if count_text else 1)
    if match.group("scale"):
        count *= _SCALES[match.group("scale")]
    words: list[str] = []
    position = match.start("thing")
    qualified = False  # a participle after the noun: part of the words, not of the key
    for word in _THING_WORD.finditer(folded, position, match.end()):
        text = word.group(1)
        if text in _STOP or qualified:
            break
        if text.endswith("ed") or text in ("driven", "flown"):
            qualified = bool(words)
            if not qualified:
                break
        else:
            words.append(text)
        position = word.end()
    if count == 0:
        return None
    thing = "" if all(w in _POPULATION for w in words) else "_" + "_".join(w for w in words if w not in _POPULATION)
    return _count_key(count) + thing, position, match.group("noun")


def _count_key(count: int) -> str:
    for size, suffix in ((1_000_000_000, "bn"), (1_000_000, "m"), (1_000, "k")):
        if count >= size and count % size == 0:
            return f"{count // size}{suffix}"
    return str(count)


def declared_rates(vocabulary: Vocabulary) -> dict[str, str | None]:
    """Denominator key -> the one ratio or rate unit whose aliases name it ("per 100,000 people":
    "100k" -> per_100k_people); None where two units name it, so that neither is taken."""
    found: dict[str, str | None] = {}
    for alias, name in vocabulary.unit_aliases.lookup.items():
        entry = vocabulary.units.get(name)
        if entry is None or entry.kind not in ("ratio", "rate"):
            continue
        per = re.search(r"(?:^|\s)(?:for\s+every|per|every)\s", alias)
        read = denominator_at(alias, per.start()) if per else None
        if read is None:
            continue
        key = read[0]
        found[key] = name if found.get(key, name) == name else None
    return found


def rate_before(folded: str, start: int) -> bool:
    """True when "rate of" (or "rate stood at") stands just before the figure."""
    return _RATE_BEFORE.search(folded, max(0, start - 60), start) is not None


def read_rate(
    vocabulary: Vocabulary, declared: dict[str, str | None], folded: str, start: int, unit: str | None, noun_end: int
) -> Rate | None:
    """The rate at the figure at folded[start:], whose unit noun (if any) ends at ``noun_end``; None: no rate."""
    entry = vocabulary.unit(unit)
    if unit is not None and entry is not None and entry.kind in ("ratio", "rate"):
        if entry.kind == "rate" or unit in declared.values():
            return Rate(unit, f"'{unit}' is a declared {entry.kind} unit: kept as declared", noun_end, True)
        return None  # a multiple ("three times"), no denominator
    per = denominator_at(folded, noun_end)
    if per is not None:
        key, end, noun = per
        written = folded[noun_end:end].strip()
        if unit is not None and entry is not None and entry.kind == "money":
            return Rate(f"{unit}_per_{key}", f"'{written}': a rate of money -> {unit}_per_{key}", end, False)
        named = declared.get(key)
        if named is not None:
            return Rate(named, f"'{written}': a rate per {key}, the declared unit {named}", end, True)
        counted = f" (of {unit or noun})" if unit or noun else ""
        return Rate(f"rate_per_{key}", f"'{written}': a rate{counted} -> rate_per_{key}", end, False)
    if rate_before(folded, start):
        return Rate("rate", "'rate' before the number, its denominator unsaid", noun_end, False, said=False)
    return None


def is_rate(vocabulary: Vocabulary, declared: dict[str, str | None], unit: str | None) -> bool:
    """A unit that is a rate: made from a denominator, or a declared unit some alias gives one."""
    if unit is None:
        return False
    entry = vocabulary.unit(unit)
    if entry is None:
        return unit == "rate" or "_per_" in unit
    return entry.kind == "rate" or unit in declared.values()


@dataclass
class RateMemory:
    """The rates an article has stated so far, for a later rate that leaves its denominator unsaid."""

    latest: tuple[str, str] | None = None  # (unit, the words that stated it)
    units: set[str] = field(default_factory=set)

    def remember(self, unit: str, text: str) -> None:
        self.latest = (unit, text)
        self.units.add(unit)

    def recall(self) -> tuple[str, str, Decision] | None:
        """(unit, why, decision) for a rate whose denominator is unsaid; None: no rate stated yet."""
        if self.latest is None:
            return None
        unit, text = self.latest
        if len(self.units) == 1:
            return unit, f"'rate' with its denominator unsaid: the article's rate '{text}' -> {unit}", Decision("carried", f"the rate '{text}' earlier in the article")
        others = ", ".join(sorted(self.units - {unit}))
        return unit, f"'rate' with its denominator unsaid: the latest rate '{text}' -> {unit} (the article also states {others})", Decision(
            "guessed", f"the latest rate '{text}', one of several denominators"
        )
