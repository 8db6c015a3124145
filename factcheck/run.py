"""`factcheck run`: documents and claim files in, findings out, in the formats asked for."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from factcheck import exitcodes
from factcheck.errors import RefusedDocument, UserError, WriteError
from factcheck.findings import ArticleRef, Finding, RuleRef, RunResult
from factcheck.model import Article, Claim
from factcheck.printable import printable
from factcheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from factcheck.batch import ExtractionSettings
    from factcheck.claimfile import ClaimRecord
    from factcheck.extraction_cache import CachedDocument
    from factcheck.orphans import Adopter

CLAIM_SUFFIXES = (".yaml", ".yml")

# The finding for reviewed corrections a run cannot apply: a stable id, as the rules' ids are.
STALE_CLAIM_FILE = RuleRef(
    "stale-claim-file",
    "claim_file",
    "warning",
    "A claim file holds corrections this run could not apply: its article changed, or is gone, since the claims were extracted.",
    "",
)
LISTED_CORRECTIONS = 10  # a finding names at most this many, then says how many more


@dataclass
class RunInputs:
    claims: list[Claim] = field(default_factory=list)
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[UserError] = field(default_factory=list)
    folded_ids: dict[str, str] = field(default_factory=dict)  # casefolded id -> the id in articles
    findings: list[Finding] = field(default_factory=list)  # about the inputs themselves (claim files)


def gather(paths: list[str], claims_dir: str | None, vocabulary: Vocabulary, extraction: ExtractionSettings | None = None) -> RunInputs:
    """Claims of every document (from its claim file while the file is current) and claim file.

    A document without a current claim file is taken from the extraction cache while unchanged,
    else read and extracted, as ``extraction`` says (processes, cache directory; default: neither).
    """
    from factcheck.batch import ExtractionCounts, ExtractionSettings, extract_articles, read_or_recall
    from factcheck.claimfile import claim_file_path, claim_from_record, read_claim_file
    from factcheck.orphans import corrections_of

    settings = extraction or ExtractionSettings()
    inputs = RunInputs()
    claim_paths = [p for p in paths if p.endswith(CLAIM_SUFFIXES) and not os.path.isdir(p)]
    document_paths = [p for p in paths if p not in claim_paths]
    documents, errors = read_or_recall(document_paths, vocabulary, settings)
    inputs.errors.extend(errors)
    stale = outdated = from_claim_files = 0
    counts = ExtractionCounts()
    known: dict[int, list[Claim]] = {}  # claims from a current claim file or the extraction cache
    adopter = _adopter(claims_dir, documents, claim_paths)
    for index, document in enumerate(documents):
        _add_article(inputs, _ref(document))
        inputs.notes.extend(f"{document.path}: {warning}" for warning in document.warnings)
        stored = claim_file_path(claims_dir, document.id) if claims_dir else None
        record = renamed = None
        if stored and os.path.exists(stored):
            record = read_claim_file(stored, settings.limits.claim_file_bytes)
        elif adopter is not None:
            adopted = adopter.adopt(document.sha256, _text_of(document))
            if adopted is not None:
                renamed, record = adopted
                stored = renamed.path
        if stored and record is not None:
            rename = f"{renamed.article_path} was renamed to {document.path}" if renamed else ""
            if record.article.sha256 == document.sha256:
                known[index] = [claim_from_record(c, document.id) for c in record.claims]
                from_claim_files += 1
                if record.vocabulary != vocabulary.digest:
                    outdated += 1
                if renamed:
                    inputs.notes.append(f"{stored}: used for {document.path} ({rename}); `factcheck extract --out {claims_dir}` renames the claim file")
                continue
            stale += 1
            corrections = corrections_of(record)
            if corrections:
                why = f"stale ({rename + ' and' if rename else document.path} changed since its claims were extracted)"
                inputs.findings.append(stale_claim_file(stored, why, document.id, corrections, f"Run `factcheck extract --out {claims_dir}` to carry them over, and review them"))
            else:
                inputs.notes.append(f"{stored}: stale ({document.path} changed); its claims were extracted afresh")
        if not isinstance(document, Article):
            known[index] = list(document.claims)
            counts.cached += 1
    pending = [document for index, document in enumerate(documents) if index not in known and isinstance(document, Article)]
    extracted = iter(extract_articles(pending, vocabulary, settings, counts))
    for index in range(len(documents)):
        inputs.claims.extend(known[index] if index in known else next(extracted))
    for note in counts.notes(from_claim_files):
        print(printable(f"note: {note}"), file=sys.stderr)
    for path in claim_paths:
        record = read_claim_file(path, settings.limits.claim_file_bytes)
        info = record.article
        _add_article(inputs, ArticleRef(info.id, info.path, info.title, info.publisher, info.published, info.url))
        inputs.claims.extend(claim_from_record(c, info.id) for c in record.claims)
    remaining = adopter.left if adopter is not None else []
    for orphan in remaining:
        assert adopter is not None
        try:
            corrections = corrections_of(adopter.read(orphan))
        except UserError as exc:
            inputs.notes.append(f"{orphan.path}: orphaned (its article {orphan.article_path} is gone) and unreadable: {exc.message}")
            continue
        why = f"orphaned (its article {orphan.article_path} is gone)"
        if corrections:
            advice = "Rename the claim file with its article, or delete it"
            inputs.findings.append(stale_claim_file(orphan.path, why, orphan.article_id, corrections, advice))
        else:
            inputs.notes.append(f"{orphan.path}: {why}; delete it, or rename it with its article")
    if stale:
        inputs.notes.append(f"{stale} claim file(s) are stale: run `factcheck extract --out {claims_dir}` and review them")
    if outdated:
        inputs.notes.append(
            f"{outdated} claim file(s) were written with another vocabulary; they are used as reviewed, "
            f"but `factcheck extract --out {claims_dir}` would change them"
        )
    return inputs


def stale_claim_file(path: str, why: str, article_id: str, corrections: list[ClaimRecord], advice: str) -> Finding:
    """A warning naming the claim file and the corrections the run could not apply."""
    listed = ", ".join(f"'{c.text}' ({c.id})" for c in corrections[:LISTED_CORRECTIONS])
    more = len(corrections) - LISTED_CORRECTIONS
    listed += f" and {more} more" if more > 0 else ""
    message = f"{path}: {why}: {len(corrections)} correction(s) not applied: {listed}; its article's claims were extracted afresh. {advice}"
    # The fact names the article, not the path as typed: the fingerprint stays across working directories.
    return Finding(STALE_CLAIM_FILE.id, STALE_CLAIM_FILE.check, STALE_CLAIM_FILE.severity, message, f"claim file of {article_id}", ())


def _adopter(claims_dir: str | None, documents: list[Article | CachedDocument], claim_paths: list[str]) -> Adopter | None:
    """The orphaned claim files of ``claims_dir``, save those named on the command line."""
    from factcheck.orphans import Adopter, find_orphans

    if not claims_dir:
        return None
    named = {os.path.abspath(path) for path in claim_paths}
    return Adopter([o for o in find_orphans(claims_dir, {d.id for d in documents}) if os.path.abspath(o.path) not in named])


def _text_of(document: Article | CachedDocument) -> str:
    """What sentences of a renamed article's claim file are looked for in (a cached document's
    text is not kept: its claims' sentences are)."""
    return document.text if isinstance(document, Article) else " ".join(claim.sentence for claim in document.claims)


