"""Units: the nouns that name them come from the vocabulary; comparing and converting uses pint.

pint costs a quarter of a second to import, so it is imported only when two units are compared
or a non-base unit is converted, never to read a unit noun.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from factcheck.vocabulary.models import Unit


def registry_definitions(units: dict[str, Unit]) -> tuple[str, ...]:
    """pint definition lines: each base unit is its own dimension, so people never become cases."""
    lines = []
    for name, unit in sorted(units.items()):
        if unit.definition is None:
            lines.append(f"{name} = [{unit.dimension or name}]")
    for name, unit in sorted(units.items()):
        if unit.definition is not None:
            lines.append(f"{name} = {unit.definition}")
    return tuple(lines)


@lru_cache(maxsize=8)
def _registry(definitions: tuple[str, ...]) -> Any:
    import pint

    registry: Any = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    for line in definitions:
        registry.define(line)
    return registry


def registry(units: dict[str, Unit]) -> Any:
    """A pint registry with the vocabulary's units (typed Any: pint's generics vary by version)."""
    return _registry(registry_definitions(units))


def comparable(units: dict[str, Unit], first: str | None, second: str | None) -> bool:
    """True when quantities in the two units measure the same dimension."""
    if first is None or second is None:
        return first == second
    if first == second:
        return True
    if first not in units or second not in units:
        return False
    reg = registry(units)
    return bool(reg.Unit(first).dimensionality == reg.Unit(second).dimensionality)


def base_unit(units: dict[str, Unit], name: str) -> tuple[str, float]:
    """The base unit of ``name`` and the factor to it (ten_thousand_yuan -> yuan, 10000)."""
    unit = units.get(name)
    if unit is None or unit.definition is None:
        return name, 1.0
    reg = registry(units)
    quantity: Any = reg.Quantity(1, name).to_base_units()
    base_name = str(quantity.units)
    # pint names the base by its dimension; find our unit that is that base.
    for candidate, entry in sorted(units.items()):
        if entry.definition is None and reg.Unit(candidate).dimensionality == reg.Unit(name).dimensionality:
            base_name = candidate
            break
    return base_name, float(quantity.magnitude)
