"""Hostile content through `factcheck run`, end to end, in every format: article text, titles, URLs,
file names and rule messages are data everywhere, never markup, commands or extra lines."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli_runs import copy_rules, factcheck, stderr_lines  # type: ignore[import-not-found]

PAYLOAD = "<script>alert(1)</script> ::error::pwned %0A ]]> \"q\" 'q' &amp;"
EVIL_NAME = "evil,100%::error::x.md"
QUOTED_PAYLOAD = PAYLOAD.replace('"', '\\"')
EVIL = f"""---
title: "{QUOTED_PAYLOAD} \\n::warning file=x::second line \\e[31mred"
url: "javascript:alert(document.cookie)"
publisher: "</td><img src=x onerror=alert(2)>"
date: 2024-03-03
---
Officials said <b onclick="x()">this</b> ::error::body %25 %0A ]]> & "quotes" 'single'.

In 2023, more than 50,000 people <script>alert(3)</script> were prosecuted for telecom fraud ::error::inner.
"""
PLAIN = "---\ntitle: Plain\ndate: 2024-03-12\n---\nSome 38,000 people were prosecuted for telecom fraud in 2023.\n"
PAGE = """<html><head><title>t</title><meta name="date" content="soon
::error::from-a-meta-tag"></head><body><p>In 2023, 51,000 people were prosecuted for telecom fraud.</p></body></html>"""
RULE_MESSAGE = '<img src=x onerror=alert(4)> ::error::rule-pwned %0A ]]> \\"q\\" \\n::warning::second {fact}'
FORMATS = ("text", "json", "sarif", "junit", "github")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    root = tmp_path_factory.mktemp("hostile")
    rules = copy_rules(root / "rules")
    rule = rules / "checks" / "same-fact-agrees.yaml"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace("\nseverity: error", f'\nmessage: "{RULE_MESSAGE}"\nseverity: error', 1), encoding="utf-8")
    (root / "articles").mkdir()
    (root / "articles" / EVIL_NAME).write_text(EVIL, encoding="utf-8")
    (root / "articles" / "plain.md").write_text(PLAIN, encoding="utf-8")
    (root / "articles" / "page.html").write_text(PAGE, encoding="utf-8")
    reports = [arg for name in FORMATS for arg in ("--report", f"{name}=out/report.{name}")]
    # The planted conflict is found: a warning, as it rests on the unit guessed for the '3' of the
    # script tag (issue 12), so the run fails on warnings.
    result = factcheck("run", "articles", "--rules", str(rules), "--no-cache", "--claims", "none", "--format", "github",
                       *reports, "--html", "out/report.html", "--fail-on", "warning", cwd=root)
    assert result.returncode == 1, result.stderr
    return root / "out", result.stdout, stderr_lines(result)


def test_github_commands_are_ours_alone(hostile_run: tuple[Path, str, list[str]]) -> None:
    out, stdout, stderr = hostile_run
    assert stdout == (out / "report.github").read_text(encoding="utf-8")
    lines = stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert lines == commands + [lines[-1]] and lines[-1].startswith("factcheck: ")
    findings = json.loads((out / "report.json").read_text(encoding="utf-8"))["findings"]
    assert len(commands) == len(findings) >= 1
    for command in commands:
        # One command a line, its properties escaped: the payload is message data after the first "::".
        match = re.fullmatch(r"::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\n]*,)*[a-zA-Z]+=[^,:\n]*)::(.*)", command)
        assert match, command
        properties = dict(item.split("=", 1) for item in match.group(2).split(","))
        assert set(properties) <= {"file", "line", "col", "endLine", "endColumn", "title"}
    joined = "\n".join(commands)
    assert "file=articles/evil%2C100%25%3A%3Aerror%3A%3Ax.md" in joined
    assert "::error::rule-pwned %250A ]]> \"q\" %0A::warning::second" in joined  # % first, then the newline
    # Notes on stderr carry page content too (an unreadable meta date): still one line, never a command.
    assert not any(line.startswith("::") for line in stderr)
    assert "note: articles/page.html: ignored the publication date 'soon\\n::error::from-a-meta-tag': not a date" in stderr


def test_json_and_sarif_keep_the_text_intact(hostile_run: tuple[Path, str, list[str]]) -> None:
    out, _, _ = hostile_run
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (finding,) = [f for f in report["findings"] if f["rule"] == "same-fact-agrees"]
    assert finding["message"].startswith('<img src=x onerror=alert(4)> ::error::rule-pwned %0A ]]> "q" \n::warning::second ')
    evil = next(claim for claim in finding["claims"] if claim["article"].startswith("evil"))
    assert "<script>alert(3)</script>" in evil["sentence"]
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "same-fact-agrees"]
    assert result["message"]["text"].startswith(finding["message"])
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["locations"] + result.get("relatedLocations", [])}
    assert "articles/evil%2C100%25%3A%3Aerror%3A%3Ax.md" in uris  # a URI: percent-encoded


def test_junit_is_xml_with_the_text_intact(hostile_run: tuple[Path, str, list[str]]) -> None:
    out, _, _ = hostile_run
    root = ET.parse(out / "report.junit").getroot()
    failures = [element for element in root.iter("failure")]
    assert any(f.get("message", "").startswith('<img src=x onerror=alert(4)> ::error::rule-pwned %0A ]]> "q" \n::warning::second') for f in failures)
    assert any(PAYLOAD in (f.text or "") for f in failures)  # the title, as data
    assert not list(root.iter("script")) and not list(root.iter("img"))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_shows_the_payload_as_text_and_links_nothing_hostile(hostile_run: tuple[Path, str, list[str]]) -> None:
    out, _, _ = hostile_run
    page = _Elements()
    page.feed((out / "report.html").read_text(encoding="utf-8"))
    names = {tag for tag, _ in page.tags}
    assert not names & {"img", "iframe"}
    assert sum(1 for tag, _ in page.tags if tag == "script") == 1  # the report's own, under its CSP hash
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert (attrs["href"] or "").startswith(("#", "http://", "https://")), attrs
    text = "".join(page.text)
    for shown in ("<script>alert(1)</script> ::error::pwned", "</td><img src=x onerror=alert(2)>", "<img src=x onerror=alert(4)>",
                  "javascript:alert(document.cookie)", "<script>alert(3)</script>"):
        assert shown in text, shown


def test_text_output_keeps_each_claim_on_its_line(hostile_run: tuple[Path, str, list[str]]) -> None:
    out, _, _ = hostile_run
    text = (out / "report.text").read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert not any(line.startswith(("::", "<script")) for line in text.splitlines())
    assert "\\n::warning file=x::second line \\x1b[31mred" in text  # the title's newline and escape, made visible


def test_a_file_name_cannot_start_a_line_of_its_own_on_stderr(tmp_path: Path) -> None:
    """Errors name files; a newline in a file name must not put a workflow command on stderr."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a\n::error::injected.txt").write_bytes(b"")  # an empty document: an error naming it
    (tmp_path / "in" / "b.txt").write_text("In 2023, 51,000 people were prosecuted for telecom fraud.\n", encoding="utf-8")
    result = factcheck("run", "in", "--html", "", "--format", "github", "--rules", str(copy_rules(tmp_path / "rules")), cwd=tmp_path, GITHUB_ACTIONS="true")
    lines = stderr_lines(result)
    assert any("a\\n::error::injected.txt" in line for line in lines), lines
    assert not any(line.startswith("::") for line in lines)
    assert not any(line.startswith("::error") for line in result.stdout.splitlines())
