"""`factcheck run`: documents and claim files in, findings out, in the formats asked for."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from factcheck import exitcodes
from factcheck.errors import RefusedDocument, UserError
from factcheck.findings import ArticleRef, RuleRef, RunResult
from factcheck.model import Article, Claim
from factcheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from factcheck.batch import ExtractionSettings
    from factcheck.extraction_cache import CachedDocument

CLAIM_SUFFIXES = (".yaml", ".yml")


@dataclass
class RunInputs:
    claims: list[Claim] = field(default_factory=list)
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[UserError] = field(default_factory=list)


def gather(paths: list[str], claims_dir: str | None, vocabulary: Vocabulary, extraction: ExtractionSettings | None = None) -> RunInputs:
    """Claims of every document (from its claim file while the file is current) and claim file.

    A document without a current claim file is taken from the extraction cache while unchanged,
    else read and extracted, as ``extraction`` says (processes, cache directory; default: neither).
    """
    from factcheck.batch import ExtractionCounts, ExtractionSettings, extract_articles, read_or_recall
    from factcheck.claimfile import claim_file_path, claim_from_record, read_claim_file

    settings = extraction or ExtractionSettings()
    inputs = RunInputs()
    claim_paths = [p for p in paths if p.endswith(CLAIM_SUFFIXES) and not os.path.isdir(p)]
    document_paths = [p for p in paths if p not in claim_paths]
    documents, errors = read_or_recall(document_paths, vocabulary, settings)
    inputs.errors.extend(errors)
    stale = outdated = from_claim_files = 0
    counts = ExtractionCounts()
    known: dict[int, list[Claim]] = {}  # claims from a current claim file or the extraction cache
    for index, document in enumerate(documents):
        _add_article(inputs, _ref(document))
        inputs.notes.extend(f"{document.path}: {warning}" for warning in document.warnings)
        stored = claim_file_path(claims_dir, document.id) if claims_dir else None
        if stored and os.path.exists(stored):
            record = read_claim_file(stored, settings.limits.claim_file_bytes)
            if record.article.sha256 == document.sha256:
                known[index] = [claim_from_record(c, document.id) for c in record.claims]
                from_claim_files += 1
                if record.vocabulary != vocabulary.digest:
                    outdated += 1
                continue
            stale += 1
            inputs.notes.append(f"{stored}: stale ({document.path} changed); its claims were extracted afresh")
        if not isinstance(document, Article):
            known[index] = list(document.claims)
            counts.cached += 1
    pending = [document for index, document in enumerate(documents) if index not in known and isinstance(document, Article)]
    extracted = iter(extract_articles(pending, vocabulary, settings, counts))
    for index in range(len(documents)):
        inputs.claims.extend(known[index] if index in known else next(extracted))
    for note in counts.notes(from_claim_files):
        print(f"note: {note}", file=sys.stderr)
    for path in claim_paths:
        record = read_claim_file(path, settings.limits.claim_file_bytes)
        info = record.article
        _add_article(inputs, ArticleRef(info.id, info.path, info.title, info.publisher, info.published, info.url))
        inputs.claims.extend(claim_from_record(c, info.id) for c in record.claims)
    if stale:
        inputs.notes.append(f"{stale} claim file(s) are stale: run `factcheck extract --out {claims_dir}` and review them")
    if outdated:
        inputs.notes.append(
            f"{outdated} claim file(s) were written with another vocabulary; they are used as reviewed, "
            f"but `factcheck extract --out {claims_dir}` would change them"
        )
    return inputs


def _ref(document: Article | CachedDocument) -> ArticleRef:
    return ArticleRef.from_article(document) if isinstance(document, Article) else document.ref


def _add_article(inputs: RunInputs, ref: ArticleRef) -> None:
    if ref.id in inputs.articles:
        raise UserError(f"expected unique article ids, found '{ref.id}' also in {inputs.articles[ref.id].path}", ref.path)
    inputs.articles[ref.id] = ref


def check(
    paths: list[str],
    claims_dir: str | None,
    rule_dirs: list[str],
    vocabulary: Vocabulary,
    suppressions: str | None = None,
    today: date | None = None,
    extraction: ExtractionSettings | None = None,
) -> tuple[RunResult, list[UserError]]:
    """Claims in, findings out; ``suppressions`` names a suppressions file (a missing one is empty)."""
    from factcheck.engine import run_checks
    from factcheck.rules import load_rules
    from factcheck.suppressions import apply_suppressions, load_suppressions

    rules = load_rules(rule_dirs)
    if not rules:
        raise UserError(f"expected check rules (*.yaml) in {', '.join(os.path.join(d, 'checks') for d in rule_dirs)}, found none")
    entries = load_suppressions(suppressions) if suppressions else []
    inputs = gather(paths, claims_dir, vocabulary, extraction)
    findings, notes = apply_suppressions(tuple(run_checks(inputs.claims, rules, vocabulary.parents)), entries, today or date.today())
    inputs.notes.extend(notes)
    result = RunResult(
        findings=findings,
        articles=dict(sorted(inputs.articles.items())),
        rules={
            r.id: RuleRef(r.id, r.check, r.rule.severity, r.rule.description, r.path.replace(os.sep, "/"))
            for r in rules
        },
        claim_count=len(inputs.claims),
        warnings=tuple(inputs.notes),
        claims=tuple(inputs.claims),
    )
    return result, inputs.errors


def write_output(text: str, path: str | None) -> None:
    if path is None or path == "-":
        sys.stdout.write(text)
        return
    from factcheck.claimfile import write_atomically

    write_atomically(path, text)


def run_command(
    paths: list[str],
    claims_dir: str | None,
    rule_dirs: list[str],
    vocabulary: Vocabulary,
    outputs: list[tuple[str, str | None]],
    fail_on: str,
    strict: bool,
    suppressions: str | None = None,
    extraction: ExtractionSettings | None = None,
) -> int:
    from factcheck.documents import no_documents
    from factcheck.report import render
    from factcheck.report.text import use_color

    result, errors = check(paths, claims_dir, rule_dirs, vocabulary, suppressions, extraction=extraction)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    if not result.articles:  # said why above, if a path was refused
        if not errors:
            print(f"{no_documents(paths, ' or claim file')}", file=sys.stderr)
        return exitcodes.USER_ERROR
    for note in result.warnings:
        print(f"note: {note}", file=sys.stderr)
    for name, path in outputs:
        if name == "html":
            from factcheck.report.html import render_html  # jinja2 only when asked for

            write_output(render_html(result), path)
            continue
        color = name == "text" and path in (None, "-") and use_color(sys.stdout, os.environ)
        write_output(render(name, result, color=color), path)
    if errors and (strict or refused(errors)):
        return exitcodes.USER_ERROR
    return result.exit_code(fail_on)


def refused(errors: Sequence[UserError]) -> bool:
    """Whether a path named is missing or not a document, or a document is over its size limit:
    exit 2 whatever --strict says."""
    return any(isinstance(error, RefusedDocument) for error in errors)
