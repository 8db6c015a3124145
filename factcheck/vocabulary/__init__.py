"""Load the vocabulary files of one or more rule directories into lookup tables the extractor uses.

Several files of one kind merge (a user adds a metrics file for their beat beside ours); a phrase
claimed by two entries is an error at the second place, never a silent override.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.casefold import fold
from factcheck.errors import RuleFileError
from factcheck.vocabulary.models import (
    Action,
    MetricVocabulary,
    Precision,
    Qualifier,
    QualifierVocabulary,
    Scope,
    ScopeVocabulary,
    Source,
    SourcePattern,
    SourceVocabulary,
    Topic,
    Unit,
    UnitVocabulary,
    VocabularyFile,
)
from factcheck.yamlfile import LocatedYaml, load_yaml, validate

VOCABULARY_DIR = "vocabulary"
# The entry of a scopes file's `national` phrases: whichever scope is the default.
DEFAULT_SCOPE = "=default"


@dataclass
class PhraseTable:
    """Phrases (case-insensitive, whole words) to the entry they name, with one compiled search.

    ``variants`` are inflections generated from the phrases (``inflections``): they match only
    where no phrase written in a file says otherwise, and a variant two entries would generate
    names neither.
    """

    entries: dict[str, str] = field(default_factory=dict)
    variants: dict[str, str | None] = field(default_factory=dict)
    _regex: re.Pattern[str] | None = None
    _lookup: dict[str, str] | None = None

    def add(self, phrase: str, target: str, inflect: bool = False) -> str | None:
        """Add a phrase; returns the entry that already owns it, if another one does."""
        key = fold(phrase)
        owner = self.entries.get(key)
        if owner is not None and owner != target:
            return owner
        self.entries[key] = target
        if inflect:
            for variant in inflections(key):
                if self.variants.get(variant, target) != target:
                    self.variants[variant] = None  # two entries make it: ambiguous, so nobody's
                else:
                    self.variants[variant] = target
        self._regex = self._lookup = None
        return None

    @property
    def lookup(self) -> dict[str, str]:
        """Every phrase that matches, written or generated, to its entry."""
        if self._lookup is None:
            lookup = {variant: target for variant, target in self.variants.items() if target is not None}
            lookup.update(self.entries)
            self._lookup = lookup
        return self._lookup

    @property
    def regex(self) -> re.Pattern[str]:
        """Matches folded text. Longest first, so "telecom and online fraud" beats "online fraud"."""
        if self._regex is None:
            phrases = sorted(self.lookup, key=lambda p: (-len(p), p))
            self._regex = re.compile(alternation(phrases))
        return self._regex

    def find(self, folded: str) -> list[tuple[int, int, str]]:
        """Every match in folded text as (start, end, entry)."""
        lookup = self.lookup
        return [(m.start(), m.end(), lookup[" ".join(m.group(0).split())]) for m in self.regex.finditer(folded)]


_ENDINGS = ("ions", "ion", "ing", "ed")


def inflections(phrase: str) -> list[str]:
    """Other forms of a phrase whose last word is a regular verb form: "arrested" gives "arresting";
    "investigated" gives "investigating", "investigation" and "investigations"; "committed" gives
    "committing". Only -ed, -ing and -ion(s) forms: an -s form is as often a plural noun ("places").
    A phrase whose last word has none of those endings, or is short, gives nothing."""
    head, _, last = phrase.rpartition(" ")
    if len(last) < 5 or not last.isalpha():
        return []
    ending = next((e for e in _ENDINGS if last.endswith(e)), None)
    if ending is None:
        return []
    base = last[: -len(ending)]
    if len(base) < 3:
        return []
    forms = {base + "ed", base + "ing"}
    doubled = len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiousl"
    if base.endswith("t") and not base.endswith("st") and not doubled:
        forms.update({base + "ion", base + "ions"})  # prosecuted: prosecution(s)
    prefix = head + " " if head else ""
    return sorted(prefix + form for form in forms if form != last)


def alternation(phrases: list[str]) -> str:
    """Whole-word alternatives; any run of white space in the text matches a space in a phrase."""
    parts = []
    for phrase in phrases:
        body = r"\s+".join(re.escape(word) for word in phrase.split(" "))
        start = r"\b" if phrase[:1].isalnum() else r"(?<!\w)"
        end = r"\b" if phrase[-1:].isalnum() else ""
        parts.append(start + body + end)
    return "|".join(parts) or r"(?!x)x"


@dataclass
class SourceMatcher:
    source: Source
    pattern: SourcePattern
    regex: str  # with named groups s<index> and y<index>


@dataclass
class Vocabulary:
    files: list[str] = field(default_factory=list)
    digest: str = ""
    rounding: str = "nearest"
    tolerance: float = 0.05
    precision: Precision = field(default_factory=Precision)
    qualifiers: dict[str, Qualifier] = field(default_factory=dict)
    qualifier_phrases: list[str] = field(default_factory=list)  # longest first
    units: dict[str, Unit] = field(default_factory=dict)
    unit_aliases: PhraseTable = field(default_factory=PhraseTable)
    unit_symbols: dict[str, str] = field(default_factory=dict)
    actions: PhraseTable = field(default_factory=PhraseTable)
    topics: PhraseTable = field(default_factory=PhraseTable)
    topic_entries: dict[str, Topic] = field(default_factory=dict)
    action_entries: dict[str, Action] = field(default_factory=dict)
    scopes: PhraseTable = field(default_factory=PhraseTable)
    scope_entries: dict[str, Scope] = field(default_factory=dict)
    default_scope: str | None = None
    sources: list[SourceMatcher] = field(default_factory=list)
    source_entries: dict[str, Source] = field(default_factory=dict)
    # Where each entry is defined, "file:line", for `factcheck explain`: keys like "topic:telecom-fraud".
    origins: dict[str, str] = field(default_factory=dict)
    _source_regex: tuple[re.Pattern[str], re.Pattern[str]] | None = None

    @property
    def source_regex(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The source patterns, and the keywords whose places are searched for them."""
        if self._source_regex is None:
            self._source_regex = (source_regex(self.sources), source_keywords(self.sources))
        return self._source_regex

    @property
    def parents(self) -> dict[str, str]:
        """Topic -> its broader topic, for the part-within-whole check."""
        return {topic.id: topic.parent for topic in self.topic_entries.values() if topic.parent}

    @property
    def scope_parents(self) -> dict[str, str]:
        """Scope -> the scope it lies within (a province's country), for the part-within-whole check."""
        return {scope.id: scope.parent for scope in self.scope_entries.values() if scope.parent}

    def unit(self, name: str | None) -> Unit | None:
        return self.units.get(name) if name else None


