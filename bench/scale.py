"""Scale: ``factcheck run`` over 10,000 generated articles, cold, warm, and warm after editing one.

The corpus is ``bench/synthetic.py``'s (``--scale-articles``, seed 1) in ``bench/out/scale/``,
written afresh each time; the extraction cache starts empty. Three runs, each a fresh process
timed by the wall clock: cold (every document read and extracted, with ``--jobs``), warm with
nothing changed, and warm after appending one sentence to one article. Each prints the text
report (the CI default; to /dev/null) and no HTML; the number of documents extracted is read from the run's
``note: N documents: X extracted, Y from the extraction cache`` line (a cold run prints none: all
of them were extracted). The goal (issue 6): the warm run after the edit extracts that one only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import time

from bench import REPO_ROOT, RULES_DIR, Outcome
from bench.startup import factcheck_command
from bench.synthetic import write_corpus

SUMMARY = "factcheck run on 10,000 generated articles: cold, warm, warm after editing one"
ARTICLES = 10_000
QUICK_ARTICLES = 1_000
JOBS = 2
OUT_DIR = REPO_ROOT / "bench" / "out" / "scale"
NOTE = re.compile(r"note: ([\d,]+) documents: ([\d,]+) extracted, ([\d,]+) from the extraction cache")


def add_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--scale-articles", type=int, default=None, metavar="N", help=f"articles to generate (default {ARTICLES:,}, {QUICK_ARTICLES:,} with --quick)")
    group.add_argument("--scale-jobs", type=int, default=JOBS, metavar="N", help=f"--jobs of the runs (default {JOBS})")


def code_digest() -> str:
    """The part of the cache key that changes when factcheck's code does, in a fresh process."""
    code = "from factcheck.extraction_cache import source_digest; print(source_digest())"
    return subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout


def timed_run(articles_dir: str, cache_dir: str, jobs: int) -> tuple[float, int | None, str]:
    """Seconds, documents extracted (None when the run printed no note) and the run's stderr."""
    command = [
        *factcheck_command(), "run", articles_dir, "--rules", str(RULES_DIR), "--claims", "none",
        "--format", "text", "--html", "", "--cache", cache_dir, "--jobs", str(jobs),
    ]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"scale benchmark: factcheck run failed ({result.returncode}):\n{result.stderr}")
    note = NOTE.search(result.stderr)
    return seconds, int(note.group(2).replace(",", "")) if note else None, result.stderr


def run(args: argparse.Namespace) -> list[Outcome]:
    count = args.scale_articles or (QUICK_ARTICLES if args.quick else ARTICLES)
    articles_dir, cache_dir = OUT_DIR / "articles", OUT_DIR / "cache"
    shutil.rmtree(OUT_DIR, ignore_errors=True)
    start = time.perf_counter()
    stats = write_corpus(articles_dir, count, seed=1)
    print(f"corpus:    {stats.articles:,} articles, {stats.nbytes / 1e6:.1f} MB, {stats.conflicts:,} planted conflicts,"
          f" written in {time.perf_counter() - start:.1f} s to {articles_dir}")
    print(f"method:    factcheck run --jobs {args.scale_jobs} --cache {cache_dir}, wall clock of one fresh process each")
    print()
    code_before = code_digest()
    cold_s, _, _ = timed_run(str(articles_dir), str(cache_dir), args.scale_jobs)
    warm_s, warm_extracted, _ = timed_run(str(articles_dir), str(cache_dir), args.scale_jobs)
    edited = sorted(articles_dir.iterdir())[count // 2]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nIn 2016, 4,321 people were arrested for bribery.\n")
    edit_s, edit_extracted, _ = timed_run(str(articles_dir), str(cache_dir), args.scale_jobs)
    print(f"{'run':<34}  {'seconds':>8}  {'MB/s':>6}  extracted")
    for name, seconds, extracted in [
        ("cold (empty cache)", cold_s, "all"),
        ("warm, nothing changed", warm_s, warm_extracted),
        (f"warm, {edited.name} edited", edit_s, edit_extracted),
    ]:
        print(f"{name:<34}  {seconds:>8.2f}  {stats.nbytes / 1e6 / seconds:>6.2f}  {extracted}")
    if code_digest() != code_before:
        print("factcheck's source files changed during these runs (someone edited them), which rightly starts a new")
        print("extraction cache: the warm runs were cold. Run the benchmark again: python -m bench --only scale")
    print()
    print(f"goal: the warm run after the edit extracts only that article: {edit_extracted} extracted  {'PASS' if edit_extracted == 1 else 'MISS'}")
    sys.stdout.flush()
    return [
        Outcome(f"{count:,} articles ({stats.nbytes / 1e6:.0f} MB): cold run, --jobs {args.scale_jobs}", f"{cold_s:.1f} s"),
        Outcome(f"{count:,} articles: warm run, nothing changed", f"{warm_s:.1f} s"),
        Outcome(f"{count:,} articles: warm run after editing one extracts only it", f"{edit_s:.1f} s, {edit_extracted} extracted", edit_extracted == 1),
    ]
