"""Reviewed work is never lost: claim files of any size read back, corrections survive edits and
renames, a baseline of some articles keeps the others' reasons, and a stale claim file is a finding.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.claimfile import ClaimFile, merge_corrections, parse_claim_file, render_claim_file
from factcheck.commands import text_article
from factcheck.errors import RuleFileError
from factcheck.extract import ClaimExtractor
from factcheck.model import Claim
from factcheck.vocabulary import Vocabulary
from factcheck import yamlfile
from factcheck.yamlfile import parse_yaml

from cli_runs import REPO, RULES, copy_rules, factcheck, stderr_lines  # type: ignore[import-not-found]

FIGURES = 10_000


def ledger(figures: int) -> str:
    """An article of one figure a sentence, each sentence different."""
    lines = ["---", "title: Ledger", "date: 2024-03-05", "---", ""]
    lines += [f"Officials said {1000 + index:,} people were prosecuted for telecom fraud that year." for index in range(figures)]
    return "\n".join(lines) + "\n"


def correct(claim_file: Path, claim_id: str, metric: str) -> None:
    """Correct one claim's metric by hand, as a reviewer edits the file."""
    text = claim_file.read_text(encoding="utf-8")
    start = text.index(f"- id: {claim_id}\n")
    end = text.find("\n- id: ", start + 1)
    end = len(text) if end == -1 else end
    block = re.sub(r"(?m)^  metric: .*$", f"  metric: {metric}", text[start:end], count=1)
    block = block.replace("  corrected: false", "  corrected: true")
    claim_file.write_text(text[:start] + block + text[end:], encoding="utf-8")


