"""Loading user YAML with locations, YAML 1.2 scalars and limits, and validating it with pydantic.

Why not ``yaml.safe_load``: PyYAML follows YAML 1.1, where ``no`` is false, ``1:30`` is 90 and
``3.5e6`` is a string: traps for a numeric tool. We compose the node tree with YAML 1.2 core
resolvers, build the values ourselves and keep each value's line and column, so that a pydantic
error becomes ``file:line:col: expected ..., found ...``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from factcheck.errors import RuleFileError
from factcheck.limits import MAX_DEPTH, MAX_DIGITS, MAX_NODES, SETTINGS_BYTES, read_capped

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Path = tuple[str | int, ...]
T = TypeVar("T")


class _Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's scalars only, that stops composing past ``max_nodes``.

    The node tree of a large file costs about fifty times the file in memory (a 106 MB claim file
    took 5.3 GB), so the cap is counted while composing, not only while building the values. It
    counts what _Builder counts (every node but mapping keys; an alias adds nothing here, it is
    counted when built), so a file is refused early exactly when building it would refuse it.
    """

    max_nodes = MAX_NODES
    composed = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # A mapping's keys are composed with index None, its values with their key node.
        if not self.check_event(yaml.AliasEvent) and not (isinstance(parent, yaml.MappingNode) and index is None):
            self.composed += 1
            if self.composed > self.max_nodes:
                raise _TooManyNodes(self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


class _TooManyNodes(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


_Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:int", r"^0x[0-9a-fA-F]+$", "0"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?\.(?:inf|Inf|INF)$", "-+."),
    ("tag:yaml.org,2002:float", r"^\.(?:nan|NaN|NAN)$", "."),
):
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


# libyaml's parser, where PyYAML has it, with the same scalars: seven times faster than the Python
# one, which takes about a minute on the claim file of an article of 10,000 figures. Only for files
# the tool writes (which refuse aliases, so their values are bounded by their size cap), so that
# the messages about files people write stay the same everywhere.
_FastLoader: type[Any] = _Yaml12Loader
if getattr(yaml, "__with_libyaml__", False):

    class _Yaml12CLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined,unused-ignore]
        """libyaml's SafeLoader with the YAML 1.2 core schema's scalars only."""

    _Yaml12CLoader.yaml_implicit_resolvers = _Yaml12Loader.yaml_implicit_resolvers
    _FastLoader = _Yaml12CLoader


class _BothSchemasDumper(yaml.SafeDumper):
    """SafeDumper that quotes a string either YAML 1.1 or YAML 1.2 would read as something else.

    PyYAML quotes only what its own YAML 1.1 resolvers would misread, so it writes "12e3" plain,
    and our YAML 1.2 loader reads that back as the number 12000.0.
    """


_BothSchemasDumper.yaml_implicit_resolvers = {
    first: list(resolvers) for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
for _first, _resolvers in _Yaml12Loader.yaml_implicit_resolvers.items():
    _BothSchemasDumper.yaml_implicit_resolvers.setdefault(_first, []).extend(_resolvers)


def dump_yaml(data: Any, **options: Any) -> str:
    """YAML that both this loader and PyYAML's read back as ``data``."""
    text: str = yaml.dump(data, Dumper=_BothSchemasDumper, allow_unicode=True, **options)
    return text


@dataclass
class LocatedYaml:
    """Plain data from a YAML file and the line:column (1-based) of every value and key in it."""

    path: str
    data: Any
    value_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Path, key: bool = False) -> tuple[int, int]:
        """The closest known location of ``loc``: the value, else its key, else its parent."""
        marks = (self.key_marks, self.value_marks) if key else (self.value_marks, self.key_marks)
        probe = tuple(loc)
        while True:
            for table in marks:
                if probe in table:
                    return table[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def error(self, loc: Path, message: str, key: bool = False) -> RuleFileError:
        line, column = self.where(loc, key)
        return RuleFileError(message, self.path, line, column)


def parse_yaml(text: str, path: str, what: str = "YAML", max_nodes: int | None = None, written_by_tool: bool = False) -> LocatedYaml:
    """The data of a YAML text; ``what`` names the text in messages ("YAML front matter").

    Files people write (rules, vocabulary, configuration, front matter) may use aliases, and an
    alias bomb expands a few lines into billions of values: their values are capped at
    ``max_nodes``, counted while composing. ``written_by_tool``: a file factcheck writes (claim
    files, suppressions) holds as many values as the tool wrote (some 35 a claim, 350,000 for an
    article of 10,000 figures); the tool never writes an alias, so such a file refuses aliases
    instead of capping its values, and its size cap bounds the rest.
    """
    if max_nodes is None:
        max_nodes = MAX_NODES  # read when called: tests and callers may lower the module's cap
    loader: Any = None
    try:
        loader = _FastLoader(text) if written_by_tool else _Yaml12Loader(text)  # checks the text is printable
        loader.max_nodes = max_nodes
        node = loader.get_single_node()
    except _TooManyNodes as exc:
        raise RuleFileError(_too_many(max_nodes), path, exc.mark.line + 1, exc.mark.column + 1) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        raise RuleFileError(f"expected valid {what}, found a syntax error: {problem}", path, line, column) from None
    except yaml.reader.ReaderError as exc:
        # Raised for control characters before any mark exists: the position is an offset, of
        # characters from PyYAML's reader, of UTF-8 bytes from libyaml's.
        position = exc.position
        if written_by_tool and _FastLoader is not _Yaml12Loader:
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        message = f"expected printable text in the {what}, found the character #x{exc.character:04x}"
        raise RuleFileError(message, path, line, column) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"expected valid {what}, found {exc}", path, 1, 1) from None
    except RecursionError:
        raise RuleFileError(f"expected {what} nested at most {MAX_DEPTH} deep, found deeper", path, 1, 1) from None
    finally:
        if loader is not None:
            loader.dispose()
    located = LocatedYaml(path, None)
    if node is None:
        return located
    builder = _Builder(located, what, None if written_by_tool else max_nodes, refuse_aliases=written_by_tool)
    located.data = builder.build(node, (), 0)
    return located