def vocabulary_files(rule_dirs: list[str]) -> list[str]:
    files: list[str] = []
    for rule_dir in rule_dirs:
        base = Path(rule_dir)
        if not base.is_dir():
            raise RuleFileError(f"expected a rules directory, found {'a file' if base.exists() else 'nothing'}", rule_dir)
        folder = base / VOCABULARY_DIR
        if folder.is_dir():
            files.extend(str(p) for p in sorted(folder.rglob("*")) if p.suffix in (".yaml", ".yml") and not p.is_dir())  # a pipe is named, not skipped
    return files


def load_vocabulary(rule_dirs: list[str]) -> Vocabulary:
    files = vocabulary_files(rule_dirs)
    if not files:
        raise RuleFileError(
            f"expected vocabulary files (*.yaml) in {', '.join(str(Path(d) / VOCABULARY_DIR) for d in rule_dirs)}, found none",
            rule_dirs[0] if rule_dirs else None,
        )
    vocabulary = Vocabulary(files=files)
    places: list[tuple[LocatedYaml, int, Topic | Unit | Scope | Action]] = []
    digest = hashlib.sha256()
    for path in files:
        located = load_yaml(path)
        digest.update(os.path.basename(path).encode() + b"\0" + repr(located.data).encode() + b"\0")
        if not isinstance(located.data, dict):
            raise located.error((), "expected a mapping with a 'kind' key, found " + ("an empty file" if located.data is None else "something else"))
        parsed: object = validate(located, VocabularyFile)
        _merge(vocabulary, parsed, located, places)
    _check_references(vocabulary, places)
    vocabulary.digest = digest.hexdigest()
    return vocabulary