def test_a_claim_file_of_10000_claims_reads_back(tmp_path: Path) -> None:
    """Regression: an article of more than about 1,700 figures got a claim file the loader
    refused ("expected at most 100000 values"): `run` and `extract --out` then exited 2."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "ledger.md").write_text(ledger(FIGURES), encoding="utf-8")
    extract = ("extract", "articles", "--out", "claims", "--rules", str(RULES), "--no-cache")
    assert factcheck(*extract, cwd=tmp_path).returncode == 0
    claim_file = tmp_path / "claims" / "ledger.yaml"
    ids = re.findall(r"(?m)^- id: (\S+)$", claim_file.read_text(encoding="utf-8"))
    assert len(ids) == FIGURES
    correct(claim_file, ids[FIGURES // 2], "telecom-fraud/counted-by-hand")
    run = factcheck("run", "articles", "--claims", "claims", "--rules", str(RULES), "--no-cache", "--format", "json", "--html", "", cwd=tmp_path)
    assert run.returncode in (0, 1), run.stderr
    assert json.loads(run.stdout)["summary"]["claims"] == FIGURES
    again = factcheck(*extract, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    text = claim_file.read_text(encoding="utf-8")
    assert text.count("  corrected: true") == 1 and "metric: telecom-fraud/counted-by-hand" in text


def test_claim_files_refuse_aliases_instead_of_capping_values(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tool never writes an alias, so a claim file refuses them, and no alias bomb expands."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(RuleFileError, match="expected no aliases in a file factcheck writes") as caught:
        parse_claim_file(bomb, "claims/x.yaml")
    assert (caught.value.line, caught.value.column) == (2, 4)  # the list holding the alias
    # Files people write keep their aliases, and the cap on what they expand to.
    assert parse_yaml(bomb, "x.yaml").data["b"][0] == ["x"] * 10
    monkeypatch.setattr(yamlfile, "MAX_NODES", 1000)  # the same rule as 100,000, sooner
    big = "claims:\n" + "- 1\n" * 1000
    with pytest.raises(RuleFileError, match="expected at most 1000 values"):
        parse_yaml(big, "x.yaml")
    assert len(parse_yaml(big, "claims/x.yaml", written_by_tool=True).data["claims"]) == 1000


# --- A relocated correction takes its figure's place -------------------------------------------

FRAUD = "Prosecutors charged 50,000 people with telecom fraud in 2023."
RELOCATED = [
    # name, article before, article after, occurrence of FRAUD's figure corrected (0: first)
    ("sentence merged with the previous one", f"The ministry spoke on Monday. {FRAUD}\n", f"The ministry spoke on Monday: {FRAUD}\n", 0),
    ("earlier identical sentence deleted", f"{FRAUD}\nThe figure was repeated.\n{FRAUD}\n", f"The figure was repeated.\n{FRAUD}\n", 1),
]


def claim_file_of(text: str, vocabulary: Vocabulary, corrections: list[Claim] | None = None) -> ClaimFile:
    article = text_article(text, date(2024, 3, 12), "news")
    claims = ClaimExtractor(vocabulary).extract(article)
    merged, orphaned, _ = merge_corrections(article, claims, None)
    if corrections is not None:
        merged = corrections
    return parse_claim_file(render_claim_file(article, merged, vocabulary.digest, orphaned), "claims/news.yaml")


def reextract(text: str, previous: ClaimFile, vocabulary: Vocabulary) -> tuple[list[Claim], list[dict[str, object]], list[str]]:
    article = text_article(text, date(2024, 3, 12), "news")
    return merge_corrections(article, ClaimExtractor(vocabulary).extract(article), previous)


def with_correction(previous: ClaimFile, text: str, occurrence: int) -> ClaimFile:
    records = [record for record in previous.claims if record.text == text]
    target = records[occurrence]
    claims = [record.model_copy(update={"metric": "telecom-fraud/by-hand", "corrected": True}) if record is target else record for record in previous.claims]
    return previous.model_copy(update={"claims": claims})


@pytest.mark.parametrize(("before", "after", "occurrence"), [case[1:] for case in RELOCATED], ids=[case[0] for case in RELOCATED])
def test_a_relocated_correction_replaces_the_fresh_claim(before: str, after: str, occurrence: int, vocabulary: Vocabulary) -> None:
    """Regression: the correction and a fresh extraction of the same figure both came back, and the
    article contradicted itself on every later run."""
    previous = with_correction(claim_file_of(before, vocabulary), "50,000 people", occurrence)
    claims, orphaned, warnings = reextract(after, previous, vocabulary)
    figure = [claim for claim in claims if claim.text == "50,000 people"]
    assert [(claim.metric, claim.corrected) for claim in figure] == [("telecom-fraud/by-hand", True)]
    assert (orphaned, warnings) == ([], [])
    article = text_article(after, date(2024, 3, 12), "news")
    assert len(claims) == len(ClaimExtractor(vocabulary).extract(article))
    assert after[figure[0].start : figure[0].end] == "50,000 people"
    # It takes the fresh claim's id, so the next extraction finds it by id, unchanged.
    again = reextract(after, parse_claim_file(render_claim_file(article, claims, vocabulary.digest, []), "claims/news.yaml"), vocabulary)
    assert again[0] == claims


def test_two_corrections_for_one_figure_keep_the_second_as_orphaned(vocabulary: Vocabulary) -> None:
    before = f"{FRAUD}\n{FRAUD}\n"
    previous = with_correction(with_correction(claim_file_of(before, vocabulary), "50,000 people", 0), "50,000 people", 1)
    claims, orphaned, warnings = reextract(f"{FRAUD}\n", previous, vocabulary)
    assert [claim.corrected for claim in claims if claim.text == "50,000 people"] == [True]
    assert [record["orphaned"] for record in orphaned] == ["its figure already carries another correction"]
    assert len(warnings) == 1


SENTENCES = [FRAUD, "Courts heard 3,000 cases in 2023.", "Some 38,000 people were prosecuted for telecom fraud in 2023.", "The figure was repeated."]
EDITS = st.lists(st.tuples(st.sampled_from(["delete", "merge", "duplicate", "move"]), st.integers(0, 30)), max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), corrected=st.sets(st.integers(0, 10)), edits=EDITS)
def test_one_figure_gives_one_claim_whatever_the_edit(order: list[str], corrected: set[int], edits: list[tuple[str, int]], vocabulary: Vocabulary) -> None:
    """Corrections laid over any edit of the text: no two claims stand on the same words, and every
    correction is either in the claims or kept under 'orphaned'."""
    previous = claim_file_of(" ".join(order) + "\n", vocabulary)
    claims = [record.model_copy(update={"corrected": True, "qualifier": "by-hand"}) if index in corrected else record for index, record in enumerate(previous.claims)]
    previous = previous.model_copy(update={"claims": claims})
    sentences = list(order)
    for edit, at in edits:
        if not sentences:
            break
        at %= len(sentences)
        if edit == "delete":
            del sentences[at]
        elif edit == "merge" and at + 1 < len(sentences):
            sentences[at : at + 2] = [sentences[at].rstrip(".") + ": " + sentences[at + 1]]
        elif edit == "duplicate":
            sentences.insert(at, sentences[at])
        elif edit == "move":
            sentences.append(sentences.pop(at))
    merged, orphaned, _ = reextract(" ".join(sentences) + "\n", previous, vocabulary)
    spans = sorted((claim.start, claim.end) for claim in merged)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:])), spans
    assert sum(claim.corrected for claim in merged) + len(orphaned) == len([c for c in claims if c.corrected])


# --- A baseline of some articles keeps the others' reasons ---------------------------------------


def bundled_project(root: Path) -> Path:
    """A copy of the repository's articles, claim files and rules: nine findings."""
    for folder in ("articles", "claims"):
        shutil.copytree(REPO / folder, root / folder)
    copy_rules(root / "rules")
    (root / "factcheck.yaml").write_text("paths: [articles]\nclaims: claims\nrules: [rules]\nhtml: ''\ncache: ''\n", encoding="utf-8")
    return root


