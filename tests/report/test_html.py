"""The HTML report without a browser: escaping, CSP, anchors, determinism, collapsing."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace

import pytest

from factcheck.findings import Finding, RunResult
from factcheck.report.html import COLLAPSE_ABOVE, SCRIPT, render_html, safe_url

HOSTILE_TITLE = "<script>window.pwned=1</script> \"quoted\" 'single' <img src=x onerror=window.pwned=1>"
HOSTILE_URL = "javascript:window.pwned=1"
HOSTILE_SENTENCE = "<script>window.pwned=1</script> In 2023, more than 50,000 people \"were\" 'prosecuted'. <img src=x onerror=window.pwned=1>"


def hostile(result: RunResult, url: str = HOSTILE_URL) -> RunResult:
    """Every article's title and URL, and every claim's sentence, made hostile."""
    articles = {key: replace(article, title=HOSTILE_TITLE, url=url) for key, article in result.articles.items()}
    findings = []
    for finding in result.findings:
        claims = tuple(replace(claim, sentence=HOSTILE_SENTENCE.replace("more than 50,000 people", claim.text)) for claim in finding.claims)
        findings.append(replace(finding, claims=claims, message=finding.message + " <script>window.pwned=1</script>"))
    return replace(result, articles=articles, findings=tuple(findings))


def test_hostile_content_is_escaped(result: RunResult) -> None:
    page = render_html(hostile(result))
    # The only script element is the report's own.
    assert page.count("<script") == 1
    assert "<script>window.pwned" not in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "<img" not in page
    assert "&lt;img src=x onerror=window.pwned=1&gt;" in page
    assert 'href="javascript:' not in page.lower()
    assert "javascript:window.pwned=1" in page  # shown as text, not as a link
    assert "&#34;quoted&#34;" in page and "&#39;single&#39;" in page
    # The claim's words are highlighted inside the escaped sentence.
    assert re.search(r"<mark>[^<]+</mark>", page)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org/", "http://example.org/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org", None),
        ("https:///nohost", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_http_url_is_a_link(result: RunResult) -> None:
    page = render_html(hostile(result, url="https://example.org/a?x=1&y=\"2\""))
    assert 'href="https://example.org/a?x=1&amp;y=&#34;2&#34;"' in page


def test_content_security_policy(result: RunResult) -> None:
    page = render_html(result)
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp is not None
    policy = csp.group(1).replace("&#39;", "'")
    assert "default-src 'none'" in policy
    assert f"script-src 'sha256-{digest}'" in policy
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert f"<script>{SCRIPT}</script>" in page  # the hashed text is exactly what is inlined
    # Nothing is fetched: no external resource of any kind.
    assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://example', ""))
    assert "@import" not in page and "url(http" not in page


def test_every_finding_has_its_anchor(result: RunResult) -> None:
    page = render_html(result)
    for finding in result.findings:
        assert f'id="{finding.anchor}"' in page
        assert f'href="#{finding.anchor}"' in page
    assert page.count('class="finding ') == len(result.findings)


def test_severity_is_written_not_only_coloured(result: RunResult) -> None:
    page = render_html(result)
    for severity in ("error", "warning", "info"):
        assert f'<span class="sev {severity}">{severity}</span>' in page
    assert "Outlier — leaves the consensus" in page


def test_same_bytes_for_the_same_input(result: RunResult, reversed_result: RunResult) -> None:
    first = render_html(result)
    assert render_html(result) == first
    assert render_html(reversed_result) == first


def test_empty_run(empty_result: RunResult) -> None:
    page = render_html(empty_result)
    assert "PASS" not in page and "NOTHING COMPARED" in page and "No findings." in page


def test_many_findings_are_collapsed(result: RunResult) -> None:
    base = result.findings[0]
    many = tuple(
        replace(base, fact=f"{base.fact} #{number:04d}") for number in range(COLLAPSE_ABOVE + 1)
    )
    page = render_html(replace(result, findings=tuple(sorted(many, key=Finding.sort_key))))
    assert '<details class="rule-group"' in page
    assert "rule-group\" data-rule=\"same-fact-agrees\" open" not in page
    small = render_html(result)
    assert re.search(r'<details class="rule-group" data-rule="[^"]+" open>', small)


def test_bundled_corpus_renders() -> None:
    import os
    from pathlib import Path

    from factcheck.run import check
    from factcheck.vocabulary import load_vocabulary

    repo = Path(__file__).resolve().parents[2]
    here = os.getcwd()
    os.chdir(repo)
    try:
        bundled, errors = check(["articles"], "claims", ["rules"], load_vocabulary(["rules"]))
    finally:
        os.chdir(here)
    assert not errors
    page = render_html(bundled)
    assert page.count("<svg") == len({c.metric for c in bundled.claims} | {c.metric for f in bundled.findings for c in f.claims})
    assert page == render_html(bundled)
