"""What `factcheck parse` and `factcheck extract` do, apart from their command-line wiring."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from factcheck import exitcodes
from factcheck.documents.locations import SourceMap
from factcheck.errors import UserError
from factcheck.extract import ClaimExtractor
from factcheck.model import Article, Claim
from factcheck.printable import printable
from factcheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from factcheck.batch import ExtractionSettings


def text_article(text: str, published: date | None, article_id: str = "input") -> Article:
    return Article(
        id=article_id,
        path="<input>",
        title=None,
        publisher=None,
        published=published,
        url=None,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        source_map=SourceMap.identity(text),
    )


def parse_text(text: str, vocabulary: Vocabulary, published: date | None) -> list[Claim]:
    return ClaimExtractor(vocabulary).extract(text_article(text, published))


def parse_lines(lines: Iterable[str], vocabulary: Vocabulary, published: date | None) -> Iterator[dict[str, Any]]:
    extractor = ClaimExtractor(vocabulary)
    for line in lines:
        text = line.rstrip("\n").rstrip("\r")
        claims = extractor.extract(text_article(text, published))
        yield {"input": text, "claims": [claim.to_json() for claim in claims]}


def render_claims_text(claims: list[Claim]) -> str:
    if not claims:
        return "no numeric claims\n"
    lines: list[str] = []
    for claim in claims:
        lines.append(f"{claim.text!r} at {claim.line}:{claim.column}")
        value = str(claim.value) + (f"  in practice {claim.soft}" if claim.soft else "")
        lines.append(f"  value   {value}")
        lines.append(f"  unit    {claim.unit or '-'}    kind {claim.kind}")
        lines.append(f"  metric  {claim.metric}" + ("" if claim.metric_matched else "  (unmatched)"))
        lines.append(f"  period  {claim.period or '-'}")
        if claim.source:
            lines.append(f"  source  {claim.source}")
        for relation, target in claim.links:
            lines.append(f"  {relation.replace('_', ' ')} {target}")
        for field, how in claim.how:
            lines.append(f"    {field}: {how}")
    return "\n".join(lines) + "\n"


def article_json(article: Article, claims: list[Claim]) -> dict[str, Any]:
    return {**article.metadata_json(), "claims": [claim.to_json() for claim in claims]}


def extract_command(
    paths: list[str], vocabulary: Vocabulary, output_format: str, out_dir: str | None, check: bool, strict: bool,
    extraction: ExtractionSettings | None = None,
) -> int:
    from factcheck.batch import ExtractionCounts, ExtractionSettings, extract_articles
    from factcheck.claimfile import (
        check_claim_file,
        claim_file_path,
        merge_corrections,
        read_claim_file,
        render_claim_file,
        write_atomically,
    )
    from factcheck.documents import no_documents, read_documents
    from factcheck.orphans import Adopter, corrections_of, find_orphans
    from factcheck.run import refused, write_output

    settings = extraction or ExtractionSettings()
    articles, errors = read_documents(paths, settings.limits.article_bytes)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    if not articles:  # said why above, if a path was refused
        if not errors:
            print(f"{no_documents(paths)}", file=sys.stderr)
        return exitcodes.USER_ERROR
    for warning in (f"{article.path}: warning: {text}" for article in articles for text in article.warnings):
        print(printable(warning), file=sys.stderr)
    _check_unique_ids(articles)
    counts = ExtractionCounts()
    extracted = extract_articles(articles, vocabulary, settings, counts)
    for note in counts.notes():
        print(printable(f"note: {note}"), file=sys.stderr)
    results: list[tuple[Article, list[Claim]]] = []
    problems: list[str] = []
    written = 0
    adopter = Adopter(find_orphans(out_dir, {article.id for article in articles})) if out_dir is not None else None
    for article, claims in zip(articles, extracted):
        if out_dir is None or adopter is None:
            results.append((article, claims))
            continue
        path = claim_file_path(out_dir, article.id)
        previous = None
        renamed = None
        if os.path.exists(path):
            try:
                previous = read_claim_file(path, settings.limits.claim_file_bytes)
            except UserError as exc:
                if check:
                    problems.append(f"{path}: unreadable: {exc.message}")
                    continue
                raise
        else:
            adopted = adopter.adopt(article.sha256, article.text)
            if adopted is not None:
                renamed, previous = adopted
                if check:
                    problems.append(f"{path}: missing: {renamed.path} holds its claims under its old name {renamed.article_path}")
                    continue
        merged, orphaned, warnings = merge_corrections(article, claims, previous)
        for warning in warnings:
            print(printable(f"{path}: warning: {warning}"), file=sys.stderr)
        content = render_claim_file(article, merged, vocabulary.digest, orphaned)
        if check:
            reason = check_claim_file(path, article, content, settings.limits.claim_file_bytes)
            if reason:
                problems.append(f"{path}: {reason}")
            continue
        if renamed is not None:
            print(printable(f"{renamed.path}: renamed to {path}, with its corrections: {renamed.article_path} is now {article.path}"), file=sys.stderr)
        elif previous is not None and previous.article.sha256 != article.sha256:
            print(printable(f"{path}: re-extracted: {article.path} changed since the claims were extracted"), file=sys.stderr)
        _check_readable_size(path, content, settings.limits.claim_file_bytes)
        write_atomically(path, content)
        if renamed is not None:
            os.unlink(renamed.path)
        written += 1
    remaining = adopter.left if adopter is not None else []
    for orphan in remaining:
        assert adopter is not None
        if check:
            problems.append(f"{orphan.path}: orphaned: its article {orphan.article_path} is gone (renamed or deleted)")
        else:
            count = len(corrections_of(adopter.read(orphan)))
            warning = (
                f"{orphan.path}: warning: orphaned: its article {orphan.article_path} is gone, and its {count} correction(s) apply "
                "to nothing: rename the claim file with its article, or delete it"
            )
            print(printable(warning), file=sys.stderr)  # the recorded path comes from a file anyone may edit
    if out_dir is None:
        payload = {"articles": [article_json(a, c) for a, c in results]}
        if output_format == "yaml":
            from factcheck.yamlfile import dump_yaml

            write_output(dump_yaml(payload, sort_keys=False, width=100), None)
        else:
            write_output(json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n", None)
    elif check:
        for problem in problems:
            print(printable(problem))  # stdout: a "::error" line there would be a GitHub command
        if problems:
            print(printable(f"{len(problems)} of {len(articles)} claim files need `factcheck extract --out {out_dir}`"), file=sys.stderr)
        else:
            print(f"{len(articles)} claim files up to date", file=sys.stderr)
    else:
        print(printable(f"wrote {written} claim files to {out_dir}"), file=sys.stderr)
    if errors and (strict or refused(errors)):
        return exitcodes.USER_ERROR
    if problems:
        return exitcodes.FINDINGS
    return exitcodes.OK


def _check_readable_size(path: str, content: str, limit: int) -> None:
    """A claim file the tool writes must be one it reads back: refuse one over the claim-file cap."""
    from factcheck.limits import too_large

    size = len(content.encode())
    if size > limit:
        raise UserError(too_large(size, limit, "a claim file", "max_claim_file_bytes") + "; nothing written", path)


def _check_unique_ids(articles: list[Article]) -> None:
    from factcheck.run import duplicate_id

    seen: dict[str, Article] = {}
    for article in articles:
        key = article.id.casefold()  # ids differing only in case share a claim file on macOS and Windows
        if key in seen:
            raise UserError(duplicate_id(article.id, seen[key]), article.path)
        seen[key] = article