def reasons(path: Path) -> list[str]:
    return re.findall(r'(?m)^    reason: "(.*)"$', path.read_text(encoding="utf-8"))


def test_a_baseline_of_some_articles_keeps_every_other_reason(tmp_path: Path) -> None:
    """Regression: `factcheck baseline PATHS` on one article dropped 8 of 9 reviewed reasons."""
    root = bundled_project(tmp_path)
    first = factcheck("baseline", "--reason", "first", cwd=root)
    assert stderr_lines(first) == ["suppressions.yaml: 9 added, 0 kept, 0 dropped"]
    target = root / "suppressions.yaml"
    text = target.read_text(encoding="utf-8")
    for number in range(9):  # nine reviews, nine reasons
        text = text.replace('reason: "first"', f'reason: "review {number}"', 1)
    target.write_text(text, encoding="utf-8")
    reviewed = reasons(target)
    subset = factcheck("baseline", "articles/2024-03-judicial-staff-duty-crimes.md", "--reason", "second", cwd=root)
    line = stderr_lines(subset)[-1]
    assert re.fullmatch(r"suppressions\.yaml: 0 added, 9 kept, 0 dropped \((\d) kept match no finding of this run; --prune drops them\)", line), line
    assert sorted(reasons(target)) == sorted(reviewed)
    pruned = factcheck("baseline", "articles/2024-03-judicial-staff-duty-crimes.md", "--reason", "second", "--prune", cwd=root)
    matched = 9 - int(re.findall(r"\((\d) kept", line)[0])
    assert stderr_lines(pruned)[-1] == f"suppressions.yaml: 0 added, {matched} kept, {9 - matched} dropped"
    assert len(reasons(target)) == matched and set(reasons(target)) <= set(reviewed)


# --- A stale claim file is a warning finding ------------------------------------------------------

NEWS = f"---\ntitle: Fraud\ndate: 2024-03-12\n---\n{FRAUD}\n\nCourts heard 3,000 cases in 2023.\n"


