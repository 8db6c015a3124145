"""Fuzzing, bounded for the suite (the longer run is ``python -m bench.robustness``): mutated real
inputs into every reader, the extractor, the rule and vocabulary loaders and claim files. Each
input gives a result or the input's own error (a UserError with its file); nothing else escapes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.claimfile import claim_from_record, parse_claim_file
from factcheck.documents import READERS
from factcheck.errors import DocumentError, RuleFileError, UserError
from factcheck.extract import ClaimExtractor
from factcheck.rules import load_rule
from factcheck.vocabulary import load_vocabulary
from factcheck.yamlfile import MAX_DEPTH, dump_yaml, parse_yaml

from cli_runs import REPO, RULES  # type: ignore[import-not-found]

ARTICLES = sorted((REPO / "articles").iterdir())
RULE_FILES = sorted((RULES / "checks").glob("*.yaml"))
VOCABULARY_FILES = sorted((RULES / "vocabulary").glob("*.yaml"))
CLAIM_FILES = sorted((REPO / "claims").glob("*.yaml"))
# Pieces that reach the parsers' edge cases: YAML structure, aliases and tags, markup, encodings.
TOKENS = [
    "&a ", "*a", "&b [*a, *a, *a]", "!!python/object/apply:os.system ['x']", "!!binary", "<<: *a", "{", "}", "[", "]",
    "- ", ": ", "? ", "|", ">-", "#", "'", '"', "\\", "\n", "\n  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "~", "null",
    "no", "1e400", "-.inf", ".nan", "0x1F", "1:30", "2024-02-30", "99999999999999999999999", "\x00", "\x07", "\x1b[2J",
    "\u2028", "\ufeff", "\ud7ff", "é", "电信", "<!--", "<a b='", "</article>", "<script>", "&#x110000;", "&amp", "<![CDATA[",
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@st.composite
def mutated(draw: st.DrawFn, sources: list[Path]) -> tuple[Path, str]:
    """A real file's text with up to eight edits: pieces inserted, spans cut, copied or truncated."""
    path = draw(st.sampled_from(sources))
    text = path.read_bytes().decode("utf-8")
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "cut", "copy", "truncate"]))
        if edit == "insert":
            text = text[:at] + draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6))) + text[at:]
        elif edit == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 60)) :]
        elif edit == "copy":
            start = draw(st.integers(0, len(text)))
            text = text[:at] + text[start : start + draw(st.integers(1, 200))] + text[at:]
        else:
            text = text[:at]
    return path, text


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor(load_vocabulary([str(RULES)]))


@SETTINGS
@given(case=mutated(ARTICLES), encoding=st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252", "latin-1"]))
def test_readers_and_extractor(case: tuple[Path, str], encoding: str, extractor: ClaimExtractor) -> None:
    path, text = case
    raw = text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")
    try:
        article = READERS[path.suffix](path.name, raw)
    except DocumentError as exc:
        assert exc.path == path.name and exc.message.startswith(("expected", "cannot"))
        return
    for claim in extractor.extract(article):
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.line >= 1 and claim.column >= 1


@SETTINGS
@given(raw=st.binary(max_size=2000), suffix=st.sampled_from(sorted(READERS)))
def test_readers_on_random_bytes(raw: bytes, suffix: str) -> None:
    try:
        article = READERS[suffix](f"x{suffix}", raw)
    except DocumentError:
        return
    assert all(article.line_col(offset) >= (1, 1) for offset in range(0, len(article.text) + 1, 7))


def _rule_error(error: RuleFileError, path: Path) -> None:
    assert error.path == str(path) and (error.line or 1) >= 1 and error.message.startswith("expected"), str(error)


@SETTINGS
@given(case=mutated(RULE_FILES))
def test_rule_loader(case: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> None:
    source, text = case
    path = tmp_path_factory.mktemp("rule") / source.name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_rule(str(path))
    except RuleFileError as exc:
        _rule_error(exc, path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=mutated(VOCABULARY_FILES))
def test_vocabulary_loader(case: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> None:
    source, text = case
    rules = tmp_path_factory.mktemp("rules")
    shutil.copytree(RULES / "vocabulary", rules / "vocabulary")
    path = rules / "vocabulary" / source.name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        load_vocabulary([str(rules)])
    except RuleFileError as exc:
        assert exc.path is not None and exc.path.startswith(str(rules)), str(exc)
        assert exc.message.startswith("expected"), str(exc)


@SETTINGS
@given(case=mutated(CLAIM_FILES))
def test_claim_files(case: tuple[Path, str]) -> None:
    source, text = case
    try:
        record = parse_claim_file(text, source.name)
    except UserError as exc:
        assert exc.path == source.name and exc.message.startswith("expected"), str(exc)
        return
    for claim in record.claims:
        claim_from_record(claim, record.article.id)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=40)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@settings(max_examples=200, deadline=None)
@given(data=DATA, flow=st.booleans(), written_by_tool=st.booleans())
def test_any_yaml_comes_back_as_written(data: object, flow: bool, written_by_tool: bool) -> None:
    """What the tool writes (claim files, extract --format yaml), the YAML 1.2 loader reads back
    unchanged: the one for files people write and the one (libyaml's, where there) for claim files."""
    text = dump_yaml(data, default_flow_style=flow)
    assume(yaml.safe_load(text) == data)  # PyYAML itself misreads a few of its own (a key of NEL, "\x85")
    try:
        assert parse_yaml(text, "x.yaml", written_by_tool=written_by_tool).data == data
    except RuleFileError as exc:
        assert _depth(data) > MAX_DEPTH, str(exc)


@pytest.mark.parametrize("text", ["12e3", "0E0", "1e5", "-2E-7", ".5e1", "0x1F", "+12", "NULL", "True"])
def test_strings_a_yaml_12_reader_would_misread_are_quoted(text: str) -> None:
    """Regression: PyYAML wrote "0E0" plain (YAML 1.1 floats need a dot) and it came back as 0.0."""
    assert parse_yaml(dump_yaml({"text": text}), "x.yaml").data == {"text": text}
