"""What `factcheck rules schema` and `factcheck rules explain` print: rules described for people
and for editors, from the same pydantic models the loader validates with."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from factcheck.checks import CHECKS
from factcheck.checks.base import Example, LoadedRule, RuleBase
from factcheck.printable import printable

# File kind -> what its schema is made from and a title for it.
SCHEMAS: dict[str, str] = {
    "rule": "a check rule file (rules/checks/<id>.yaml)",
    "qualifiers": "a qualifiers vocabulary file (kind: qualifiers)",
    "units": "a units vocabulary file (kind: units)",
    "metrics": "a metrics vocabulary file (kind: metrics)",
    "sources": "a sources vocabulary file (kind: sources)",
    "scopes": "a scopes vocabulary file (kind: scopes)",
    "suppressions": "a suppressions file (suppressions.yaml)",
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind."""
    from factcheck.rules import rule_file_type
    from factcheck.suppressions import SuppressionFile
    from factcheck.vocabulary.models import MetricVocabulary, QualifierVocabulary, ScopeVocabulary, SourceVocabulary, UnitVocabulary

    models: dict[str, Any] = {
        "rule": rule_file_type(),
        "qualifiers": QualifierVocabulary,
        "units": UnitVocabulary,
        "metrics": MetricVocabulary,
        "sources": SourceVocabulary,
        "scopes": ScopeVocabulary,
        "suppressions": SuppressionFile,
    }
    body = TypeAdapter(models[kind]).json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **body, "title": f"factcheck: {SCHEMAS[kind]}"}


def schema_text(kind: str) -> str:
    return json.dumps(schema(kind), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def explain_rule(loaded: LoadedRule) -> str:
    rule = loaded.rule
    module = CHECKS[loaded.check]
    summary = (module.__doc__ or "").strip().splitlines()[0]
    lines = [
        f"{loaded.id}  ({loaded.path.replace(chr(92), '/')})",
        f"  check       {summary}",
        f"  severity    {rule.severity}",
        f"  description {printable(rule.description)}",
    ]
    if rule.help:
        lines.append(f"  help        {printable(rule.help)}")
    fields = ", ".join("{" + name + "}" for name in module.MESSAGE_FIELDS)
    lines.append(f"  message     {printable(rule.message) if rule.message else '(the check kind’s default)'}")
    lines.append(f"              fields: {fields}")
    lines.append(f"  select      {_select(rule)}")
    for name, value, description in _options(rule):
        lines.append(f"  option      {name}: {value}" + (f"  ({description})" if description else ""))
    if not rule.examples.fail and not rule.examples.pass_:
        lines.append("  examples    none: `factcheck rules test` lists this rule as untested")
    for label, examples in (("fails on", rule.examples.fail), ("passes on", rule.examples.pass_)):
        if examples:
            lines.append(f"  {label:<11} {_example(examples[0])}" + (f"  (and {len(examples) - 1} more)" if len(examples) > 1 else ""))
    return "\n".join(lines) + "\n"


def _select(rule: RuleBase) -> str:
    chosen = rule.select.model_dump(exclude_defaults=True)
    if not chosen:
        return "every claim whose metric a vocabulary entry matched"
    return ", ".join(f"{key}: {value}" for key, value in chosen.items())


def _options(rule: RuleBase) -> list[tuple[str, Any, str | None]]:
    """The check kind's own fields (beyond those every rule has), with their values."""
    own = [name for name in type(rule).model_fields if name not in RuleBase.model_fields and name != "check"]
    return [(name, getattr(rule, name), type(rule).model_fields[name].description) for name in own]


def _example(example: Example) -> str:
    documents = " + ".join(
        (f"[{document.date.isoformat()}] " if document.date else "") + f'"{printable(document.text)}"' for document in example.documents
    )
    return (f"{printable(example.note)}: " if example.note else "") + documents
