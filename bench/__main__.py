"""Entry point: ``python -m bench [NAME ...] [--only NAME] [--quick] [options]``.

A small registry of named benchmarks. Each registers its own options and a ``run`` function
that prints its section and returns its outcomes; setup problems raise ``BenchSetupError``. The
output ends in a summary of every outcome, a Markdown table (the README's "Performance" table).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from importlib import metadata

from bench import BenchSetupError, Outcome, accuracy, engine, extraction, robustness, scale, startup


@dataclass(frozen=True)
class Benchmark:
    name: str
    summary: str
    add_arguments: Callable[[Any], None]  # gets an argparse argument group
    run: Callable[[argparse.Namespace], list[Outcome]]
    in_default: bool = True  # False: only with --only NAME (it takes long)


BENCHMARKS: dict[str, Benchmark] = {
    b.name: b
    for b in [
        Benchmark("extraction", extraction.SUMMARY, extraction.add_arguments, extraction.run),
        Benchmark("engine", engine.SUMMARY, engine.add_arguments, engine.run),
        Benchmark("startup", startup.SUMMARY, startup.add_arguments, startup.run),
        Benchmark("scale", scale.SUMMARY, scale.add_arguments, scale.run),
        Benchmark("accuracy", accuracy.SUMMARY, accuracy.add_arguments, accuracy.run),
        # About 13 minutes (fuzzing and a 50 MB article): python -m bench --only robustness.
        Benchmark("robustness", robustness.SUMMARY, robustness.add_arguments, robustness.run, in_default=False),
    ]
}


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_line() -> str:
    cpu = _cpu_model()
    return f"{cpu or 'unknown CPU'}, {os.cpu_count()} logical CPUs, {platform.python_implementation()} {platform.python_version()}, {platform.system()}"


def print_machine() -> None:
    print(f"machine:   {platform.platform()}")
    cpu = _cpu_model()
    print(f"cpu:       {os.cpu_count()} logical CPUs" + (f", {cpu}" if cpu else ""))
    print(f"python:    {platform.python_implementation()} {platform.python_version()}")
    print(f"packages:  factcheck {_version('factcheck')}, quantulum3 {_version('quantulum3')}")


def print_summary(outcomes: list[tuple[str, Outcome]]) -> None:
    print()
    print("== summary ==")
    print(f"Measured on: {machine_line()}.")
    print()
    print("| benchmark | goal or figure | measured | |")
    print("|---|---|---|---|")
    for name, outcome in outcomes:
        print(f"| {name} | {outcome.what} | {outcome.measured} | {outcome.verdict} |")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Run factcheck's benchmarks.")
    parser.add_argument(
        "--only",
        action="append",
        choices=sorted(BENCHMARKS),
        metavar="NAME",
        help=f"run only this benchmark (repeatable); one of: {', '.join(BENCHMARKS)} (robustness, about 13 minutes, runs only when named)",
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="run only these benchmarks (as --only): python -m bench accuracy")
    parser.add_argument("--quick", action="store_true", help="smaller inputs and fewer runs, for a fast look")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    for bench in BENCHMARKS.values():
        bench.add_arguments(parser.add_argument_group(f"{bench.name} benchmark"))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"expected a benchmark name ({', '.join(BENCHMARKS)}), found '{unknown[0]}'")
    args.only = (args.only or []) + args.names or None
    if args.list:
        for bench in BENCHMARKS.values():
            print(f"{bench.name:<12} {bench.summary}")
        return 0
    selected = [b for name, b in BENCHMARKS.items() if (name in args.only if args.only else b.in_default)]
    print_machine()
    print(f"mode:      {'quick' if args.quick else 'full'}")
    outcomes: list[tuple[str, Outcome]] = []
    for bench in selected:
        print()
        print(f"== {bench.name}: {bench.summary} ==")
        sys.stdout.flush()
        try:
            outcomes += [(bench.name, outcome) for outcome in bench.run(args)]
        except BenchSetupError as exc:
            sys.stdout.flush()
            print(f"python -m bench: {bench.name}: {exc}", file=sys.stderr)
            return 2
    print_summary(outcomes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
