"""The check kinds: one module each, registered here by the name rule files use in `check:`.

A module provides ``ID``, a pydantic ``Rule`` model (a ``RuleBase`` with ``check: Literal[ID]`` and
its own options), ``check(index, rule) -> Iterable[Finding]`` and, for kinds that compute implied
claims, ``derive(index, rule) -> list[Claim]``. Its docstring documents the kind with a failing
and a passing example.
"""

from __future__ import annotations

from types import ModuleType

from factcheck.checks import agree, future_period, growth, part_within_whole, report_period, restatement, unit_clash

CHECKS: dict[str, ModuleType] = {
    "agree": agree,
    "restatement": restatement,
    "report_period": report_period,
    "part_within_whole": part_within_whole,
    "growth": growth,
    "unit_clash": unit_clash,
    "future_period": future_period,
}
