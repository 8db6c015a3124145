"""The one Claim codec: claim files, JSON and the cache spell the fields out once, identity included;
claim files written before identity was recorded still load, conservatively."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from factcheck.claim_codec import FIELD_NAMES, RECONSTRUCTED, REVIEWED, claim_from_exact, claim_from_json, claim_to_exact, claim_to_json
from factcheck.claimfile import ClaimRecord, claim_from_record, parse_claim_file
from factcheck.commands import text_article
from factcheck.extract import ClaimExtractor
from factcheck.model import Claim, Decision, Identity, Period
from factcheck.vocabulary import load_vocabulary

REPO = Path(__file__).resolve().parents[1]
TEXT = (
    "The 2024 work report was delivered on Friday. It says 51,000 people were prosecuted for telecom fraud. "
    "As of Tuesday, 3,275 people had been detained for crimes related to COVID-19, of whom 2,281 had been taken to court. "
    "In 2023, 78,000 people were prosecuted for infringing citizens' personal information, up 53.9 percent from the previous year."
)


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    extractor = ClaimExtractor(load_vocabulary([str(REPO / "rules")]))
    found = extractor.extract(text_article(TEXT, date(2024, 3, 12), "a"))
    assert len(found) >= 5
    return [replace(found[0], scope="riverside", base_period=Period(date(2022, 1, 1), date(2022, 12, 31)))] + found[1:]


def test_every_claim_field_is_in_the_codec_and_the_claim_file_record() -> None:
    names = {f.name for f in fields(Claim)} - {"article"}
    assert set(FIELD_NAMES) == names
    assert set(ClaimRecord.model_fields) == names | {"orphaned"}


def test_exact_form_round_trips_through_json_text(claims: list[Claim]) -> None:
    for claim in claims:
        assert claim_from_exact(json.loads(json.dumps(claim_to_exact(claim))), "a") == claim


def test_json_form_round_trips_through_a_claim_file_record(claims: list[Claim]) -> None:
    for claim in claims:
        record = ClaimRecord.model_validate(json.loads(json.dumps(claim_to_json(claim))))
        assert claim_from_record(record, "a") == claim
        assert claim_from_json(claim_to_json(claim), "a") == claim


def test_extracted_claims_carry_their_identity_decisions(claims: list[Claim]) -> None:
    by_text = {claim.text: claim for claim in claims}
    assert by_text["51,000 people"].identity.period == Decision("carried", "source")
    assert by_text["3,275 people"].identity.period == Decision("stated", "As of Tuesday")
    assert by_text["2,281"].identity.unit == Decision("carried", "the whole '3,275 people' it is part of")
    assert by_text["78,000 people"].identity == Identity(Decision("stated", "In 2023"), Decision("stated"), Decision("stated"), Decision("implied", "vocabulary"))


OLD_CLAIM = """\
article: {id: old, path: old.md, sha256: %s}
claims:
- id: old:1
  text: 51,000 people
  start: 0
  end: 13
  line: 1
  column: 1
  sentence: In 2023, 51,000 people were prosecuted.
  value: {low: 50500, high: 51500, low_open: false, high_open: true}
  unit: person
  metric: telecom-fraud/prosecuted
  period: {start: 2023-01-01, end: 2023-12-31}
  kind: count
  corrected: %s
- id: old:2
  text: '12'
  start: 20
  end: 22
  line: 1
  column: 21
  sentence: In 2023, 51,000 people were prosecuted.
  value: {low: 12, high: 12, low_open: false, high_open: false}
  metric: '?x'
  metric_matched: false
  kind: count
""" % ("a" * 64, "{corrected}")


@pytest.mark.parametrize("corrected", [False, True])
def test_a_claim_file_written_before_identity_loads_conservatively(corrected: bool) -> None:
    parsed = parse_claim_file(OLD_CLAIM.replace("{corrected}", str(corrected).lower()), "old.yaml")
    first, second = (claim_from_record(record, "old") for record in parsed.claims)
    expected = Decision("stated", REVIEWED) if corrected else Decision("guessed", RECONSTRUCTED)
    assert first.identity == Identity(expected, expected, expected, Decision("unknown"))
    # Fields without a value stay unknown, corrected or not.
    assert second.identity == Identity(Decision("unknown"), Decision("unknown"), Decision("guessed", RECONSTRUCTED), Decision("unknown"))


def test_a_corrected_claim_keeps_its_certain_decisions() -> None:
    text = OLD_CLAIM.replace("{corrected}", "true").replace(
        "  kind: count\n  corrected: true\n", "  kind: count\n  corrected: true\n  identity: {period: {basis: carried, origin: the lede}, unit: {basis: guessed}}\n"
    )
    [first, _] = (claim_from_record(record, "old") for record in parse_claim_file(text, "old.yaml").claims)
    assert first.identity.period == Decision("carried", "the lede")
    assert first.identity.unit == Decision("stated", REVIEWED)  # the reviewer vouched for the guessed unit


def test_a_wrong_identity_basis_is_a_located_error(tmp_path: Path) -> None:
    text = OLD_CLAIM.replace("{corrected}", "false").replace("  kind: count\n  corrected: false\n", "  kind: count\n  identity: {period: {basis: sure}}\n")
    path = tmp_path / "claims" / "old.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "factcheck", "run", str(path), "--rules", str(REPO / "rules")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert re.search(r"old\.yaml:\d+:\d+: expected", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_bundled_claim_files_record_identity() -> None:
    for path in sorted((REPO / "claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert all("identity" in claim for claim in data["claims"]), path
