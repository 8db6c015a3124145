"""The command line. Heavy modules are imported inside the commands so that --help starts fast."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from functools import lru_cache
from typing import Any

import click

from factcheck import __version__, exitcodes
from factcheck.errors import UserError
from factcheck.printable import printable


def _rules_option(function: Any) -> Any:
    return click.option(
        "--rules",
        "rules",
        multiple=True,
        metavar="DIR",
        help="Rule directory (repeatable). Default: `rules` from [tool.factcheck], else ./rules.",
    )(function)


def _suppressions_option(function: Any) -> Any:
    return click.option(
        "--suppressions",
        metavar="FILE",
        help="Suppressions file of reviewed findings (default: `suppressions` from config, else suppressions.yaml; '' for none).",
    )(function)


def _extraction_options(function: Any) -> Any:
    options = [
        click.option("--jobs", type=click.IntRange(min=0), metavar="N", help="Extract documents in N processes, 0 for one per CPU (default: `jobs` from config, else 1); the output is the same."),
        click.option("--cache", "cache_dir", metavar="DIR", help="Extraction cache: unchanged documents are not extracted again (default: `cache` from config, else .factcheck-cache)."),
        click.option("--no-cache", is_flag=True, help="Extract every document afresh; neither read nor write the extraction cache."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Extract the numeric claims of articles, normalise them and cross-check them with YAML rules.

    Exit codes: 0 clean, 1 findings (or stale claim files with `extract --check`), 2 bad input,
    3 a crash (a bug in factcheck: please report it), 130 interrupted.
    """


