"""`factcheck run`: documents and claim files in, findings out, in the formats asked for."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from factcheck import exitcodes
from factcheck.errors import UserError
from factcheck.findings import ArticleRef, RuleRef, RunResult
from factcheck.model import Article, Claim
from factcheck.vocabulary import Vocabulary

CLAIM_SUFFIXES = (".yaml", ".yml")


@dataclass
class RunInputs:
    claims: list[Claim] = field(default_factory=list)
    articles: dict[str, ArticleRef] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: list[UserError] = field(default_factory=list)


def gather(paths: list[str], claims_dir: str | None, vocabulary: Vocabulary) -> RunInputs:
    """Claims of every document (from its claim file while the file is current) and claim file."""
    from factcheck.claimfile import claim_file_path, claim_from_record, read_claim_file
    from factcheck.documents import read_documents
    from factcheck.extract import ClaimExtractor

    inputs = RunInputs()
    claim_paths = [p for p in paths if p.endswith(CLAIM_SUFFIXES) and not os.path.isdir(p)]
    document_paths = [p for p in paths if p not in claim_paths]
    articles, errors = read_documents(document_paths)
    inputs.errors.extend(errors)
    extractor = ClaimExtractor(vocabulary)
    stale = outdated = 0
    for article in articles:
        _add_article(inputs, _ref(article))
        stored = claim_file_path(claims_dir, article.id) if claims_dir else None
        if stored and os.path.exists(stored):
            record = read_claim_file(stored)
            if record.article.sha256 == article.sha256:
                inputs.claims.extend(claim_from_record(c, article.id) for c in record.claims)
                if record.vocabulary != vocabulary.digest:
                    outdated += 1
                continue
            stale += 1
            inputs.notes.append(f"{stored}: stale ({article.path} changed); its claims were extracted afresh")
        inputs.claims.extend(extractor.extract(article))
    for path in claim_paths:
        record = read_claim_file(path)
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


def _ref(article: Article) -> ArticleRef:
    return ArticleRef(article.id, article.path, article.title, article.publisher, article.published, article.url)


def _add_article(inputs: RunInputs, ref: ArticleRef) -> None:
    if ref.id in inputs.articles:
        raise UserError(f"expected unique article ids, found '{ref.id}' also in {inputs.articles[ref.id].path}", ref.path)
    inputs.articles[ref.id] = ref


def check(paths: list[str], claims_dir: str | None, rule_dirs: list[str], vocabulary: Vocabulary) -> tuple[RunResult, list[UserError]]:
    from factcheck.engine import run_checks
    from factcheck.rules import load_rules

    rules = load_rules(rule_dirs)
    if not rules:
        raise UserError(f"expected check rules (*.yaml) in {', '.join(os.path.join(d, 'checks') for d in rule_dirs)}, found none")
    inputs = gather(paths, claims_dir, vocabulary)
    findings = run_checks(inputs.claims, rules, vocabulary.parents)
    result = RunResult(
        findings=tuple(findings),
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
) -> int:
    from factcheck.report import render
    from factcheck.report.text import use_color

    result, errors = check(paths, claims_dir, rule_dirs, vocabulary)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    for note in result.warnings:
        print(f"note: {note}", file=sys.stderr)
    for name, path in outputs:
        if name == "html":
            from factcheck.report.html import render_html  # jinja2 only when asked for

            write_output(render_html(result), path)
            continue
        color = name == "text" and path in (None, "-") and use_color(sys.stdout, os.environ)
        write_output(render(name, result, color=color), path)
    if errors and strict:
        return exitcodes.USER_ERROR
    return result.exit_code(fail_on)
