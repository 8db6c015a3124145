"""Speed and scale features: --jobs, the extraction cache, the progress bar, lazy imports.

Speed itself is measured in bench/ (python -m bench), never asserted here; these tests check that
the fast paths give exactly what the plain path gives, and that they fail safe.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import write_corpus
from factcheck import batch
from factcheck.batch import ExtractionSettings, extract_articles
from factcheck.documents import read_documents
from factcheck.extract import ClaimExtractor
from factcheck.extraction_cache import ExtractionCache, decode_claim, encode_claim
from factcheck.model import Claim, Interval, Period
from factcheck.progress import DELAY, ERASE_LINE, Progress
from factcheck.run import check, gather

REPO = Path(__file__).resolve().parents[1]
RULES = str(REPO / "rules")
ARTICLES = 24  # more than batch.PARALLEL_MINIMUM, so that --jobs 2 does start processes


def factcheck(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, env=environment)


def run_args(*extra: str) -> tuple[str, ...]:
    return ("run", "articles", "--rules", RULES, "--claims", "none", "--format", "json", "--html", "report.html", *extra)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of synthetic articles (with planted conflicts), and its plain run's outputs."""
    root = tmp_path_factory.mktemp("project")
    write_corpus(root / "articles", ARTICLES, seed=7, conflict_rate=0.1)
    plain = factcheck(*run_args("--no-cache"), cwd=root)
    assert plain.returncode == 1, plain.stderr  # the planted conflicts are errors
    (root / "plain.json").write_text(plain.stdout, encoding="utf-8")
    (root / "report.html").rename(root / "plain.html")
    assert not (root / ".factcheck-cache").exists()  # --no-cache writes nothing
    return root


def assert_plain_output(project: Path, result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == (project / "plain.json").read_text(encoding="utf-8")
    assert (project / "report.html").read_bytes() == (project / "plain.html").read_bytes()


def test_jobs_2_gives_the_plain_output(project: Path) -> None:
    assert_plain_output(project, factcheck(*run_args("--no-cache", "--jobs", "2"), cwd=project))
    plain = factcheck("extract", "articles", "--rules", RULES, "--no-cache", cwd=project)
    parallel = factcheck("extract", "articles", "--rules", RULES, "--no-cache", "--jobs", "0", cwd=project)
    assert plain.returncode == 0 and plain.stdout == parallel.stdout


def test_cold_and_warm_cache_give_the_plain_output(project: Path) -> None:
    cache = project / "shared-cache"
    cold = factcheck(*run_args("--cache", str(cache)), cwd=project)
    assert_plain_output(project, cold)
    assert "extraction cache" not in cold.stderr  # nothing came from it
    warm = factcheck(*run_args("--cache", str(cache)), cwd=project)
    assert_plain_output(project, warm)
    assert f"note: {ARTICLES} documents: 0 extracted, {ARTICLES} from the extraction cache" in warm.stderr
    extracted = factcheck("extract", "articles", "--rules", RULES, "--cache", str(cache), cwd=project)
    assert extracted.stdout == factcheck("extract", "articles", "--rules", RULES, "--no-cache", cwd=project).stdout
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_concurrent_runs_share_a_cache(project: Path) -> None:
    cache = project / "concurrent-cache"
    command = [sys.executable, "-m", "factcheck", *run_args("--cache", str(cache), "--html", "")]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment) for _ in range(2)]
    outputs = [run.communicate() for run in runs]
    for stdout, stderr in outputs:
        assert "Traceback" not in stderr
        assert stdout == (project / "plain.json").read_text(encoding="utf-8")
    entries = list((cache / "extraction").rglob("*"))
    assert not [p for p in entries if p.name.endswith(".tmp")]
    assert len([p for p in entries if p.suffix == ".json"]) == ARTICLES


def test_a_damaged_cache_entry_is_extracted_again(project: Path) -> None:
    cache = project / "damaged-cache"
    factcheck(*run_args("--cache", str(cache)), cwd=project)
    entries = sorted((cache / "extraction").rglob("*.json"))
    damage = ['{"key": "', "[]", '{"key": null, "claims": 5}', "\xff not json", ""]
    for index, entry in enumerate(entries):
        entry.write_text(damage[index % len(damage)], encoding="utf-8")
    again = factcheck(*run_args("--cache", str(cache)), cwd=project)
    assert_plain_output(project, again)
    assert "from the extraction cache" not in again.stderr  # every entry was unusable
    for entry in entries:
        assert json.loads(entry.read_text(encoding="utf-8"))["claims"] is not None  # rewritten


