"""JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure, ...).

One ``<testsuite>`` per rule, one ``<testcase>`` per finding (named by the fact it is about), a
``<failure>`` for errors and warnings holding the finding as the text output shows it. Info
findings pass, with that text as ``<system-out>``; suppressed findings are ``<skipped>`` with
the reason. A rule without findings is one passing case,
so a report lists every rule that ran.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.findings import Finding, RunResult
from factcheck.report.text import finding_lines

FAILING = ("error", "warning")

# Characters XML 1.0 cannot hold at all, even escaped; article text is untrusted.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(result: RunResult) -> str:
    root = ET.Element("testsuites", {"name": "factcheck"})
    by_rule: dict[str, list[Finding]] = {rule_id: [] for rule_id in result.rules}
    for finding in result.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for rule_id in sorted(by_rule):
        suite = _suite(rule_id, by_rule[rule_id], result)
        root.append(suite)
        totals["tests"] += int(suite.get("tests", "0"))
        totals["failures"] += int(suite.get("failures", "0"))
        totals["skipped"] += int(suite.get("skipped", "0"))
    if result.coverage is not None:
        suite = _coverage_suite(result)
        root.append(suite)
        totals["tests"] += 1
        totals["skipped"] += int(suite.get("skipped", "0"))
    _set_counts(root, totals["tests"], totals["failures"], totals["skipped"])
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(rule_id: str, findings: list[Finding], result: RunResult) -> ET.Element:
    suite = ET.Element("testsuite", {"name": rule_id})
    classname = f"factcheck.{rule_id}"
    rule = result.rules.get(rule_id)
    if rule is not None:
        properties = ET.SubElement(suite, "properties")
        for name, value in (("check", rule.check), ("severity", rule.severity), ("path", rule.path)):
            ET.SubElement(properties, "property", {"name": name, "value": value})
    if not findings:
        passing = rule.description if rule else "no findings"
        ET.SubElement(suite, "testcase", {"classname": classname, "name": _xml_text(passing)})
        _set_counts(suite, 1, 0)
        return suite
    names: set[str] = set()
    failures = skipped = 0
    for finding in findings:
        name = _xml_text(finding.fact)
        if name in names:
            name = f"{name} [{finding.anchor}]"
        names.add(name)
        case = ET.SubElement(suite, "testcase", {"classname": classname, "name": name})
        details = _xml_text("\n".join(finding_lines(finding, result)))
        if finding.suppressed is not None:
            ET.SubElement(case, "skipped", {"message": _xml_text(f"suppressed: {finding.suppressed.reason}")})
            ET.SubElement(case, "system-out").text = details
            skipped += 1
        elif finding.severity in FAILING:
            failure = ET.SubElement(case, "failure", {"message": _xml_text(finding.message), "type": finding.severity})
            failure.text = details
            failures += 1
        else:
            ET.SubElement(case, "system-out").text = details
    _set_counts(suite, len(findings), failures, skipped)
    return suite


def _coverage_suite(result: RunResult) -> ET.Element:
    """How many claims were compared: skipped, not passed, when nothing was."""
    assert result.coverage is not None
    coverage = result.coverage
    suite = ET.Element("testsuite", {"name": "coverage"})
    properties = ET.SubElement(suite, "properties")
    for name, value in [("compared", coverage.compared), *((f"not compared: {reason}", count) for reason, count in coverage.not_compared.items())]:
        ET.SubElement(properties, "property", {"name": name, "value": str(value)})
    case = ET.SubElement(suite, "testcase", {"classname": "factcheck.coverage", "name": "claims compared"})
    if coverage.nothing_compared:
        ET.SubElement(case, "skipped", {"message": coverage.describe()})
    else:
        ET.SubElement(case, "system-out").text = coverage.describe()
    _set_counts(suite, 1, 0, 1 if coverage.nothing_compared else 0)
    return suite


def _set_counts(element: ET.Element, tests: int, failures: int, skipped: int = 0) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", str(skipped))


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
