"""Numbers that are not claims: identifiers, hotlines, ordinal names, timestamps, copyright lines.

Years and dates are excluded earlier, by the time mentions the period finder returns.
"""

from __future__ import annotations

import re

from factcheck.extract.numbers import NumberMention

_IDENTIFIER_BEFORE = re.compile(
    r"(?:\bNo\.?|\bNos\.?|\bNumber|\bArticle|\bArticles|\bSection|\bChapter|\bClause|\bParagraph|\bItem|\bRoom|"
    r"\bhotline|\bphone|\btelephone|\btel\.?|\bcall|\bdial|\bfax|\bcode|\bversion|\bpage|\bpages|\bRule|\bLevel|"
    r"\bGrade|\bBuilding|\bRoute|\bFlight|\bplatform|\bID|#)\s*$",
    re.IGNORECASE,
)
_IDENTIFIER_AFTER = re.compile(r"^\s*(?:Platform\b|hotline\b|helpline\b|号|-\d)", re.IGNORECASE)
_TIME = re.compile(r"^(?::\d\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|BST|CST))", re.IGNORECASE)
_COPYRIGHT = re.compile(r"copyright|©|\(c\)\s*\d|all rights reserved|京公网安备|ICP", re.IGNORECASE)


def not_a_claim(text: str, number: NumberMention, has_unit: bool) -> str | None:
    """Why the number is not a claim, or None when it is one."""
    before = text[max(0, number.start - 24) : number.start]
    after = text[number.end : number.end + 16]
    if _IDENTIFIER_BEFORE.search(before):
        return "an identifier or reference number (No., Article, hotline...)"
    if _IDENTIFIER_AFTER.match(after):
        return "a phone, hotline or registration number"
    if _TIME.match(after) or before.endswith(":") and before[-2:-1].isdigit():
        return "a time of day"
    if number.digits is not None and not number.percent and not number.scale and not number.currency:
        plain = number.digits.replace(",", "")
        if "," not in number.digits and "." not in plain and len(plain) >= 5 and not has_unit:
            return "a long digit run without separators or unit: an identifier"
        # "2,004 a year earlier" is a count: nobody writes a year with a thousands separator.
        if plain.isdigit() and len(plain) == 4 and 1900 <= int(plain) <= 2100 and not has_unit and "," not in number.digits:
            return "a year"
        if plain.startswith("0") and len(plain) > 1 and "." not in plain:
            return "a code with a leading zero"
    if number.words and not has_unit and not number.percent and not number.scale:
        return "a number word with no unit after it"
    return None


def in_copyright_line(sentence: str) -> bool:
    return bool(_COPYRIGHT.search(sentence))
