"""The month an article's financial years start in, so that "2023/24" and "FY2024" are twelve
months and not two calendar years.

It is configuration, never a guess: the scopes vocabulary's `fiscal_year_start` of the article's
scope (its front matter `scope:`, else the vocabulary's default scope), or of the nearest parent
scope that has one. With none, such years resolve to no period (periods.resolve_period says so):
a wrong period is worse than an unknown one. The article's scope decides for every figure in it,
as a reader of a British article reads "2023/24" as the British financial year even in a
sentence about one police force.
"""

from __future__ import annotations

from factcheck.calendar import month_number
from factcheck.extract.scopes import article_scope
from factcheck.model import Article
from factcheck.vocabulary import Vocabulary


def fiscal_year_start(vocabulary: Vocabulary, article: Article) -> int:
    """The month number (1-12) financial years start in for ``article``; 0 when none is configured."""
    scope = article_scope(vocabulary, article.scope) if article.scope is not None else vocabulary.default_scope
    seen: set[str] = set()
    while scope is not None and scope in vocabulary.scope_entries and scope not in seen:
        seen.add(scope)
        entry = vocabulary.scope_entries[scope]
        start = entry.fiscal_year_start
        if start is not None:
            return month_number(start) if isinstance(start, str) else start
        scope = entry.parent
    return 0