def test_a_cache_that_cannot_be_written_is_a_note(project: Path) -> None:
    blocker = project / "not-a-directory"
    blocker.write_text("a file where the cache directory would be\n", encoding="utf-8")
    result = factcheck(*run_args("--cache", str(blocker)), cwd=project)
    assert_plain_output(project, result)
    assert f"note: cannot write the extraction cache {blocker}" in result.stderr


def test_cache_and_jobs_from_the_configuration(tmp_path: Path) -> None:
    write_corpus(tmp_path / "docs", 3, seed=3)
    (tmp_path / "factcheck.yaml").write_text(f"paths: [docs]\nrules: ['{RULES}']\nclaims: none\nfail_on: never\ncache: build/fc\njobs: 2\n", encoding="utf-8")
    assert factcheck("run", cwd=tmp_path).returncode == 0
    assert len(list((tmp_path / "build" / "fc" / "extraction").rglob("*.json"))) == 3
    assert not (tmp_path / ".factcheck-cache").exists()
    assert "from the extraction cache" in factcheck("run", cwd=tmp_path).stderr
    both = factcheck("run", "--cache", "x", "--no-cache", cwd=tmp_path)
    assert both.returncode == 2 and "expected --cache DIR or --no-cache, found both" in both.stderr


def test_warm_run_extracts_only_the_edited_article(tmp_path: Path, vocabulary, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    write_corpus(tmp_path / "articles", 30, seed=11)
    extracted: list[str] = []
    original = ClaimExtractor.extract

    def counting(self: ClaimExtractor, article):  # type: ignore[no-untyped-def]
        extracted.append(article.path)
        return original(self, article)

    monkeypatch.setattr(ClaimExtractor, "extract", counting)
    monkeypatch.chdir(tmp_path)
    settings = ExtractionSettings(cache=".factcheck-cache")
    cold = gather(["articles"], None, vocabulary, settings)
    assert len(extracted) == 30
    edited = sorted((tmp_path / "articles").glob("*.md"))[3]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\nIn 2016, 4,321 people were arrested for bribery.\n", encoding="utf-8")
    extracted.clear()
    warm = gather(["articles"], None, vocabulary, settings)
    assert extracted == [f"articles/{edited.name}"]
    assert len(warm.claims) == len(cold.claims) + 1
    assert [c for c in warm.claims if c.article != edited.stem] == [c for c in cold.claims if c.article != edited.stem]


def test_processes_give_the_claims_of_one_process(vocabulary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    write_corpus(tmp_path, ARTICLES, seed=5)
    articles, errors = read_documents([str(tmp_path)])
    assert not errors
    one = extract_articles(articles, vocabulary, ExtractionSettings(jobs=1))
    pools: list[int] = []
    in_processes = batch._extract_in_processes
    monkeypatch.setattr(batch, "_extract_in_processes", lambda v, a, workers: pools.append(workers) or in_processes(v, a, workers))
    two = extract_articles(articles, vocabulary, ExtractionSettings(jobs=2))
    assert pools == [2]
    assert repr(one) == repr(two) and sum(map(len, one)) > ARTICLES
    # A process started with "spawn" or "forkserver" receives the vocabulary pickled.
    assert pickle.loads(pickle.dumps(vocabulary)).digest == vocabulary.digest


def test_synthetic_corpus_is_deterministic_and_matches_the_vocabulary(tmp_path: Path, vocabulary) -> None:  # type: ignore[no-untyped-def]
    first, second, other = (write_corpus(tmp_path / name, 12, seed=seed) for name, seed in (("a", 1), ("b", 1), ("c", 2)))
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert {Path(name).suffix for name in names} >= {".md", ".txt"}
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    assert first == second and first.nbytes != other.nbytes
    articles, errors = read_documents([str(tmp_path / "a")])
    claims = [c for claims in extract_articles(articles, vocabulary, ExtractionSettings()) for c in claims]
    assert not errors and len(claims) >= 3 * len(articles)
    assert all(c.metric_matched for c in claims) and all(a.published for a in articles)


def test_synthetic_conflicts_are_found_only_when_planted(tmp_path: Path, vocabulary) -> None:  # type: ignore[no-untyped-def]
    write_corpus(tmp_path / "clean", 40, seed=1, conflict_rate=0)
    write_corpus(tmp_path / "planted", 40, seed=1, conflict_rate=0.2)
    clean, _ = check([str(tmp_path / "clean")], None, [RULES], vocabulary)
    planted, _ = check([str(tmp_path / "planted")], None, [RULES], vocabulary)
    assert clean.findings and {f.severity for f in clean.findings} == {"info"}  # restatements only
    assert sum(f.severity == "error" for f in planted.findings) >= 5


def test_cache_key_covers_vocabulary_path_and_bytes() -> None:
    cache = ExtractionCache("unused", "vocabulary-a")
    key = cache.key("articles/a.md", "0" * 64)
    assert key == ExtractionCache("unused", "vocabulary-a").key("articles/a.md", "0" * 64)
    assert key != ExtractionCache("unused", "vocabulary-b").key("articles/a.md", "0" * 64)
    assert key != cache.key("articles/b.md", "0" * 64)
    assert key != cache.key("articles/a.md", "1" * 64)


numbers = st.one_of(st.none(), st.integers(-(10**15), 10**15), st.floats(allow_nan=False, allow_infinity=False))
intervals = st.builds(Interval, numbers, numbers, st.booleans(), st.booleans())
days = st.dates(date(1900, 1, 1), date(2100, 1, 1))
periods = st.builds(Period, st.one_of(st.none(), days), days)
pairs = st.lists(st.tuples(st.text(), st.text()), max_size=3).map(tuple)
claims = st.builds(
    Claim, id=st.text(), article=st.just("a"), text=st.text(), start=st.integers(0), end=st.integers(0),
    line=st.integers(1), column=st.integers(1), sentence=st.text(), value=intervals, soft=st.one_of(st.none(), intervals),
    qualifier=st.one_of(st.none(), st.text()), unit=st.one_of(st.none(), st.text()), metric=st.text(),
    metric_matched=st.booleans(), period=st.one_of(st.none(), periods), kind=st.sampled_from(["count", "change", "money"]),
    source=st.one_of(st.none(), st.text()), source_period=st.one_of(st.none(), periods), dated=st.one_of(st.none(), days),
    links=pairs, how=pairs, corrected=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(claims)
def test_cache_encoding_keeps_every_field_exactly(claim: Claim) -> None:
    decoded = decode_claim(json.dumps(encode_claim(claim), allow_nan=False), "a")
    assert repr(decoded) == repr(claim)  # repr tells 51000 from 51000.0 and -0.0 from 0.0


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_progress_is_drawn_on_a_terminal_for_long_work_and_erased() -> None:
    stream, clock = Terminal(), Clock()
    with Progress(4, "extracting", stream, {"TERM": "xterm"}, clock) as progress:
        progress.advance()
        assert stream.getvalue() == ""  # not within the first DELAY seconds
        clock.now += DELAY + 1
        progress.advance()
        progress.advance()  # within INTERVAL of the last drawing: not drawn again
        assert stream.getvalue().count(ERASE_LINE) == 1 and "2/4" in stream.getvalue()
        progress.advance()  # the last one is always drawn
        assert "4/4" in stream.getvalue() and "100%" in stream.getvalue()
    assert stream.getvalue().endswith(ERASE_LINE)


@pytest.mark.parametrize("stream,environ", [(io.StringIO(), {"TERM": "xterm"}), (Terminal(), {"TERM": "dumb"})])
def test_progress_is_silent_off_a_terminal(stream: io.StringIO, environ: dict[str, str]) -> None:
    clock = Clock()
    with Progress(3, "extracting", stream, environ, clock) as progress:
        for _ in range(3):
            clock.now += 10
            progress.advance()
    assert stream.getvalue() == ""


def test_parse_imports_no_report_pint_or_jinja2() -> None:
    code = (
        "import sys\nfrom factcheck.cli import main\nsys.argv = ['factcheck', 'parse', '261 people']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pint', 'jinja2', 'factcheck.report', 'concurrent.futures') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert "261 people" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "[]"