def _too_many(max_nodes: int) -> str:
    return f"expected at most {max_nodes} values (aliases included), found more"


def load_yaml(
    path: str, max_bytes: int = SETTINGS_BYTES, setting: str | None = None, max_nodes: int | None = None, written_by_tool: bool = False
) -> LocatedYaml:
    """A YAML file of at most ``max_bytes`` (a regular file: never a pipe or a device), parsed."""
    raw = read_capped(path, max_bytes, "a YAML file", setting, RuleFileError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RuleFileError(f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x}", path, line, 1) from None
    return parse_yaml(text, path, max_nodes=max_nodes, written_by_tool=written_by_tool)


_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Builder:
    def __init__(self, located: LocatedYaml, what: str, max_nodes: int | None = MAX_NODES, refuse_aliases: bool = False) -> None:
        self.located = located
        self.what = what
        self.max_nodes = max_nodes
        self.count = 0
        # An alias is the node of its anchor met again: in a file the tool writes, that is refused.
        self.seen: set[int] | None = set() if refuse_aliases else None

    def build(self, node: yaml.Node, loc: Path, depth: int, parent: yaml.Node | None = None) -> Any:
        """``parent``: the key of a mapping value, the sequence of an item (where an alias is told)."""
        self.count += 1
        if self.max_nodes is not None and self.count > self.max_nodes:
            raise self._error(node, _too_many(self.max_nodes))
        if self.seen is not None:
            if id(node) in self.seen:
                line, column = node.start_mark.line + 1, node.start_mark.column + 1
                message = f"expected no aliases in a file factcheck writes, found the value of line {line}, column {column} again (an alias)"
                raise self._error(parent or node, message)
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self._error(node, f"expected {self.what} nested at most {MAX_DEPTH} deep, found deeper")
        self.located.value_marks.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            raise self._error(node, f"expected a plain value, found the tag {node.tag}")
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self._error(key_node, "expected a plain key, found a nested structure")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self._error(key_node, "expected a plain key, found a '<<' merge key (not supported)")
                key = str(key_node.value)
                if key in result:
                    raise self._error(key_node, f"expected each key once, found '{key}' again")
                self.located.key_marks[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, loc + (key,), depth + 1, key_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (index,), depth + 1, node) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        value = str(node.value)
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            if len(value) > MAX_DIGITS:  # int() itself refuses over 4,300 digits, with a ValueError
                raise self._error(node, f"expected a number of at most {MAX_DIGITS} digits, found {len(value):,} characters")
            return int(value, 16) if value.startswith("0x") else int(value)
        if tag == "tag:yaml.org,2002:float":
            lowered = value.lower()
            if lowered.endswith(".inf"):
                return float("-inf") if lowered.startswith("-") else float("inf")
            if lowered.endswith(".nan"):
                return float("nan")
            return float(value)
        raise self._error(node, f"expected a plain value, found the tag {tag}")

    def _error(self, node: yaml.Node, message: str) -> RuleFileError:
        return RuleFileError(message, self.located.path, node.start_mark.line + 1, node.start_mark.column + 1)


_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
}


