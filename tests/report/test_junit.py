"""JUnit XML output: well-formed, one suite per rule, counts that add up."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from factcheck.findings import RunResult
from factcheck.report import junit


def parse(result: RunResult) -> ET.Element:
    output = junit.render(result)
    assert output.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(output.encode("utf-8"))


def test_one_suite_per_rule_with_counts(result: RunResult) -> None:
    root = parse(result)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == sorted(result.rules)
    counts = {name: (suite.get("tests"), suite.get("failures")) for name, suite in suites.items()}
    assert counts == {
        "future-period": ("1", "0"),
        "growth-matches-levels": ("1", "1"),
        "restated-figures": ("1", "0"),
        "same-fact-agrees": ("1", "1"),
        "unit-clash": ("1", "1"),
    }
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "3", "0")
    for suite in suites.values():
        assert int(suite.get("tests", "")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "")) == len(suite.findall("testcase/failure"))


def test_failures_hold_the_text_of_the_finding(result: RunResult) -> None:
    root = parse(result)
    (case,) = root.findall("testsuite[@name='same-fact-agrees']/testcase")
    assert case.get("classname") == "factcheck.same-fact-agrees"
    assert case.get("name") == "telecom-fraud/prosecuted, person, 2023"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.get("message") == result.findings[1].message
    assert failure.text is not None
    assert failure.text.startswith("error same-fact-agrees: figures for telecom-fraud")
    assert '"Some 38,000 people"' in failure.text and "outlier" in failure.text


def test_info_passes_with_output_and_clean_rules_pass(result: RunResult) -> None:
    root = parse(result)
    (info,) = root.findall("testsuite[@name='restated-figures']/testcase")
    assert info.find("failure") is None
    out = info.find("system-out")
    assert out is not None and out.text is not None and out.text.startswith("info restated-figures:")
    (clean,) = root.findall("testsuite[@name='future-period']/testcase")
    assert list(clean) == [] and clean.get("name") == result.rules["future-period"].description


def test_hostile_text_is_escaped(result: RunResult) -> None:
    root = parse(result)
    (case,) = root.findall("testsuite[@name='unit-clash']/testcase")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "warning"
    assert failure.get("message") == result.findings[2].message  # newlines and all survive the attribute
    assert failure.text is not None and "\x1b" not in failure.text


def test_control_characters_cannot_break_the_xml(result: RunResult) -> None:
    from dataclasses import replace

    broken = replace(result.findings[0], message="bell \x07 and nul \x00 & <tags>")
    output = junit.render(replace(result, findings=(broken, *result.findings[1:])))
    failure = ET.fromstring(output).find("testsuite[@name='growth-matches-levels']/testcase/failure")
    assert failure is not None and failure.get("message") == "bell \ufffd and nul \ufffd & <tags>"


def test_empty_run(empty_result: RunResult) -> None:
    root = parse(empty_result)
    # The rules' passing cases, and the coverage case, skipped: nothing was compared.
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("6", "0", "1")
