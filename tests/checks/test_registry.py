"""Every check kind documents itself and has the shape the rule loader and engine expect."""

from __future__ import annotations

import typing

import pytest

from factcheck.checks import CHECKS
from factcheck.checks.base import RuleBase


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_kind_module(name: str) -> None:
    module = CHECKS[name]
    assert module.ID == name
    assert module.__name__ == f"factcheck.checks.{name}"
    assert issubclass(module.Rule, RuleBase)
    annotation = module.Rule.model_fields["check"].annotation
    assert typing.get_origin(annotation) is typing.Literal and typing.get_args(annotation) == (name,)
    assert callable(module.check)
    doc = module.__doc__ or ""
    assert doc.startswith(f"{name}: "), "the docstring opens with the kind's name and what it checks"
    assert "Fails:" in doc and "Passes:" in doc, "the docstring shows a failing and a passing example"
    assert doc.index("Fails:") < doc.index("Passes:")
    assert "Message fields:" in doc
    for field_name, field in module.Rule.model_fields.items():
        if field_name not in RuleBase.model_fields and field_name != "check":
            assert field.description, f"{name}.Rule.{field_name} needs a description"
            assert not field.is_required(), f"{name}.Rule.{field_name} needs a default"


def test_only_growth_derives() -> None:
    assert [name for name, module in CHECKS.items() if hasattr(module, "derive")] == ["growth"]