def describe(value: Any) -> str:
    """How a found value is named in an error message."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        # Values can come from articles (front matter): a newline or a terminal escape is shown,
        # never printed raw into a log where it could start a line of its own.
        return "'" + _CONTROL.sub(lambda match: repr(match.group())[1:-1], shown) + "'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _lookup(data: Any, loc: Path) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def validate(located: LocatedYaml, model: type[T] | Any, discriminator: str = "kind") -> T:
    """Validate the file's data against a pydantic model or type; the first error becomes a RuleFileError."""
    try:
        if isinstance(model, type) and issubclass(model, BaseModel):
            return model.model_validate(located.data, strict=False)  # type: ignore[return-value]
        adapter: TypeAdapter[Any] = TypeAdapter(model)
        return adapter.validate_python(located.data)  # type: ignore[no-any-return]
    except ValidationError as exc:
        # A discriminated union puts the tag ("units") first in each error's location.
        tag = located.data.get(discriminator) if isinstance(located.data, dict) and not isinstance(model, type) else None
        raise _first_error(located, exc, tag) from None


def _first_error(located: LocatedYaml, exc: ValidationError, tag: Any = None) -> RuleFileError:
    def location(err: Any) -> Path:
        loc = tuple(err["loc"])
        if tag is not None and loc and loc[0] == tag:
            loc = loc[1:]
        return _clean(loc, located.data, keep_last=err["type"] == "missing")

    errors = sorted(exc.errors(include_url=False), key=lambda err: located.where(location(err), key=err["type"] == "extra_forbidden"))
    err = errors[0]
    loc = location(err)
    kind = err["type"]
    ctx = err.get("ctx", {})
    found = _lookup(located.data, loc)
    if kind == "missing" and loc:
        return located.error(loc[:-1], f"expected the key '{loc[-1]}', found none in this mapping")
    if kind == "extra_forbidden" and loc:
        return located.error(loc, f"expected a known key, found unknown key '{loc[-1]}'", key=True)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        key = str(ctx.get("discriminator", "kind")).strip("'")
        expected = ctx.get("expected_tags", "")
        got = _lookup(located.data, loc + (key,))
        where = loc + (key,) if got is not None else loc
        return located.error(where, f"expected '{key}' to be one of {expected}, found {describe(got)}")
    if kind in _TYPE_WORDS:
        return located.error(loc, f"expected {_TYPE_WORDS[kind]}, found {describe(found)}")
    bounds = {"less_than": "below", "less_than_equal": "at most", "greater_than": "above", "greater_than_equal": "at least"}
    if kind in bounds:
        limit = next(iter(ctx.values()), "?")
        return located.error(loc, f"expected a number {bounds[kind]} {limit}, found {describe(found)}")
    if kind == "literal_error":
        return located.error(loc, f"expected one of {ctx.get('expected', '?')}, found {describe(found)}")
    if kind == "string_pattern_mismatch":
        return located.error(loc, f"expected text matching {ctx.get('pattern', '?')}, found {describe(found)}")
    if kind in ("too_short", "too_long"):
        size = "at least" if kind == "too_short" else "at most"
        count = ctx.get("min_length", ctx.get("max_length", "?"))
        unit = "character" if isinstance(found, str) else "item"
        return located.error(loc, f"expected {size} {count} {unit}(s), found {len(found) if hasattr(found, '__len__') else describe(found)}")
    message = str(err.get("msg", "invalid value"))
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    elif message.startswith("Assertion failed, "):
        message = message[len("Assertion failed, ") :]
    if not message.startswith("expected"):
        message = f"expected {message[0].lower() + message[1:]}, found {describe(found)}"
    return located.error(loc, message)


def _clean(loc: tuple[Any, ...], data: Any, keep_last: bool) -> Path:
    """The parts of a pydantic error location that index into the data.

    pydantic adds names of union members and validators ("FractionBelow", "literal[...]"); they
    are dropped by walking the data, so a key that happens to look like one is kept. The last
    part is kept for a missing key, which is not in the data by definition.
    """
    cleaned: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            cleaned.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            cleaned.append(part)
            current = current[part]
        elif keep_last and index == len(loc) - 1:
            cleaned.append(part)
    return tuple(cleaned)


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def quoted_yaml(text: str) -> str:
    """A double-quoted YAML scalar: JSON's quoting, plus escapes for what YAML will not take raw
    (C1 controls, line and paragraph separators, surrogates, byte-order marks)."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(text, ensure_ascii=False, allow_nan=False))