def _merge(vocabulary: Vocabulary, parsed: object, located: LocatedYaml, places: list[tuple[LocatedYaml, int, Topic | Unit | Scope | Action]]) -> None:
    if isinstance(parsed, QualifierVocabulary):
        vocabulary.rounding = parsed.rounding
        vocabulary.tolerance = parsed.tolerance
        vocabulary.precision = parsed.precision
        for index, qualifier in enumerate(parsed.qualifiers):
            for phrase_index, phrase in enumerate(qualifier.phrases):
                key = phrase.lower()
                if key in vocabulary.qualifiers and vocabulary.qualifiers[key].name != qualifier.name:
                    raise located.error(("qualifiers", index, "phrases", phrase_index), f"expected each qualifier phrase once, found '{phrase}' also in '{vocabulary.qualifiers[key].name}'")
                vocabulary.qualifiers[key] = qualifier
            _origin(vocabulary, located, f"qualifier:{qualifier.name}", ("qualifiers", index))
        vocabulary.qualifier_phrases = sorted(vocabulary.qualifiers, key=lambda p: (-len(p), p))
    elif isinstance(parsed, UnitVocabulary):
        for index, unit in enumerate(parsed.units):
            if unit.name in vocabulary.units:
                raise located.error(("units", index, "name"), f"expected each unit name once, found '{unit.name}' again")
            vocabulary.units[unit.name] = unit
            _origin(vocabulary, located, f"unit:{unit.name}", ("units", index))
            places.append((located, index, unit))
            for alias_index, alias in enumerate([unit.name.replace("_", " "), *unit.aliases]):
                owner = vocabulary.unit_aliases.add(alias, unit.name)
                if owner is not None:
                    raise located.error(("units", index, "aliases", max(alias_index - 1, 0)), f"expected each unit alias once, found '{alias}' also in unit '{owner}'")
            for symbol in unit.symbols:
                vocabulary.unit_symbols[symbol.lower()] = unit.name
    elif isinstance(parsed, MetricVocabulary):
        for index, action in enumerate(parsed.actions):
            if action.id in vocabulary.action_entries:
                raise located.error(("actions", index, "id"), f"expected each action id once, found '{action.id}' again")
            vocabulary.action_entries[action.id] = action
            _origin(vocabulary, located, f"action:{action.id}", ("actions", index))
            for phrase_index, phrase in enumerate(action.phrases):
                owner = vocabulary.actions.add(phrase, action.id, inflect=True)
                if owner is not None:
                    raise located.error(("actions", index, "phrases", phrase_index), f"expected each action phrase once, found '{phrase}' also in action '{owner}'")
        for index, topic in enumerate(parsed.topics):
            if topic.id in vocabulary.topic_entries:
                raise located.error(("topics", index, "id"), f"expected each topic id once, found '{topic.id}' again")
            vocabulary.topic_entries[topic.id] = topic
            _origin(vocabulary, located, f"topic:{topic.id}", ("topics", index))
            for phrase_index, phrase in enumerate(topic.phrases):
                owner = vocabulary.topics.add(phrase, topic.id)
                if owner is not None:
                    raise located.error(("topics", index, "phrases", phrase_index), f"expected each topic phrase once, found '{phrase}' also in topic '{owner}'")
        # References are checked once every file is in (a parent may live in another file).
        places.extend((located, index, topic) for index, topic in enumerate(parsed.topics))
        places.extend((located, index, action) for index, action in enumerate(parsed.actions))
    elif isinstance(parsed, ScopeVocabulary):
        _merge_scopes(vocabulary, parsed, located, places)
    elif isinstance(parsed, SourceVocabulary):
        for index, source in enumerate(parsed.sources):
            if source.id in vocabulary.source_entries:
                raise located.error(("sources", index, "id"), f"expected each source id once, found '{source.id}' again")
            vocabulary.source_entries[source.id] = source
            _origin(vocabulary, located, f"source:{source.id}", ("sources", index))
            for pattern_index, pattern in enumerate(source.patterns):
                regex = _source_regex(pattern.pattern, len(vocabulary.sources))
                if regex is None:
                    raise located.error(("sources", index, "patterns", pattern_index, "pattern"), f"expected words and at most one {{year}}, found '{pattern.pattern}'")
                vocabulary.sources.append(SourceMatcher(source, pattern, regex))