def reviewed_project(root: Path) -> Path:
    """An article and its claim file, one claim corrected by a reviewer."""
    (root / "articles").mkdir()
    (root / "articles" / "news.md").write_text(NEWS, encoding="utf-8")
    assert factcheck("extract", "articles", "--out", "claims", "--rules", str(RULES), "--no-cache", cwd=root).returncode == 0
    claim_file = root / "claims" / "news.yaml"
    ids = re.findall(r"(?m)^- id: (\S+)\n  text: 50,000 people$", claim_file.read_text(encoding="utf-8"))
    correct(claim_file, ids[0], "telecom-fraud/by-hand")
    return root


def test_a_stale_claim_file_is_a_warning_in_every_output(tmp_path: Path) -> None:
    """Regression: `run` ignored the corrections of a stale claim file with only a note."""
    root = reviewed_project(tmp_path)
    (root / "articles" / "news.md").write_text(NEWS.replace("3,000 cases", "3,100 cases"), encoding="utf-8")
    args = ["run", "articles", "--claims", "claims", "--rules", str(RULES), "--no-cache", "--fail-on", "warning", "--html", "report.html",
            "--report", "json=report.json", "--report", "sarif=report.sarif", "--report", "junit=report.xml", "--report", "github=report.github"]
    result = factcheck(*args, cwd=root)
    assert result.returncode == 1, result.stderr  # a warning, so --fail-on warning fails
    text = result.stdout
    assert "warning stale-claim-file: claims/news.yaml: stale (articles/news.md changed since its claims were extracted): 1 correction(s) not applied: '50,000 people' (news:" in text
    assert "1 warning, 0 info;" in text.rstrip().splitlines()[-1]
    (finding,) = [f for f in json.loads((root / "report.json").read_text(encoding="utf-8"))["findings"] if f["rule"] == "stale-claim-file"]
    assert (finding["severity"], finding["fact"], finding["claims"]) == ("warning", "claim file of news", [])
    sarif = json.loads((root / "report.sarif").read_text(encoding="utf-8"))["runs"][0]
    assert [r["ruleId"] for r in sarif["results"]] == ["stale-claim-file"]
    assert "stale-claim-file" in [rule["id"] for rule in sarif["tool"]["driver"]["rules"]]
    assert '<testsuite name="stale-claim-file"' in (root / "report.xml").read_text(encoding="utf-8")
    assert (root / "report.github").read_text(encoding="utf-8").startswith("::warning title=stale-claim-file::claims/news.yaml: stale")
    assert "stale-claim-file" in (root / "report.html").read_text(encoding="utf-8")
    # Stable: the same finding, fingerprint and all, from another working directory.
    elsewhere = factcheck("run", str(root / "articles"), "--claims", str(root / "claims"), "--rules", str(RULES), "--no-cache", "--format", "json", "--html", "", cwd=tmp_path.parent)
    again = [f for f in json.loads(elsewhere.stdout)["findings"] if f["rule"] == "stale-claim-file"]
    assert [f["fingerprint"] for f in again] == [finding["fingerprint"]]
    # Carried over by extract --out, the correction applies again and the finding is gone.
    assert factcheck("extract", "articles", "--out", "claims", "--rules", str(RULES), "--no-cache", cwd=root).returncode == 0
    fresh = factcheck(*args, cwd=root)
    assert "stale-claim-file" not in fresh.stdout, fresh.stdout


# --- A renamed article keeps its corrections ------------------------------------------------------

EXTRACT = ("extract", "articles", "--out", "claims", "--rules", str(RULES), "--no-cache")
RUN = ("run", "articles", "--claims", "claims", "--rules", str(RULES), "--no-cache", "--html", "")


def corrected_metrics(claim_file: Path) -> list[str]:
    text = claim_file.read_text(encoding="utf-8")
    return [block.split("\n  metric: ")[1].split("\n")[0] for block in text.split("\n- id: ")[1:] if "\n  corrected: true" in block]


