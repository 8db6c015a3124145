"""restatement: one figure stated in different words or at different precision, consistently.

Where claims about one fact all agree (their hard and their in-practice intervals share a value)
but are written differently, this says so, with the tightest value they allow together: the
intersection of their hard intervals. "over 50,000", "more than 50,000" and "51,000 individuals"
together say [50,500, 51,500). It is information for an editor, never a conflict: claims that
disagree are the agree check's. A figure repeated word for word is not a restatement unless
``same_text_across_articles`` is set.

Fails: "Prosecutors charged more than 50,000 people with telecom fraud in 2023." and
"In 2023, 51,000 individuals were prosecuted for telecom fraud."

Passes: "In 2023, 51,000 individuals were prosecuted for telecom fraud." alone.

Message fields: {fact}, {consensus} (the common interval), {claims}, {count}, {texts} (how many
different wordings), {articles} (how many articles).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from factcheck.checks.base import ClaimIndex, LoadedRule, RuleBase
from factcheck.checks.consensus import by_position, common, quote_all, make_finding, show_interval, soft_or_hard
from factcheck.findings import Finding

ID = "restatement"
# The placeholders a rule's `message` template may use (the loader rejects any other).
MESSAGE_FIELDS = ("fact", "consensus", "claims", "count", "texts", "articles")


class Rule(RuleBase):
    check: Literal["restatement"]
    same_text_across_articles: bool = Field(
        default=False, description="also report a figure repeated word for word in different articles"
    )


def check(index: ClaimIndex, rule: LoadedRule) -> Iterator[Finding]:
    options = rule.rule
    assert isinstance(options, Rule)
    for key, stated in index.selected(options.select):
        if len(stated) < 2 or (len({claim.text for claim in stated}) < 2 and not options.same_text_across_articles):
            continue
        together = common(claim.value for claim in stated)
        if together.is_empty() or common(soft_or_hard(claim) for claim in stated).is_empty():
            continue
        texts = {" ".join(claim.text.casefold().split()) for claim in stated}
        articles = {claim.article for claim in stated}
        if len(texts) < 2 and not (options.same_text_across_articles and len(articles) > 1):
            continue
        fact = key.describe()
        listed = by_position(stated)
        fields = {
            "fact": fact,
            "consensus": show_interval(together),
            "claims": quote_all(listed),
            "count": len(listed),
            "texts": len(texts),
            "articles": len(articles),
        }
        default = f"{len(listed)} statements of {fact} agree: together they say {fields['consensus']} ({fields['claims']})"
        yield make_finding(rule, ID, default, fields, key, listed, consensus=together)