@cli.command()
@click.argument("text")
@click.option("--date", "published", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication date (YYYY-MM-DD) that relative periods resolve against.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_rules_option
def parse(text: str, published: datetime | None, output_format: str, rules: tuple[str, ...]) -> None:
    """Show how one TEXT normalises: each claim with interval, unit, period, metric and why.

    With TEXT "-", read one text per line from standard input and print one JSON object per line:
    {"input": ..., "claims": [...]}.
    """
    from factcheck.commands import parse_lines, parse_text, render_claims_text

    vocabulary = _vocabulary(rules)
    day = published.date() if published else None
    if text == "-":
        for result in parse_lines(sys.stdin, vocabulary, day):
            click.echo(json.dumps(result, ensure_ascii=False, sort_keys=False, allow_nan=False))
        return
    claims = parse_text(text, vocabulary, day)
    if output_format == "json":
        click.echo(json.dumps({"input": text, "claims": [c.to_json() for c in claims]}, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        click.echo(render_claims_text(claims), nl=False)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["json", "yaml"]), default="json", show_default=True, help="Format on standard output (without --out).")
@click.option("--out", "out_dir", metavar="DIR", help="Write one claim file per article into DIR (e.g. claims/).")
@click.option("--check", is_flag=True, help="Exit 1 when a claim file in --out (default: `claims` from config) is missing, stale, out of date or orphaned.")
@click.option("--strict", is_flag=True, help="Exit 2 when a document cannot be read (default: report it and go on).")
@_extraction_options
@_rules_option
def extract(paths: tuple[str, ...], output_format: str, out_dir: str | None, check: bool, strict: bool, jobs: int | None, cache_dir: str | None, no_cache: bool, rules: tuple[str, ...]) -> None:
    """Extract the claims of documents (.txt, .md, .html) in PATHS (default: `paths` from config)."""
    from factcheck.commands import extract_command

    config = _config()
    targets = list(paths) or [config.resolve(p) for p in config.paths]
    vocabulary = _vocabulary(rules)
    if check and out_dir is None:
        out_dir = config.resolve(config.claims)
    code = extract_command(targets, vocabulary, output_format, out_dir, check, strict, _extraction_settings(jobs, cache_dir, no_cache))
    sys.exit(code)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif", "junit", "github", "auto"]), help="Output format (default: `format` from config, else text; auto: github inside GitHub Actions).")
@click.option("--output", metavar="FILE", help="Write the --format output to FILE instead of standard output.")
@click.option("--report", "reports", multiple=True, metavar="FORMAT=FILE", help="Also write FORMAT to FILE (repeatable), e.g. --report sarif=factcheck.sarif.")
@click.option("--html", "html", metavar="FILE", help="Also write the HTML discrepancy report to FILE (default: `html` from config; '' for none).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--claims", "claims_dir", metavar="DIR", help="Claim files used while their article is unchanged (default: `claims` from config).")
@click.option("--strict", is_flag=True, help="Exit 2 when a document cannot be read (default: report it and go on).")
@_suppressions_option
@_extraction_options
@_rules_option
def run(paths: tuple[str, ...], output_format: str | None, output: str | None, reports: tuple[str, ...], html: str | None, fail_on: str | None, claims_dir: str | None, strict: bool, suppressions: str | None, jobs: int | None, cache_dir: str | None, no_cache: bool, rules: tuple[str, ...]) -> None:
    """Check documents and claim files in PATHS (default: `paths` from config) with the rules.

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad input.
    """
    import os

    from factcheck.report import choose_format
    from factcheck.run import run_command

    config = _config()
    targets = list(paths) or [config.resolve(p) for p in config.paths]
    rule_dirs = list(rules) or [config.resolve(r) for r in config.rules]
    outputs: list[tuple[str, str | None]] = [(choose_format(output_format or config.format, os.environ), output or (config.resolve(config.output) if config.output else None))]
    extra: dict[str, str] = {name: config.resolve(path) for name, path in config.reports.items()}
    for item in reports:
        name, _, path = item.partition("=")
        if name not in ("text", "json", "sarif", "junit", "github") or not path:
            raise click.BadParameter(f"expected FORMAT=FILE with FORMAT one of text, json, sarif, junit, github, found '{item}'", param_hint="--report")
        extra[name] = path
    outputs += sorted(extra.items())
    html_path = html if html is not None else (config.resolve(config.html) if config.html else "")
    if html_path:
        outputs.append(("html", html_path))
    code = run_command(targets, claims_dir or config.resolve(config.claims), rule_dirs, _vocabulary(tuple(rule_dirs)), outputs, fail_on or config.fail_on, strict, _suppressions_file(suppressions), _extraction_settings(jobs, cache_dir, no_cache))
    sys.exit(code)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--reason", required=True, help="Why the current findings are accepted; every new entry gets it (edit them one by one later).")
@click.option("--claims", "claims_dir", metavar="DIR", help="Claim files used while their article is unchanged (default: `claims` from config).")
@click.option("--prune", is_flag=True, help="Also drop the entries that match no finding of this run (default: keep them).")
@_suppressions_option
@_rules_option
def baseline(paths: tuple[str, ...], reason: str, claims_dir: str | None, prune: bool, suppressions: str | None, rules: tuple[str, ...]) -> None:
    """Accept every current finding: write them into the suppressions file, each with --reason.

    Entries still in force keep their own reason and expiry. Entries that match no finding of
    this run (fixed, or about articles outside PATHS) are kept unless --prune. Later runs report
    the accepted findings as suppressed and fail on new ones.
    """
    from datetime import date

    from factcheck.claimfile import write_atomically
    from factcheck.printable import printable
    from factcheck.suppressions import baseline as make_baseline, load_suppressions

    config = _config()
    target = suppressions or config.resolve(config.suppressions)
    if not target:
        raise click.BadParameter("expected a suppressions file to write, found none configured", param_hint="--suppressions")
    entries = load_suppressions(target)
    result, _, _ = _checked(paths, claims_dir, rules, None)
    text, counts = make_baseline(result.findings, entries, reason, date.today(), prune=prune)
    write_atomically(target, text)
    line = f"{printable(target)}: {counts['added']} added, {counts['kept']} kept, {counts['dropped']} dropped"
    if counts["unmatched"] and not prune:
        line += f" ({counts['unmatched']} kept match no finding of this run; --prune drops them)"
    click.echo(line, err=True)


@cli.command()
@click.argument("target", metavar="ID")
@click.argument("paths", nargs=-1)
@click.option("--claims", "claims_dir", metavar="DIR", help="Claim files used while their article is unchanged (default: `claims` from config).")
@_suppressions_option
@_rules_option
def explain(target: str, paths: tuple[str, ...], claims_dir: str | None, suppressions: str | None, rules: tuple[str, ...]) -> None:
    """Every step from the words in an article to the verdict, for a claim or a finding.

    ID is a claim id (article:hash) or a finding id (F- and its fingerprint, or a unique start of
    it), as `factcheck run --format json` and the HTML report show them. The run is the one
    `factcheck run PATHS` would make.
    """
    from factcheck.explain import explain as explain_target
    from factcheck.rules import load_rules

    result, rule_dirs, vocabulary = _checked(paths, claims_dir, rules, _suppressions_file(suppressions))
    click.echo(explain_target(target, result, load_rules(rule_dirs), vocabulary), nl=False)


def _checked(paths: tuple[str, ...], claims_dir: str | None, rules: tuple[str, ...], suppressions: str | None) -> tuple[Any, list[str], Any]:
    """The run `factcheck run` would make (documents that cannot be read reported on stderr),
    with the rule directories and vocabulary it used."""
    from factcheck.run import check, refused

    config = _config()
    targets = list(paths) or [config.resolve(p) for p in config.paths]
    rule_dirs = _rule_dirs(rules)
    vocabulary = _vocabulary(tuple(rule_dirs))
    # The configured jobs and cache, as `factcheck run` uses them.
    extraction = _extraction_settings(None, None, False)
    result, errors = check(targets, claims_dir or config.resolve(config.claims), rule_dirs, vocabulary, suppressions, extraction=extraction)
    for error in errors:
        click.echo(f"{error}", err=True)
    if not result.articles and not errors:
        from factcheck.documents import no_documents

        raise no_documents(targets, " or claim file")
    if not result.articles or refused(errors):  # named above: a typo must not baseline or explain a part of the run
        sys.exit(exitcodes.USER_ERROR)
    return result, rule_dirs, vocabulary


@cli.group()
def rules() -> None:
    """List, explain and test the check rules; write the JSON Schema of rule files."""


@rules.command("list")
@_rules_option
def rules_list(rules: tuple[str, ...]) -> None:
    """Each rule: id, check kind, severity, description and the file that defines it."""
    from factcheck.rules import load_rules

    for loaded in load_rules(_rule_dirs(rules)):
        click.echo(printable(f"{loaded.id}  [{loaded.check}, {loaded.rule.severity}]  {loaded.rule.description}  ({loaded.path})"))


@rules.command("explain")
@click.argument("rule_id", metavar="ID")
@_rules_option
def rules_explain(rule_id: str, rules: tuple[str, ...]) -> None:
    """A rule in full: description, severity, options, examples and the file that defines it."""
    from factcheck.rule_docs import explain_rule
    from factcheck.rules import load_rules

    loaded = load_rules(_rule_dirs(rules))
    by_id = {rule.id: rule for rule in loaded}
    if rule_id not in by_id:
        raise click.BadParameter(f"expected a rule id ({', '.join(sorted(by_id))}), found '{rule_id}'", param_hint="ID")
    click.echo(explain_rule(by_id[rule_id]), nl=False)


@rules.command("schema")
@click.option("--out", "out_dir", metavar="DIR", help="Write one NAME.schema.json per file kind into DIR (default: print the rule-file schema).")
@click.option("--check", is_flag=True, help="With --out: exit 1 when a schema file there is missing or out of date.")
@click.argument("name", required=False, type=click.Choice(["rule", "qualifiers", "units", "metrics", "sources", "suppressions"]))
def rules_schema(out_dir: str | None, check: bool, name: str | None) -> None:
    """The JSON Schema of rule, vocabulary and suppressions files, for editors and validators.

    Put `# yaml-language-server: $schema=PATH` at the top of a YAML file to get completion and
    checking in editors with the YAML language server (VS Code, Neovim, ...).
    """
    from factcheck.rule_docs import SCHEMAS, schema_text

    if out_dir is None:
        if check:
            raise click.BadParameter("expected --out DIR with --check, found none", param_hint="--check")
        click.echo(schema_text(name or "rule"), nl=False)
        return
    import os

    from factcheck.claimfile import write_atomically

    stale = []
    for kind in [name] if name else sorted(SCHEMAS):
        path = os.path.join(out_dir, f"{kind}.schema.json")
        text = schema_text(kind)
        if check:
            from factcheck.limits import SETTINGS_BYTES, read_capped

            try:  # as open() in text mode reads it
                current: str | None = read_capped(path, SETTINGS_BYTES).decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            except (UserError, UnicodeDecodeError):  # missing, not a regular file, too large: `--out` rewrites it
                current = None
            if current != text:
                stale.append(path)
                click.echo(printable(f"{path}: {'missing' if current is None else 'out of date'}: run `factcheck rules schema --out {out_dir}`"), err=True)
        else:
            write_atomically(path, text)
    sys.exit(exitcodes.FINDINGS if stale else exitcodes.OK)


@rules.command("test")
@click.argument("ids", nargs=-1)
@_rules_option
def rules_test(ids: tuple[str, ...], rules: tuple[str, ...]) -> None:
    """Run the examples of the rules (all, or the IDS given); exit 1 when one fails.

    Rules without examples are listed: an untested rule is a rule nobody knows works.
    """
    from factcheck.rule_examples import run_examples
    from factcheck.rules import load_rules

    directories = _rule_dirs(rules)
    loaded = load_rules(directories)
    known = {rule.id for rule in loaded}
    for unknown in sorted(set(ids) - known):
        raise click.BadParameter(f"expected a rule id ({', '.join(sorted(known))}), found '{unknown}'", param_hint="IDS")
    vocabulary = _vocabulary(tuple(directories))
    failed = untested = 0
    for rule in loaded:
        if ids and rule.id not in ids:
            continue
        results = run_examples(rule, vocabulary)
        if not results:
            untested += 1
            click.echo(f"none  {rule.id}: no examples")
        for result in results:
            click.echo(result.describe())
            failed += not result.ok
    click.echo(f"{failed} failed, {untested} rules without examples", err=True)
    sys.exit(exitcodes.FINDINGS if failed else exitcodes.OK)


def _suppressions_file(option: str | None) -> str | None:
    """The suppressions file to apply: one given must exist; the configured one may be absent."""
    import os

    if option is None:
        config = _config()
        return config.resolve(config.suppressions) if config.suppressions else None
    if option and not os.path.isfile(option):
        raise UserError("expected a suppressions file, found no such file", option)
    return option or None


def _extraction_settings(jobs: int | None, cache_dir: str | None, no_cache: bool) -> Any:
    """Processes and cache directory for extraction, from the options, else the configuration."""
    from factcheck.batch import ExtractionSettings

    if no_cache and cache_dir:
        raise click.BadParameter(f"expected --cache DIR or --no-cache, found both (--cache {cache_dir})", param_hint="--no-cache")
    config = _config()
    cache = None if no_cache else cache_dir or (config.resolve(config.cache) if config.cache else None)
    return ExtractionSettings(jobs=config.jobs if jobs is None else jobs, cache=cache, limits=config.limits())


def _rule_dirs(rules: tuple[str, ...]) -> list[str]:
    if rules:
        return list(rules)
    config = _config()
    return [config.resolve(r) for r in config.rules]


@lru_cache(maxsize=1)
def _config() -> Any:
    """The configuration of the working directory, read once per command."""
    from factcheck.config import load_config

    return load_config(".")


def _vocabulary(rules: tuple[str, ...]) -> Any:
    from factcheck.vocabulary import load_vocabulary

    return load_vocabulary(_rule_dirs(rules))


def main() -> None:
    """Entry point: expected errors become a message and exit code, never a traceback; anything
    else is a crash, reported in a few lines with its own exit code (1 would read as findings)."""
    from factcheck import crash

    try:
        try:
            cli.main(standalone_mode=False)
            code: object = exitcodes.OK
        except SystemExit as exc:
            code = exc.code
        # A full disk on standard output shows here, at the last flush, while we can still say so.
        sys.stdout.flush()
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("interrupted", err=True)
        code = exitcodes.INTERRUPTED
    except click.ClickException as exc:
        exc.show()
        code = exitcodes.USER_ERROR
    except UserError as exc:
        click.echo(f"{exc}", err=True)
        code = exitcodes.USER_ERROR
    except BrokenPipeError:
        code = exitcodes.OK  # `factcheck run | head`: the reader has what it wanted
    except OSError as exc:
        if exc.filename is None and crash.stdout_writable():
            click.echo(crash.crash_report(exc), err=True)  # not the system refusing a file: a bug
            code = exitcodes.CRASH
        else:
            click.echo(printable(crash.system_error(exc)), err=True)
            code = exitcodes.USER_ERROR
    except Exception as exc:  # the last resort: a bug in factcheck
        click.echo(crash.crash_report(exc), err=True)
        code = exitcodes.CRASH
    crash.release_stdout()
    sys.exit(code if isinstance(code, int) else exitcodes.OK if code is None else exitcodes.USER_ERROR)
