"""The HTML report in a real browser: no console errors, filters, anchors, and hostile content."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from factcheck.findings import RunResult
from factcheck.report.html import render_html
from make_screenshot import bundled_result  # type: ignore[import-not-found]

REPO = Path(__file__).resolve().parents[2]

HOSTILE_TITLE = "<script>window.pwned=1</script><img src=x onerror=window.pwned=1> \"q\" 'q'"
HOSTILE_SENTENCE = "<script>window.pwned=1</script> <img src=x onerror=window.pwned=1> said {words}."
HOSTILE_URL = "javascript:window.pwned=1"


@pytest.fixture(scope="module")
def bundled() -> RunResult:
    return bundled_result()  # type: ignore[no-any-return]


def write(tmp_path: Path, result: RunResult) -> str:
    report = tmp_path / "report.html"
    report.write_text(render_html(result), encoding="utf-8")
    return report.as_uri()


def test_bundled_report(page: Any, bundled: RunResult, tmp_path: Path) -> None:
    from playwright.sync_api import expect  # the page fixture has skipped already if it is missing

    url = write(tmp_path, bundled)
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.problems == []
    cards = page.locator("article.finding")
    assert cards.count() == len(bundled.findings)
    assert page.locator("#filters").is_visible()  # the script ran and showed the filters

    # Severity filter: leave only errors.
    page.uncheck("#filters input[name=severity][value=warning]")
    page.uncheck("#filters input[name=severity][value=info]")
    for finding in bundled.findings:
        card = page.locator(f"#{finding.anchor}")
        assert card.is_hidden() == (finding.severity != "error"), finding.anchor
    errors = sum(1 for finding in bundled.findings if finding.severity == "error")
    assert page.locator("#shown-count").text_content() == str(errors)

    # Rule filter on top of it, then reset shows everything again.
    rule = next(finding.rule for finding in bundled.findings if finding.severity == "error")
    page.select_option("#filters select[name=rule]", rule)
    for finding in bundled.findings:
        visible = finding.severity == "error" and finding.rule == rule
        assert page.locator(f"#{finding.anchor}").is_visible() == visible
    page.click("#filters button[type=reset]")
    # Not wait_for_function: its polling evaluates a string, which the report's CSP (no
    # 'unsafe-eval') refuses at random. expect() polls through playwright's own selector engine.
    expect(page.locator("#shown-count")).to_have_text(str(len(bundled.findings)))
    assert page.locator("article.finding:visible").count() == len(bundled.findings)

    # Follow the last finding's anchor: it is the target and on screen.
    target = bundled.findings[-1].anchor
    page.goto(f"{url}#{target}")
    assert page.evaluate(f"document.getElementById('{target}').matches(':target')")
    assert page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top < window.innerHeight && r.bottom > 0; }",
        target,
    )
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert page.problems == []


def test_report_readable_without_javascript(browser: Any, bundled: RunResult, tmp_path: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(write(tmp_path, bundled))
    assert page.locator("article.finding:visible").count() == len(bundled.findings)
    assert page.locator("#filters").is_hidden()  # controls that would do nothing stay hidden
    context.close()


def test_hostile_content_does_not_run(page: Any, bundled: RunResult, tmp_path: Path) -> None:
    articles = {key: replace(article, title=HOSTILE_TITLE, url=HOSTILE_URL) for key, article in bundled.articles.items()}
    findings = tuple(
        replace(
            finding,
            message=finding.message + " <script>window.pwned=1</script>",
            claims=tuple(replace(claim, sentence=HOSTILE_SENTENCE.format(words=claim.text)) for claim in finding.claims),
        )
        for finding in bundled.findings
    )
    page.goto(write(tmp_path, replace(bundled, articles=articles, findings=findings)))
    page.wait_for_load_state("load")
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert page.evaluate("document.querySelectorAll('main img').length") == 0
    assert page.evaluate("Array.from(document.links).filter(a => a.protocol === 'javascript:').length") == 0
    # The hostile text is shown, as text.
    assert "<script>window.pwned=1</script>" in page.locator("article.finding h4").first.text_content()
    # Clicking where a javascript: link would have been runs nothing either.
    page.locator("article.finding .claim .mono", has_text="javascript:").first.click()
    assert page.evaluate("window.pwned") is None
    assert [p for p in page.problems if "pwned" in p or "pageerror" in p] == []


def test_suppressed_findings_are_marked_and_filterable(page: Any, bundled: RunResult, tmp_path: Path) -> None:
    from factcheck.findings import Suppressed

    accepted = bundled.findings[0]
    findings = tuple(replace(f, suppressed=Suppressed("reviewed <b>by hand</b>", None, "suppressions.yaml:4")) if f is accepted else f for f in bundled.findings)
    page.goto(write(tmp_path, replace(bundled, findings=findings)))
    page.wait_for_load_state("load")
    assert page.problems == []
    card = page.locator(f"#{accepted.anchor}")
    assert "Suppressed: reviewed <b>by hand</b> (suppressions.yaml:4)" in card.inner_text()
    assert page.locator("#overview").inner_text().count("suppressed") == 1
    page.uncheck("#filters input[name=suppressed]")
    assert card.is_hidden()
    assert page.locator("article.finding:visible").count() == len(findings) - 1
    assert page.locator("#shown-count").text_content() == str(len(findings) - 1)
    page.check("#filters input[name=suppressed]")
    assert card.is_visible()