def _ref(document: Article | CachedDocument) -> ArticleRef:
    return ArticleRef.from_article(document) if isinstance(document, Article) else document.ref


def _add_article(inputs: RunInputs, ref: ArticleRef) -> None:
    key = ref.id.casefold()  # ids differing only in case share a claim file on macOS and Windows
    if key in inputs.folded_ids:
        raise UserError(duplicate_id(ref.id, inputs.articles[inputs.folded_ids[key]]), ref.path)
    inputs.folded_ids[key] = ref.id
    inputs.articles[ref.id] = ref


def duplicate_id(article_id: str, first: ArticleRef | Article) -> str:
    """The message for an article id (ignoring case) already taken by ``first``."""
    found = f"expected unique article ids, found '{article_id}' also in {first.path}"
    if first.id != article_id:
        found += f" as '{first.id}' (ids that differ only in case share one claim file on case-insensitive file systems)"
    return found


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
    found = sorted([*run_checks(inputs.claims, rules, vocabulary.parents, vocabulary.scope_parents, inputs.notes), *inputs.findings], key=Finding.sort_key)
    findings, notes = apply_suppressions(tuple(found), entries, today or date.today())
    inputs.notes.extend(notes)
    refs = {r.id: RuleRef(r.id, r.check, r.rule.severity, r.rule.description, r.path.replace(os.sep, "/")) for r in rules}
    if inputs.findings:  # listed only when it has a finding: every other run's outputs stay as they were
        refs.setdefault(STALE_CLAIM_FILE.id, STALE_CLAIM_FILE)
    result = RunResult(
        findings=findings,
        articles=dict(sorted(inputs.articles.items())),
        rules=refs,
        claim_count=len(inputs.claims),
        warnings=tuple(inputs.notes),
        claims=tuple(inputs.claims),
    )
    return result, inputs.errors


def write_output(text: str, path: str | None) -> None:
    if path is None or path == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise WriteError(exc, "standard output") from None
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
        print(printable(f"note: {note}"), file=sys.stderr)
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
