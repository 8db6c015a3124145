"""The one place a Claim's fields are spelled out for storage: claim files, JSON and the cache.

Two forms of one field table:

- the JSON form, for people and other programs (``Claim.to_json``, the JSON output, claim files):
  whole numbers as ints, ``links`` and ``how`` as mappings, identity decisions as
  ``{basis, origin}`` mappings;
- the exact form, for the extraction cache: floats as floats and pairs in their order, so that a
  cached run prints the same bytes as a fresh one.

A claim file written before identity was recorded has no ``identity``: its decisions are
reconstructed conservatively (a field without a value is unknown, one with a value guessed), so
its conflicts are warnings at most. A claim a reviewer marked ``corrected: true`` is vouched for:
its fields that have a value and no certain decision count as stated, with the reviewer as origin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from factcheck.model import BASES, Claim, Decision, Identity, Interval, Period

REVIEWED = "reviewed in the claim file (corrected: true)"
RECONSTRUCTED = "claim written before identity decisions were recorded"


@dataclass(frozen=True)
class _Field:
    name: str
    to_json: Callable[[Any], Any]
    from_json: Callable[[Any], Any]
    to_exact: Callable[[Any], Any]
    from_exact: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _plain(name: str) -> _Field:
    return _Field(name, _same, _same, _same, _same)


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _interval_from_json(data: dict[str, Any]) -> Interval:
    low, high = data["low"], data["high"]
    return Interval(None if low is None else float(low), None if high is None else float(high), bool(data["low_open"]), bool(data["high_open"]))


def _interval_to_exact(interval: Interval) -> list[Any]:
    return list(interval)


def _interval_from_exact(data: list[Any]) -> Interval:
    return Interval(*data)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _period_from_json(data: dict[str, Any]) -> Period:
    start = data.get("start")
    return Period(_day(start) if start else None, _day(data["end"]))


def _period_to_exact(period: Period) -> list[str | None]:
    return [period.start.isoformat() if period.start else None, period.end.isoformat()]


def _period_from_exact(data: list[Any]) -> Period:
    start, end = data
    return Period(date.fromisoformat(start) if start else None, date.fromisoformat(str(end)))


def _pairs_to_exact(pairs: tuple[tuple[str, str], ...]) -> list[list[str]]:
    return [list(pair) for pair in pairs]


def _pairs_from_exact(data: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((first, second) for first, second in data)


def _identity_to_json(identity: Identity) -> dict[str, dict[str, str]]:
    return {name: _decision_json(decision) for name, decision in zip(identity._fields, identity)}


def _decision_json(decision: Decision) -> dict[str, str]:
    return {"basis": decision.basis} if decision.origin is None else {"basis": decision.basis, "origin": decision.origin}


def _identity_from_json(data: dict[str, Any]) -> Identity:
    decisions = []
    for name in Identity._fields:
        item = data.get(name)
        if item is None:
            decisions.append(Decision("unknown"))
            continue
        basis = str(item["basis"])
        if basis not in BASES:
            raise ValueError(f"expected an identity basis, one of {', '.join(BASES)}, found '{basis}'")
        origin = item.get("origin")
        decisions.append(Decision(basis, None if origin is None else str(origin)))
    return Identity(*decisions)


def _identity_to_exact(identity: Identity) -> list[list[str | None]]:
    return [[decision.basis, decision.origin] for decision in identity]


def _identity_from_exact(data: list[list[str | None]]) -> Identity:
    return Identity(*(Decision(str(basis), origin) for basis, origin in data))


_OPTIONAL_INTERVAL = (_optional(Interval.to_json), _optional(_interval_from_json), _optional(_interval_to_exact), _optional(_interval_from_exact))
_OPTIONAL_PERIOD = (_optional(Period.to_json), _optional(_period_from_json), _optional(_period_to_exact), _optional(_period_from_exact))
_OPTIONAL_DATE = (_optional(date.isoformat), _optional(_day), _optional(date.isoformat), _optional(date.fromisoformat))

# Every field but ``article`` (the claim file or cache entry names it once for all its claims),
# in the order the JSON form lists them.
FIELDS: tuple[_Field, ...] = (
    *(_plain(name) for name in ("id", "text", "start", "end", "line", "column", "sentence")),
    _Field("value", Interval.to_json, _interval_from_json, _interval_to_exact, _interval_from_exact),
    _Field("soft", *_OPTIONAL_INTERVAL),
    *(_plain(name) for name in ("qualifier", "unit", "metric", "metric_matched")),
    _Field("period", *_OPTIONAL_PERIOD),
    *(_plain(name) for name in ("kind", "source")),
    _Field("source_period", *_OPTIONAL_PERIOD),
    _Field("dated", *_OPTIONAL_DATE),
    # Links are a set of relations: sorted when read from a file a person may have edited.
    _Field("links", dict, lambda data: tuple(sorted(dict(data).items())), _pairs_to_exact, _pairs_from_exact),
    _Field("how", dict, lambda data: tuple(dict(data).items()), _pairs_to_exact, _pairs_from_exact),
    _plain("corrected"),
    _plain("scope"),
    _Field("base_period", *_OPTIONAL_PERIOD),
    _Field("identity", _identity_to_json, _identity_from_json, _identity_to_exact, _identity_from_exact),
)
FIELD_NAMES = tuple(f.name for f in FIELDS)
# What a claim file may leave out (older files lack the last three; identity is then reconstructed).
DEFAULTS: dict[str, Any] = {
    "soft": None, "qualifier": None, "unit": None, "metric_matched": True, "period": None, "source": None,
    "source_period": None, "dated": None, "links": {}, "how": {}, "corrected": False, "scope": None, "base_period": None,
}


def claim_to_json(claim: Claim) -> dict[str, Any]:
    return {f.name: f.to_json(getattr(claim, f.name)) for f in FIELDS}


def claim_from_json(data: dict[str, Any], article_id: str) -> Claim:
    """A claim from its JSON form (a claim file record, validated first); see the module docstring."""
    values = {f.name: f.from_json(data[f.name] if f.name in data else DEFAULTS[f.name]) for f in FIELDS if f.name != "identity"}
    claim = Claim(article=article_id, **values)
    identity = _identity_from_json(data["identity"]) if data.get("identity") is not None else reconstructed_identity(claim)
    if claim.corrected:
        identity = reviewed_identity(claim, identity)
    return _with_identity(claim, identity)


def claim_to_exact(claim: Claim) -> dict[str, Any]:
    return {f.name: f.to_exact(getattr(claim, f.name)) for f in FIELDS}


def claim_from_exact(data: dict[str, Any], article_id: str) -> Claim:
    return Claim(article=article_id, **{f.name: f.from_exact(data[f.name]) for f in FIELDS})


def _with_identity(claim: Claim, identity: Identity) -> Claim:
    return replace(claim, identity=identity)


def _has_value(claim: Claim) -> dict[str, bool]:
    return {"period": claim.period is not None, "unit": claim.unit is not None, "metric": bool(claim.metric), "scope": claim.scope is not None}


def reconstructed_identity(claim: Claim) -> Identity:
    """Decisions for a claim stored without them: unknown without a value, else guessed."""
    present = _has_value(claim)
    return Identity(*(Decision("guessed", RECONSTRUCTED) if present[name] else Decision("unknown") for name in Identity._fields))


def reviewed_identity(claim: Claim, identity: Identity) -> Identity:
    """A corrected claim's decisions: a field with a value that no certain decision backs is stated by the reviewer."""
    present = _has_value(claim)
    return Identity(*(
        decision if decision.certain or not present[name] else Decision("stated", REVIEWED)
        for name, decision in zip(Identity._fields, identity)
    ))


def _check_fields() -> None:
    """The table covers every Claim field: adding one to Claim without a codec fails at import."""
    names = {f.name for f in fields(Claim)} - {"article"}
    if names != set(FIELD_NAMES):
        raise AssertionError(f"claim_codec.FIELDS and Claim differ: {sorted(names ^ set(FIELD_NAMES))}")


_check_fields()