@pytest.mark.parametrize("edited", [False, True], ids=["renamed", "renamed and edited"])
def test_a_renamed_article_keeps_its_corrections(tmp_path: Path, edited: bool) -> None:
    """Regression: the old claim file lay unused and the resolved error came back without a word."""
    root = reviewed_project(tmp_path)
    old = root / "articles" / "news.md"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    (root / "articles" / "2024-03-news.md").write_text(text.replace("3,000", "3,100") if edited else text, encoding="utf-8")
    check = factcheck(*EXTRACT[:2], "--check", *EXTRACT[2:], cwd=root)
    assert check.returncode == 1
    assert check.stdout == "claims/2024-03-news.yaml: missing: claims/news.yaml holds its claims under its old name articles/news.md\n"
    run = factcheck(*RUN, "--format", "json", cwd=root)
    stale = [f["message"] for f in json.loads(run.stdout)["findings"] if f["rule"] == "stale-claim-file"]
    if edited:  # the claims no longer fit the text: extract --out must lay the correction over it
        assert [m.split(": 1 correction(s)")[0] for m in stale] == [
            "claims/news.yaml: stale (articles/news.md was renamed to articles/2024-03-news.md and changed since its claims were extracted)"
        ]
    else:  # the same text: its reviewed claims are used as they are
        assert stale == [] and "note: claims/news.yaml: used for articles/2024-03-news.md (articles/news.md was renamed" in run.stderr
    extract = factcheck(*EXTRACT, cwd=root)
    assert stderr_lines(extract)[0] == "claims/news.yaml: renamed to claims/2024-03-news.yaml, with its corrections: articles/news.md is now articles/2024-03-news.md"
    assert sorted(path.name for path in (root / "claims").iterdir()) == ["2024-03-news.yaml"]
    assert corrected_metrics(root / "claims" / "2024-03-news.yaml") == ["telecom-fraud/by-hand"]
    assert factcheck(*EXTRACT[:2], "--check", *EXTRACT[2:], cwd=root).returncode == 0
    assert "stale-claim-file" not in factcheck(*RUN, cwd=root).stdout


def test_an_orphaned_claim_file_is_named_everywhere(tmp_path: Path) -> None:
    """A claim file whose article is gone and matches no article: a warning, a failed check, a finding."""
    root = reviewed_project(tmp_path)
    (root / "articles" / "news.md").write_text("---\ntitle: Other\ndate: 2024-03-12\n---\nCourts heard 9,000 cases in 2023.\n", encoding="utf-8")
    (root / "articles" / "news.md").rename(root / "articles" / "other.md")
    check = factcheck(*EXTRACT[:2], "--check", *EXTRACT[2:], cwd=root)
    assert check.returncode == 1 and "claims/news.yaml: orphaned: its article articles/news.md is gone (renamed or deleted)\n" in check.stdout
    run = factcheck(*RUN, cwd=root)
    assert "warning stale-claim-file: claims/news.yaml: orphaned (its article articles/news.md is gone): 1 correction(s) not applied: '50,000 people'" in run.stdout
    extract = factcheck(*EXTRACT, cwd=root)
    assert "claims/news.yaml: warning: orphaned: its article articles/news.md is gone, and its 1 correction(s) apply to nothing" in extract.stderr
    assert (root / "claims" / "news.yaml").exists()  # never deleted without its corrections going somewhere


def test_a_run_of_some_articles_leaves_the_other_claim_files_alone(tmp_path: Path) -> None:
    root = reviewed_project(tmp_path)
    (root / "articles" / "other.md").write_text("---\ntitle: Other\ndate: 2024-03-12\n---\nCourts heard 9,000 cases in 2023.\n", encoding="utf-8")
    assert factcheck(*EXTRACT, cwd=root).returncode == 0
    run = factcheck("run", "articles/other.md", *RUN[2:], cwd=root)
    assert run.returncode == 0 and "stale-claim-file" not in run.stdout and "orphaned" not in run.stderr, run.stderr
    check = factcheck("extract", "articles/other.md", "--check", *EXTRACT[2:], cwd=root)
    assert check.returncode == 0, check.stdout