def _merge_scopes(vocabulary: Vocabulary, parsed: ScopeVocabulary, located: LocatedYaml, places: list[tuple[LocatedYaml, int, Topic | Unit | Scope | Action]]) -> None:
    if parsed.default is not None:
        # A later file's default replaces an earlier one's, as a beat's rules replace the shipped ones.
        vocabulary.default_scope = parsed.default
        vocabulary.origins["scope-default"] = f"{located.path.replace(os.sep, '/')}:{located.where(('default',))[0]}"
        places.append((located, -1, Scope(id=parsed.default, phrases=[parsed.default])))
    for phrase in parsed.national:
        if vocabulary.scopes.entries.get(fold(phrase)) is None:
            vocabulary.scopes.add(phrase, DEFAULT_SCOPE)
    for index, scope in enumerate(parsed.scopes):
        if scope.id in vocabulary.scope_entries:
            raise located.error(("scopes", index, "id"), f"expected each scope id once, found '{scope.id}' again")
        vocabulary.scope_entries[scope.id] = scope
        _origin(vocabulary, located, f"scope:{scope.id}", ("scopes", index))
        for phrase_index, phrase in enumerate(scope.phrases):
            if vocabulary.scopes.entries.get(fold(phrase)) == DEFAULT_SCOPE:
                # "nationwide" named a beat's own nation: the scope that lists it takes it over.
                vocabulary.scopes.entries.pop(fold(phrase))
            owner = vocabulary.scopes.add(phrase, scope.id)
            if owner is not None:
                raise located.error(("scopes", index, "phrases", phrase_index), f"expected each scope phrase once, found '{phrase}' also in scope '{owner}'")
        places.append((located, index, scope))


def _check_scope(vocabulary: Vocabulary, located: LocatedYaml, index: int, scope: Scope) -> None:
    if index < 0:  # the file's default
        if scope.id not in vocabulary.scope_entries:
            raise located.error(("default",), f"expected the id of a scope as the default, found '{scope.id}'")
        return
    if scope.parent is None:
        return
    if scope.parent not in vocabulary.scope_entries:
        raise located.error(("scopes", index, "parent"), f"expected the id of a scope, found '{scope.parent}'")
    seen = [scope.id]
    current: str | None = scope.parent
    while current is not None:
        if current in seen:
            chain = " -> ".join([*seen, current])
            raise located.error(("scopes", index, "parent"), f"expected a parent chain that ends, found a cycle {chain}")
        seen.append(current)
        current = vocabulary.scope_entries[current].parent if current in vocabulary.scope_entries else None


def _origin(vocabulary: Vocabulary, located: LocatedYaml, key: str, loc: tuple[str, int]) -> None:
    vocabulary.origins.setdefault(key, f"{located.path.replace(os.sep, '/')}:{located.where(loc)[0]}")


