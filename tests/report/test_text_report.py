"""The text output: golden file, grouping, derived claims, hostile text, colour."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.findings import RunResult
from factcheck.report import text
from factcheck.report.text import summary_line, use_color

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "run.txt"


def test_golden(result: RunResult) -> None:
    """Regenerate with: REGENERATE_GOLDEN=1 .venv/bin/pytest tests/report -k golden (then review the diff)."""
    output = text.render(result)
    if os.environ.get("REGENERATE_GOLDEN"):
        GOLDEN.write_text(output, encoding="utf-8", newline="\n")
    assert output == GOLDEN.read_text(encoding="utf-8")


def test_findings_are_grouped_by_fact_in_finding_order(result: RunResult) -> None:
    lines = text.render(result).splitlines()
    headers = [line for line in lines if line and not line.startswith(" ") and "articles," not in line]
    assert headers == ["personal-information/prosecuted, person, 2022", "telecom-fraud/prosecuted, person, 2023"]
    telecom = lines.index("telecom-fraud/prosecuted, person, 2023")
    severities = [line.split()[0] for line in lines[telecom + 1 :] if line.startswith("  ") and not line.startswith("   ")]
    assert severities == ["error", "warning", "info"]


def test_claim_lines_show_place_words_value_period_and_title(result: RunResult) -> None:
    output = text.render(result)
    assert (
        '    articles/court-weekly.html:1:1                       "Some 38,000 people"  '
        '[35,600, 40,400) in practice [37,500, 38,500) person  (2023)  in "Court weekly"  outlier\n'
    ) in output
    assert '    articles/evening post/2024-03-09.txt:2:10            "51,000 individuals"  [50,500, 51,500) person  (2023)' in output
    assert "    consensus [50,500, 51,500)\n" in output


def test_derived_claims_and_the_derivation_chain(result: RunResult) -> None:
    lines = text.render(result).splitlines()
    derived = next(index for index, line in enumerate(lines) if line.lstrip().startswith("derived"))
    assert '"78,000 people, up 53.9 percent"  [50,341, 51,023.7) person  (2022)' in lines[derived]
    assert lines[derived + 1] == "    consensus [50,341, 51,023.7)"
    chain = result.findings[0].derivation
    assert len(chain) == 4
    assert lines[derived + 2 : derived + 7] == ["    derivation:", *("      " + step for step in chain)]


def test_a_derived_claims_own_steps_stand_under_it(result: RunResult) -> None:
    growth = replace(result.findings[0], derivation=())
    lines = text.finding_lines(growth, result)
    derived = next(index for index, line in enumerate(lines) if line.lstrip().startswith("derived"))
    assert lines[derived + 1] == "      78,000 people in 2023 / (1 + 53.9%) = [50,341, 51,023.7) people in 2022"
    assert "  derivation:" not in lines


def test_summary_line(result: RunResult, empty_result: RunResult) -> None:
    assert text.render(result).endswith("\n6 articles, 7 claims: 2 errors, 1 warning, 1 info\n")
    assert text.render(empty_result) == "0 articles, 0 claims: 0 errors, 0 warnings, 0 info; nothing was compared: there were no claims\n"
    assert summary_line(RunResult((), {}, {}, 1)) == "0 articles, 1 claim: 0 errors, 0 warnings, 0 info"


def test_hostile_article_text_stays_on_one_line_without_escapes(result: RunResult) -> None:
    output = text.render(result)
    assert "\x1b" not in output and "\r" not in output
    assert 'in "Breaking: 100% "true"\\n::error::pwned \\x1b[2J"' in output
    assert '"more than\\n50,000 people"' in output
    assert not any(line.startswith("::") for line in output.splitlines())


def test_colour_only_when_asked(result: RunResult) -> None:
    plain = text.render(result)
    coloured = text.render(result, color=True)
    assert "\x1b" not in plain
    assert "\x1b[31merror\x1b[0m same-fact-agrees" in coloured
    assert "\x1b[33mwarning\x1b[0m unit-clash" in coloured
    assert "\x1b[36minfo\x1b[0m restated-figures" in coloured
    assert "\x1b[1mtelecom-fraud/prosecuted, person, 2023\x1b[0m" in coloured
    assert "\x1b[2J" not in coloured  # the article's escape is still shown, not sent
    stripped = coloured
    for code in ("\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[1m", "\x1b[0m"):
        stripped = stripped.replace(code, "")
    assert stripped == plain


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "stream,environ,expected",
    [
        (Terminal(), {}, True),
        (Terminal(), {"NO_COLOR": "1"}, False),
        (Terminal(), {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
        (Terminal(), {"TERM": "dumb"}, False),
        (io.StringIO(), {}, False),
        (object(), {}, False),
    ],
    ids=["tty", "no-color", "empty-no-color", "dumb-terminal", "not-a-tty", "no-isatty"],
)
def test_use_color(stream: object, environ: dict[str, str], expected: bool) -> None:
    assert use_color(stream, environ) is expected


def test_use_color_on_a_closed_stream() -> None:
    stream = io.StringIO()
    stream.close()
    assert use_color(stream, {}) is False
