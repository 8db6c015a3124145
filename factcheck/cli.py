"""The command line. Heavy modules are imported inside the commands so that --help starts fast."""

from __future__ import annotations

import json
import sys
from datetime import datetime
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


def _config() -> Any:
    from factcheck.config import load_config

    return load_config(".")


def _vocabulary(rules: tuple[str, ...]) -> Any:
    from factcheck.vocabulary import load_vocabulary

    directories = list(rules)
    if not directories:
        config = _config()
        directories = [config.resolve(r) for r in config.rules]
    return load_vocabulary(directories)


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

