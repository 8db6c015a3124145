"""Extraction: from an Article to normalised Claims."""

from __future__ import annotations

from factcheck.extract.claims import ClaimExtractor
from factcheck.model import Article, Claim
from factcheck.vocabulary import Vocabulary


def extract_claims(article: Article, vocabulary: Vocabulary) -> list[Claim]:
    return ClaimExtractor(vocabulary).extract(article)


__all__ = ["ClaimExtractor", "extract_claims"]
