"""GitHub Actions workflow commands: one annotation a finding, escaped against hostile text."""

from __future__ import annotations

import re

from factcheck.findings import RunResult
from factcheck.report import github

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def commands(result: RunResult) -> list[tuple[str, dict[str, str], str]]:
    lines = github.render(result).splitlines()
    assert lines[-1] == "factcheck: 6 articles, 7 claims: 2 errors, 1 warning, 1 info"
    parsed = []
    for line in lines[:-1]:
        match = COMMAND.match(line)
        assert match, line
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        parsed.append((match.group(1), {k: unescape(v) for k, v in properties.items()}, unescape(match.group(3))))
    return parsed


def test_one_command_per_finding(result: RunResult) -> None:
    found = commands(result)
    assert [(level, props["title"]) for level, props, _ in found] == [
        ("error", "growth-matches-levels"),
        ("error", "same-fact-agrees"),
        ("warning", "unit-clash"),
        ("notice", "restated-figures"),
    ]
    level, props, message = found[1]
    assert props == {
        "file": "articles/court-weekly.html",
        "line": "1",
        "col": "1",
        "endLine": "1",
        "endColumn": str(1 + len("Some 38,000 people")),
        "title": "same-fact-agrees",
    }
    assert message.startswith(result.findings[1].message + "\n")
    assert 'articles/evening post/2024-03-09.txt:2:10 "51,000 individuals" = [50,500, 51,500) person, 2023' in message


def test_hostile_text_cannot_inject_commands_or_lines(result: RunResult) -> None:
    output = github.render(result)
    lines = output.splitlines()
    assert len(lines) == len(result.findings) + 1 and "\r" not in output
    assert sum(line.startswith("::") for line in lines) == len(result.findings)
    hostile = next(line for line in lines if line.startswith("::warning "))
    assert "file=articles/hostile%2C100%25%3A news.md," in hostile
    assert "::100%25 sure — 'more than%0A50,000 people' (hostile)%0D%0A::error file=x,line=1::injected, 50%25%0A" in hostile
    level, props, message = commands(result)[2]
    assert props["file"] == "articles/hostile,100%: news.md"
    assert (props["line"], props["col"], props["endLine"], props["endColumn"]) == ("1", "21", "2", str(len("50,000 people") + 1))
    assert message.startswith(result.findings[2].message)


def test_escaping_rules() -> None:
    assert github.escape_data("50%\r\nA::b,c") == "50%25%0D%0AA::b,c"
    assert github.escape_property("50%\r\nA::b,c") == "50%25%0D%0AA%3A%3Ab%2Cc"
    assert github.escape_data("%0A") == "%250A"  # an escape in the text stays text


def test_derived_claims_are_in_the_message_only(result: RunResult) -> None:
    level, props, message = commands(result)[0]
    assert props["file"] == "articles/privacy-2022.md"
    assert 'derived "78,000 people, up 53.9 percent" = [50,341, 51,023.7) person, 2022' in message
    assert "derivation: 78,000 people in 2023 / (1 + 53.9%) = [50,341, 51,023.7) people in 2022" in message


def test_empty_run(empty_result: RunResult) -> None:
    # A run that compared nothing says so as a warning, never as a clean pass.
    assert github.render(empty_result) == (
        "::warning title=factcheck coverage::nothing was compared: there were no claims\n"
        "factcheck: 0 articles, 0 claims: 0 errors, 0 warnings, 0 info; nothing was compared: there were no claims\n"
    )


def test_a_finding_without_stated_claims_has_no_file(result: RunResult) -> None:
    from dataclasses import replace

    growth = result.findings[0]
    alone = replace(growth, claims=growth.claims[-1:], outliers=())
    line = github.render(replace(result, findings=(alone,))).splitlines()[0]
    assert line.startswith("::error title=growth-matches-levels::")
