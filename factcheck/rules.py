"""Check rule files: rules/checks/<id>.yaml, one rule per file, its id the file stem (as in Vale).

Every file is validated against one discriminated union of the check kinds' models; anything
wrong is a RuleFileError at file:line:col, never a run with fewer rules.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import Field

from factcheck.checks import CHECKS
from factcheck.checks.base import LoadedRule
from factcheck.errors import RuleFileError
from factcheck.yamlfile import load_yaml, validate

CHECKS_DIR = "checks"
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@lru_cache(maxsize=1)
def rule_file_type() -> Any:
    """The union of every registered kind's Rule model, told apart by `check`."""
    models = tuple(module.Rule for module in CHECKS.values())
    return Annotated[Union[models], Field(discriminator="check")]


def rule_files(rule_dirs: list[str]) -> list[str]:
    files: list[str] = []
    for rule_dir in rule_dirs:
        folder = Path(rule_dir) / CHECKS_DIR
        if folder.is_dir():
            files.extend(str(p) for p in sorted(folder.rglob("*")) if p.suffix in (".yaml", ".yml") and not p.is_dir())  # a pipe is named, not skipped
    return files


def load_rules(rule_dirs: list[str]) -> list[LoadedRule]:
    """Every check rule of the directories, sorted by id; ids must be unique across them."""
    loaded: dict[str, LoadedRule] = {}
    for path in rule_files(rule_dirs):
        rule_id = Path(path).stem
        if not RULE_ID.match(rule_id):
            raise RuleFileError(f"expected a file name of lowercase letters, digits, '-' or '_' (it is the rule id), found '{Path(path).name}'", path, 1, 1)
        if rule_id in loaded:
            raise RuleFileError(f"expected each rule id once, found '{rule_id}' also in {loaded[rule_id].path}", path, 1, 1)
        loaded[rule_id] = load_rule(path)
    return [loaded[key] for key in sorted(loaded)]


def load_rule(path: str) -> LoadedRule:
    located = load_yaml(path)
    if not isinstance(located.data, dict):
        found = "an empty file" if located.data is None else "a list" if isinstance(located.data, list) else "a plain value"
        raise located.error((), f"expected a mapping with a 'check' key, found {found}")
    if "check" not in located.data:
        raise located.error((), f"expected the key 'check' naming a check kind ({', '.join(CHECKS)}), found none")
    rule = validate(located, rule_file_type(), discriminator="check")
    if rule.message is not None:
        _check_template(rule.message, CHECKS[rule.check].MESSAGE_FIELDS, located)
    return LoadedRule(id=Path(path).stem, path=path, rule=rule)


def _check_template(template: str, fields: tuple[str, ...], located: Any) -> None:
    """A message template may only name its check kind's fields: a typo is an error now, not a
    default message at run time that nobody notices."""
    known = ", ".join("{" + name + "}" for name in fields)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise located.error(("message",), f"expected a message template ('{{{{' for a literal brace), found '{template}' ({exc})") from None
    for _, name, _, _ in parsed:
        if name is None:
            continue
        base = re.split(r"[.\[]", name, maxsplit=1)[0]
        if base not in fields:
            raise located.error(("message",), f"expected placeholders among {known}, found {{{name}}}")
