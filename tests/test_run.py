"""`factcheck run` end to end: the seeds' acceptance, the bundled corpus, exit codes, config."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "data" / "golden"


def factcheck(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("GITHUB_ACTIONS", None) if not env or "GITHUB_ACTIONS" not in env else None
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True, env=environment)


def run_json(*args: str, cwd: Path = REPO) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = factcheck("run", *args, "--format", "json", cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_seeds_acceptance(seeds: Path) -> None:
    code, report = run_json(str(seeds), "--rules", str(REPO / "rules"), "--claims", str(seeds / "no-claim-files"))
    findings = report["findings"]
    assert code == 0 and report["summary"]["error"] == 0
    telecom = [f for f in findings if f["rule"] == "restated-figures" and f["fact"].startswith("telecom-fraud/prosecuted, person, 2023")]
    assert len(telecom) == 1
    texts = sorted(c["text"] for c in telecom[0]["claims"])
    assert any("over 50,000" in t for t in texts) and any("more than 50,000" in t for t in texts) and any("51,000" in t for t in texts)
    assert telecom[0]["consensus"] == {"low": 50500, "high": 51500, "low_open": False, "high_open": True}
    for finding in findings:
        metrics = {c["metric"] for c in finding["claims"]}
        assert not ({"cybercrime/prosecuted", "telecom-fraud/prosecuted"} <= metrics and finding["rule"] in ("same-fact-agrees", "restated-figures"))
        assert finding["rule"] != "part-exceeds-whole"  # 2,281 of 3,275 passes
    assert not any(f["rule"] == "report-period" for f in findings)


def test_seeds_work_report_figures_are_for_2023(seeds: Path) -> None:
    result = factcheck("extract", str(seeds / "003_e5bfee3e0f61198b.txt"))
    claims = json.loads(result.stdout)["articles"][0]["claims"]
    rulings = next(c for c in claims if "2.16 million" in c["text"])
    assert rulings["period"] == {"start": "2023-01-01", "end": "2023-12-31"}


def test_bundled_corpus_shows_every_check_kind() -> None:
    code, report = run_json()
    assert code == 1
    kinds = {f.get("check") for f in report["findings"]}
    assert kinds == {"agree", "restatement", "report_period", "part_within_whole", "growth", "unit_clash", "future_period"}


def test_bundled_text_output_golden() -> None:
    """Regenerate with: factcheck run > tests/data/golden/bundled-run.txt (then review the diff)."""
    result = factcheck("run")
    assert result.returncode == 1
    assert result.stdout == (GOLDEN / "bundled-run.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fail_on,expected", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(fail_on: str, expected: int) -> None:
    assert factcheck("run", "--fail-on", fail_on, "--format", "json").returncode == expected


def test_fail_on_counts_only_severities_at_or_above(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ndate: 2024-03-03\n---\nProsecutors charged more than 50,000 people with telecom fraud in 2023.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2024-03-09\n---\nIn 2023, 51,000 individuals were prosecuted for telecom fraud.\n", encoding="utf-8")
    rules = ["--rules", str(REPO / "rules"), "--claims", str(tmp_path / "none")]
    assert factcheck("run", "a.md", "b.md", *rules, cwd=tmp_path).returncode == 0  # an info finding only
    assert factcheck("run", "a.md", "b.md", *rules, "--fail-on", "info", cwd=tmp_path).returncode == 1


def test_every_format_and_extra_reports(tmp_path: Path) -> None:
    for name in ("text", "json", "sarif", "junit", "github"):
        result = factcheck("run", "--format", name, "--output", str(tmp_path / f"out.{name}"))
        assert result.returncode == 1, result.stderr
        assert (tmp_path / f"out.{name}").stat().st_size > 0
    result = factcheck("run", "--format", "json", "--report", f"sarif={tmp_path / 'x.sarif'}", "--report", f"junit={tmp_path / 'x.xml'}")
    assert json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (tmp_path / "x.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert factcheck("run", "--report", "pdf=x.pdf").returncode == 2


def test_auto_format_in_github_actions() -> None:
    result = factcheck("run", "--format", "auto", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::")


def test_deterministic_output() -> None:
    first = factcheck("run", "--format", "json").stdout
    assert first == factcheck("run", "--format", "json").stdout


def test_config_from_factcheck_yaml(tmp_path: Path) -> None:
    shutil.copytree(REPO / "articles", tmp_path / "docs")
    (tmp_path / "factcheck.yaml").write_text(f"paths: [docs]\nrules: ['{REPO / 'rules'}']\nclaims: none\nfail_on: never\nformat: json\n", encoding="utf-8")
    result = factcheck("run", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["summary"]["articles"] == 6


def test_claim_files_are_used_while_current(tmp_path: Path) -> None:
    shutil.copytree(REPO / "articles", tmp_path / "articles")
    shutil.copytree(REPO / "claims", tmp_path / "claims")
    claims = tmp_path / "claims" / "2024-03-judicial-staff-duty-crimes.yaml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("text: Some 38,000 people", "text: Some 38,000 people (reviewed)"), encoding="utf-8")
    args = ("run", "articles", "--claims", "claims", "--rules", str(REPO / "rules"), "--format", "json")
    report = json.loads(factcheck(*args, cwd=tmp_path).stdout)
    assert any(c["text"].endswith("(reviewed)") for f in report["findings"] for c in f["claims"])
    article = tmp_path / "articles" / "2024-03-judicial-staff-duty-crimes.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    result = factcheck(*args, cwd=tmp_path)
    assert "stale" in result.stderr
    assert not any(c["text"].endswith("(reviewed)") for f in json.loads(result.stdout)["findings"] for c in f["claims"])


def test_no_rules_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "rules" / "vocabulary").mkdir(parents=True)
    shutil.copytree(REPO / "rules" / "vocabulary", tmp_path / "rules" / "vocabulary", dirs_exist_ok=True)
    (tmp_path / "a.txt").write_text("5 people\n", encoding="utf-8")
    result = factcheck("run", "a.txt", "--rules", str(tmp_path / "rules"), cwd=tmp_path)
    assert result.returncode == 2 and "expected check rules" in result.stderr


def test_html_report_written(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    result = factcheck("run", "--format", "json", "--html", str(target))
    assert result.returncode == 1
    page = target.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "Content-Security-Policy" in page


def test_help_imports_no_heavy_module() -> None:
    code = "import sys\nfrom factcheck.cli import main\nsys.argv=['factcheck','--help']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in ('pint', 'jinja2', 'pydantic', 'yaml') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_output_to_a_device_or_directory(tmp_path: Path) -> None:
    """--output /dev/null writes into the device; renaming over it (as root) would replace it."""
    import stat

    from factcheck.claimfile import write_atomically
    from factcheck.errors import UserError

    write_atomically(os.devnull, "discarded\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    with pytest.raises(UserError, match="expected a file to write, found a directory"):
        write_atomically(str(tmp_path), "x")
    result = factcheck("run", "--output", str(tmp_path), "--html", "")
    assert result.returncode == 2 and "Traceback" not in result.stderr