def _check_references(vocabulary: Vocabulary, places: list[tuple[LocatedYaml, int, Topic | Unit | Scope | Action]]) -> None:
    bases = {name: unit.definition.replace("*", " ").split()[-1] for name, unit in vocabulary.units.items() if unit.definition is not None}
    parents = vocabulary.parents
    for located, index, entry in places:
        if isinstance(entry, Action):
            if entry.unit is not None and entry.unit not in vocabulary.units:
                raise located.error(("actions", index, "unit"), f"expected the name of a unit, found '{entry.unit}'")
            continue
        if isinstance(entry, Scope):
            _check_scope(vocabulary, located, index, entry)
            continue
        if isinstance(entry, Unit):
            if entry.definition is not None:
                base = bases[entry.name]
                if base not in vocabulary.units:
                    raise located.error(("units", index, "definition"), f"expected a definition from a known unit, found '{base}'")
                cycle = _cycle(entry.name, bases)
                if cycle:  # pint would recurse until the stack overflows
                    raise located.error(("units", index, "definition"), f"expected definitions that end at a base unit, found the cycle {' -> '.join(cycle)}")
            continue
        topic = entry
        if topic.parent is not None and topic.parent not in vocabulary.topic_entries:
            raise located.error(("topics", index, "parent"), f"expected the id of a topic, found '{topic.parent}'")
        if topic.parent == topic.id:
            raise located.error(("topics", index, "parent"), f"expected the id of a broader topic, found the topic itself, '{topic.id}'")
        cycle = _cycle(topic.id, parents)
        if cycle:  # each topic would be part of itself: a bogus part-within-whole error
            raise located.error(("topics", index, "parent"), f"expected parents that end at a topic without one, found the cycle {' -> '.join(cycle)}")
        if topic.default_action is not None and topic.default_action not in vocabulary.action_entries:
            raise located.error(("topics", index, "default_action"), f"expected the id of an action, found '{topic.default_action}'")
        if topic.unit is not None and topic.unit not in vocabulary.units:
            raise located.error(("topics", index, "unit"), f"expected the name of a unit, found '{topic.unit}'")


def _cycle(start: str, next_of: dict[str, str]) -> list[str] | None:
    """The chain from ``start`` back to itself through ``next_of`` (a unit's base, a topic's parent), if any."""
    chain = [start]
    current = next_of.get(start)
    while current is not None and current not in chain[1:]:
        chain.append(current)
        if current == start:
            return chain
        current = next_of.get(current)
    return None


def _source_regex(pattern: str, index: int) -> str | None:
    """One source pattern as a regex over folded text; {year} becomes the group y<index>."""
    parts = []
    for word in fold(pattern).split():
        before, year, after = word.partition("{year}")
        parts.append(re.escape(before) + (rf"(?P<y{index}>(?:19|20)\d\d)" if year else "") + re.escape(after))
    body = r"\s+".join(parts)
    try:
        re.compile(body)
    except re.error:
        return None
    return rf"(?P<s{index}>(?<![\w-]){body}(?![\w-]))"


def source_regex(matchers: list[SourceMatcher]) -> re.Pattern[str]:
    """All source patterns in one pass; at one position the longest pattern is tried first."""
    order = sorted(range(len(matchers)), key=lambda i: (-len(matchers[i].pattern.pattern), i))
    return re.compile("|".join(matchers[i].regex for i in order) or r"(?!x)x")


def source_keywords(matchers: list[SourceMatcher]) -> re.Pattern[str]:
    """The longest plain word of each pattern: a fast scan for them finds where sources may be."""
    words = set()
    for matcher in matchers:
        plain = [w for w in fold(matcher.pattern.pattern).split() if "{year}" not in w]
        words.add(max(plain, key=len) if plain else "")
    if "" in words:  # a pattern that is only {year}: no keyword to look for
        return re.compile(r"(?s).")
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))
