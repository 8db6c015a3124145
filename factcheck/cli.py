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


def _rules_option(function: Any) -> Any:
    return click.option(
        "--rules",
        "rules",
        multiple=True,
        metavar="DIR",
        help="Rule directory (repeatable). Default: `rules` from [tool.factcheck], else ./rules.",
    )(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="factcheck")
def cli() -> None:
    """Extract the numeric claims of articles, normalise them and cross-check them with YAML rules.

    Exit codes: 0 clean, 1 findings (or stale claim files with `extract --check`), 2 bad input.
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
            click.echo(json.dumps(result, ensure_ascii=False, sort_keys=False))
        return
    claims = parse_text(text, vocabulary, day)
    if output_format == "json":
        click.echo(json.dumps({"input": text, "claims": [c.to_json() for c in claims]}, ensure_ascii=False, indent=2))
    else:
        click.echo(render_claims_text(claims), nl=False)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["json", "yaml"]), default="json", show_default=True, help="Format on standard output (without --out).")
@click.option("--out", "out_dir", metavar="DIR", help="Write one claim file per article into DIR (e.g. claims/).")
@click.option("--check", is_flag=True, help="Exit 1 when a claim file in --out (default: `claims` from config) is missing, stale or out of date.")
@click.option("--strict", is_flag=True, help="Exit 2 when a document cannot be read (default: report it and go on).")
@_rules_option
def extract(paths: tuple[str, ...], output_format: str, out_dir: str | None, check: bool, strict: bool, rules: tuple[str, ...]) -> None:
    """Extract the claims of documents (.txt, .md, .html) in PATHS (default: `paths` from config)."""
    from factcheck.commands import extract_command

    config = _config()
    targets = list(paths) or [config.resolve(p) for p in config.paths]
    vocabulary = _vocabulary(rules)
    if check and out_dir is None:
        out_dir = config.resolve(config.claims)
    code = extract_command(targets, vocabulary, output_format, out_dir, check, strict)
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
@_rules_option
def run(paths: tuple[str, ...], output_format: str | None, output: str | None, reports: tuple[str, ...], html: str | None, fail_on: str | None, claims_dir: str | None, strict: bool, rules: tuple[str, ...]) -> None:
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
    code = run_command(targets, claims_dir or config.resolve(config.claims), rule_dirs, _vocabulary(tuple(rule_dirs)), outputs, fail_on or config.fail_on, strict)
    sys.exit(code)


@cli.group()
def rules() -> None:
    """List the check rules and run the examples inside them."""


@rules.command("list")
@_rules_option
def rules_list(rules: tuple[str, ...]) -> None:
    """Each rule: id, check kind, severity, description and the file that defines it."""
    from factcheck.rules import load_rules

    for loaded in load_rules(_rule_dirs(rules)):
        click.echo(f"{loaded.id}  [{loaded.check}, {loaded.rule.severity}]  {loaded.rule.description}  ({loaded.path})")


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
    """Entry point: expected errors become a message and exit code, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        sys.exit(exitcodes.INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(exitcodes.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exitcodes.USER_ERROR)
    except UserError as exc:
        click.echo(f"{exc}", err=True)
        sys.exit(exitcodes.USER_ERROR)
    except BrokenPipeError:
        sys.exit(exitcodes.OK)
    sys.exit(exitcodes.OK)

