"""unit_clash: one figure for one fact, in different units (cases in cases/unit_clash.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def test_case(case: dict[str, Any], check_case: Callable[[str, dict[str, Any]], None]) -> None:
    check_case("unit_clash", case)
