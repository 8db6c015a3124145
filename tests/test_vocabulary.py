"""Vocabulary files: loading, merging, and errors that say file:line:col, expected and found."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import units
from factcheck.errors import RuleFileError
from factcheck.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]


def write_vocabulary(tmp_path: Path, name: str, text: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules" / "vocabulary", rules / "vocabulary", dirs_exist_ok=True)
    (rules / "vocabulary" / name).write_text(text, encoding="utf-8")
    return rules


BROKEN = [
    ("unknown-kind", "kind: colours\n", "x.yaml:1:7: expected 'kind' to be one of 'qualifiers', 'units', 'metrics', 'sources', 'scopes', found 'colours'"),
    ("no-kind", "units: []\n", "x.yaml:1:1: expected"),
    ("unknown-key", "kind: units\nunits:\n  - name: widget\n    colour: red\n", "x.yaml:4:5: expected a known key, found unknown key 'colour'"),
    ("wrong-type", "kind: units\nunits: a lot\n", "x.yaml:2:8: expected a list, found 'a lot'"),
    ("missing-field", "kind: metrics\ntopics:\n  - id: drones\n", "x.yaml:3:5: expected the key 'phrases', found none in this mapping"),
    ("bad-id", "kind: metrics\ntopics:\n  - id: Drone Crime\n    phrases: [drones]\n", "x.yaml:3:9: expected"),
    ("syntax", "kind: units\nunits: [\n", "x.yaml:3:1: expected valid YAML, found a syntax error"),
    ("duplicate-key", "kind: units\nkind: units\n", "x.yaml:2:1: expected each key once, found 'kind' again"),
    ("yes-is-not-bool", "kind: sources\nsources:\n  - id: r\n    name: R\n    patterns: [{pattern: report, covers: no}]\n", "x.yaml:5:42: expected one of 'previous_year', 'same_year' or 'unknown', found 'no'"),
    ("tolerance-range", "kind: qualifiers\ntolerance: 3.5e6\n", "x.yaml:2:12: expected"),
    ("bad-bound", "kind: qualifiers\nqualifiers:\n  - {name: x, phrases: [x], bound: sideways}\n", "x.yaml:3:36: expected one of"),
    ("phrase-taken", "kind: metrics\ntopics:\n  - id: other\n    phrases: [telecom fraud]\n", "x.yaml:4:15: expected each topic phrase once, found 'telecom fraud' also in topic 'telecom-fraud'"),
    ("unknown-parent", "kind: metrics\ntopics:\n  - id: drones\n    parent: aviation\n    phrases: [drone crime]\n", "x.yaml:4:13: expected the id of a topic, found 'aviation'"),
    ("duplicate-unit", "kind: units\nunits:\n  - name: person\n", "x.yaml:3:11: expected each unit name once, found 'person' again"),
    ("unit-definition", "kind: units\nunits:\n  - name: lakh\n    definition: 100000 * rupee\n", "x.yaml:4:17: expected a definition from a known unit, found 'rupee'"),
    ("alias-bomb", "kind: units\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", "expected at most 100000 values"),
    ("scope-unknown-parent", "kind: scopes\nscopes:\n  - id: riverside\n    parent: atlantis\n    phrases: [Riverside]\n", "x.yaml:4:13: expected the id of a scope, found 'atlantis'"),
    ("scope-cycle", "kind: scopes\nscopes:\n  - id: north\n    parent: south\n    phrases: [North]\n  - id: south\n    parent: north\n    phrases: [South]\n", "x.yaml:4:13: expected a parent chain that ends, found a cycle north -> south -> north"),
    ("scope-self-parent", "kind: scopes\nscopes:\n  - id: loop\n    parent: loop\n    phrases: [Loopland]\n", "x.yaml:4:13: expected a parent chain that ends, found a cycle loop -> loop"),
    ("scope-phrase-taken", "kind: scopes\nscopes:\n  - id: canton\n    phrases: [Guangdong]\n", "x.yaml:4:15: expected each scope phrase once, found 'Guangdong' also in scope 'guangdong'"),
    ("scope-duplicate-id", "kind: scopes\nscopes:\n  - id: china\n    phrases: [PRC]\n", "x.yaml:3:9: expected each scope id once, found 'china' again"),
    ("scope-default-unknown", "kind: scopes\ndefault: atlantis\n", "x.yaml:2:10: expected the id of a scope as the default, found 'atlantis'"),
    ("topic-unit-unknown", "kind: metrics\ntopics:\n  - id: drones\n    unit: drone\n    phrases: [drone crime]\n", "x.yaml:4:11: expected the name of a unit, found 'drone'"),
    ("action-unit-unknown", "kind: metrics\nactions:\n  - id: flown\n    unit: pilot\n    phrases: [flown]\n", "x.yaml:4:11: expected the name of a unit, found 'pilot'"),
    ("not-a-mapping", "- kind: units\n", "x.yaml:1:1: expected a mapping with a 'kind' key"),
    ("python-tag", "kind: !!python/object:os.system units\n", "x.yaml:1:7: expected a plain value, found the tag"),
]


@pytest.mark.parametrize("name,text,message", BROKEN, ids=[case[0] for case in BROKEN])
def test_broken_vocabulary_file(tmp_path: Path, name: str, text: str, message: str) -> None:
    rules = write_vocabulary(tmp_path, "x.yaml", text)
    with pytest.raises(RuleFileError) as caught:
        load_vocabulary([str(rules)])
    shown = str(caught.value)
    assert shown.split("/")[-1].startswith(message.split(":")[0]) or message in shown
    assert message in shown.replace(str(rules / "vocabulary") + "/", ""), shown


def test_broken_vocabulary_exits_2_without_traceback(tmp_path: Path) -> None:
    rules = write_vocabulary(tmp_path, "x.yaml", "kind: units\nunits:\n  - name: widget\n    colour: red\n")
    result = subprocess.run([sys.executable, "-m", "factcheck", "parse", "5 widgets", "--rules", str(rules)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("x.yaml:4:5: expected a known key, found unknown key 'colour'")
    assert "Traceback" not in result.stderr


def test_missing_rules_directory(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="expected a rules directory, found nothing"):
        load_vocabulary([str(tmp_path / "nope")])


def test_a_users_file_adds_a_beat(tmp_path: Path) -> None:
    rules = write_vocabulary(
        tmp_path,
        "roads.yaml",
        "kind: metrics\nactions:\n  - id: killed\n    phrases: [killed, died]\ntopics:\n  - id: road-deaths\n    phrases: [road accidents, traffic accidents]\n",
    )
    vocabulary = load_vocabulary([str(rules)])
    from factcheck.commands import parse_text

    claims = parse_text("In 2023, 1,200 people were killed in road accidents.", vocabulary, None)
    assert claims[0].metric == "road-deaths/killed" and claims[0].metric_matched


def test_pint_keeps_people_and_cases_apart(vocabulary) -> None:  # type: ignore[no-untyped-def]
    assert not units.comparable(vocabulary.units, "person", "case")
    assert units.comparable(vocabulary.units, "person", "person")
    assert units.comparable(vocabulary.units, "yuan", "ten_thousand_yuan")
    assert not units.comparable(vocabulary.units, "yuan", "us_dollar")
    assert units.base_unit(vocabulary.units, "ten_thousand_yuan") == ("yuan", 10000.0)


def test_parse_does_not_import_pint_for_counting_units() -> None:
    code = "import sys\nfrom factcheck.cli import main\nsys.argv=['factcheck','parse','261 people']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint('pint' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.strip().endswith("False"), result.stdout + result.stderr


YAMLISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(text=st.one_of(st.text(max_size=300), st.builds(lambda k, d: f"kind: {k}\n" + __import__("yaml").safe_dump(d), st.sampled_from(["units", "metrics", "qualifiers", "sources", "x"]), YAMLISH)))
def test_loader_never_crashes(tmp_path: Path, text: str) -> None:
    rules = write_vocabulary(tmp_path, "x.yaml", text)
    try:
        load_vocabulary([str(rules)])
    except RuleFileError as error:
        assert error.path and error.line and error.column


def test_action_phrases_match_their_regular_forms() -> None:
    """-ed, -ing and -ion(s) forms of an action phrase match it; a written phrase wins over a
    generated one, and a form two actions would generate names neither."""
    from factcheck.vocabulary import PhraseTable, inflections

    assert inflections("prosecuted") == ["prosecuting", "prosecution", "prosecutions"]
    assert inflections("opened against") == [] and inflections("held") == []
    table = PhraseTable()
    table.add("investigated", "handled", inflect=True)
    table.add("investigating", "probing", inflect=True)  # written: it is probing's, not handled's
    table.add("convicted", "convicted", inflect=True)
    table.add("convicting", "sentenced", inflect=True)  # both generate "conviction": nobody's
    table.add("arrested", "arrested", inflect=True)
    found = {text: entry for text in ("investigation", "investigating", "convicting", "conviction", "arresting") for _, _, entry in table.find(text)}
    # "investigation" comes from both "investigated" and "investigating": ambiguous as well.
    assert found == {"investigating": "probing", "convicting": "sentenced", "arresting": "arrested"}


def test_scopes_vocabulary_parents_and_default(vocabulary) -> None:  # type: ignore[no-untyped-def]
    assert vocabulary.default_scope == "china"
    assert vocabulary.scope_parents["shenzhen"] == "guangdong" and vocabulary.scope_parents["guangdong"] == "china"
    assert "china" not in vocabulary.scope_parents
    assert vocabulary.origins["scope:zhejiang"].startswith(str(REPO / "rules" / "vocabulary" / "scopes.yaml").replace("\\", "/"))


def test_national_words_mean_the_default_scope_of_the_beat(tmp_path: Path) -> None:
    """The shipped 'national' words name whichever scope is the default; a beat's scope may list one itself."""
    from factcheck.commands import parse_text
    from factcheck.vocabulary import load_vocabulary

    beat = tmp_path / "beat" / "vocabulary"
    beat.mkdir(parents=True)
    (beat / "scopes.yaml").write_text(
        "kind: scopes\ndefault: ruritania\nscopes:\n"
        "  - {id: ruritania, phrases: [Ruritania, the whole nation]}\n"
        "  - {id: strelsau, parent: ruritania, phrases: [Strelsau]}\n",
        encoding="utf-8",
    )
    vocabulary = load_vocabulary([str(REPO / "rules"), str(tmp_path / "beat")])
    assert vocabulary.default_scope == "ruritania"
    claims = parse_text("Police arrested 1,200 people nationwide and 300 people in Strelsau.", vocabulary, None)
    assert [c.scope for c in claims] == ["ruritania", "strelsau"]
    assert [c.scope for c in parse_text("Across the whole nation 40 people were detained.", vocabulary, None)] == ["ruritania"]
    shipped = load_vocabulary([str(REPO / "rules")])
    assert [c.scope for c in parse_text("Police arrested 1,200 people nationwide.", shipped, None)] == ["china"]
