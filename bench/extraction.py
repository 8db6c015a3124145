"""Extraction throughput: factcheck's ClaimExtractor against quantulum3 on the seed articles.

Budget (DESIGN.md "Budgets"): at least 1 MB/s of article text on one core, and at least 100x
quantulum3. MB means 10^6 bytes of UTF-8 text. Everything runs in this one process.

- The corpus is the five seed articles' text (``read_document(...).text``) joined by blank lines,
  that "pass" repeated (joined by blank lines) until it is at least ``--size-mb``.
- factcheck: the vocabulary is loaded from rules/ once, untimed; then
  ``ClaimExtractor(vocab).extract(text_article(corpus, published=2024-03-12))`` is timed on the
  whole corpus, best of ``--repeat`` runs.
- quantulum3 is far slower, so it is timed on a prefix of the corpus (``--quantulum-kb``, never
  less than one full pass of the seeds) parsed as one string. Its first call loads its models;
  that is done on a short string beforehand and reported separately, not counted.
- quantulum3's cost grows faster than linearly with the length of the string it is given, so the
  prefix figure depends on the prefix size. Both tools are therefore also timed article by
  article (each seed article parsed on its own, as ``factcheck extract`` does with files), and
  the ratio is given both ways.
- ``--jobs N`` (default 2): the article-by-article corpus again through ``extract_articles`` with
  N processes, as ``factcheck run --jobs N`` extracts, process start-up included; its MB/s, the
  speed-up over one process, and whether the claims are identical to one process's.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from bench import RULES_DIR, SEEDS_DIR, BenchSetupError, Outcome

SUMMARY = "claim extraction throughput, factcheck vs quantulum3"

PUBLISHED = date(2024, 3, 12)
SIZE_MB = 1.0
QUICK_SIZE_MB = 0.2
QUANTULUM_KB = 50.0
QUICK_QUANTULUM_KB = 0.0  # i.e. exactly one pass of the seeds
REPEAT = 3
JOBS = 2
GOAL_MB_PER_S = 1.0
GOAL_RATIO = 100.0
SEPARATOR = "\n\n"

T = TypeVar("T")


def add_arguments(group: Any) -> None:
    group.add_argument(
        "--size-mb",
        type=float,
        default=None,
        metavar="MB",
        help=f"corpus size for factcheck, in 10^6 bytes (default {SIZE_MB}, {QUICK_SIZE_MB} with --quick)",
    )
    group.add_argument(
        "--quantulum-kb",
        type=float,
        default=None,
        metavar="KB",
        help=f"prefix of the corpus given to quantulum3, in 10^3 bytes, at least one pass of the seeds "
        f"(default {QUANTULUM_KB:g}; one pass with --quick)",
    )
    group.add_argument(
        "--repeat",
        type=int,
        default=REPEAT,
        metavar="N",
        help=f"report the best of N runs (default {REPEAT}; quantulum3 runs once with --quick)",
    )
    group.add_argument("--jobs", type=int, default=JOBS, metavar="N", help=f"processes for the parallel row (default {JOBS})")
    group.add_argument("--no-quantulum", action="store_true", help="skip quantulum3")
    group.add_argument("--no-stages", action="store_true", help="skip the per-stage profile")


@dataclass(frozen=True)
class Row:
    name: str
    nbytes: int
    seconds: float
    found: int
    what: str

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / self.seconds / 1e6


def best_of(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    best = math.inf
    result: T
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


# -- input --------------------------------------------------------------------------------------


def load_seeds() -> list[str]:
    from factcheck.documents import read_document
    from factcheck.errors import DocumentError

    if not SEEDS_DIR.is_dir():
        raise BenchSetupError(f"expected the seed articles in {SEEDS_DIR}, found no such directory")
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    if not paths:
        raise BenchSetupError(f"expected seed articles (*.txt) in {SEEDS_DIR}, found none")
    texts = []
    for path in paths:
        try:
            texts.append(read_document(str(path)).text)
        except DocumentError as exc:
            raise BenchSetupError(f"cannot read seed article {path}: {exc}") from None
    return texts


def build_corpus(one_pass: str, size_bytes: int) -> tuple[str, int]:
    """``one_pass`` repeated, joined by blank lines, until at least ``size_bytes``; and the count."""
    pass_bytes, sep_bytes = nbytes(one_pass), nbytes(SEPARATOR)
    passes = max(1, math.ceil((size_bytes + sep_bytes) / (pass_bytes + sep_bytes)))
    return SEPARATOR.join([one_pass] * passes), passes


def prefix(text: str, limit: int) -> str:
    """At most ``limit`` bytes from the start of ``text``, not cutting a word in two."""
    if nbytes(text) <= limit:
        return text
    cut = text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    if not text[len(cut)].isspace():
        space = max(cut.rfind(" "), cut.rfind("\n"))
        if space > 0:
            cut = cut[:space]
    return cut.rstrip()


# -- quantulum3 ---------------------------------------------------------------------------------


@contextlib.contextmanager
def quiet_quantulum() -> Iterator[None]:
    """Hide quantulum3's UserWarning that its optional classifier is not installed."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Classifier", category=UserWarning)
        warnings.filterwarnings("ignore", category=UserWarning, module=r"quantulum3")
        yield


def import_quantulum() -> Any | None:
    with quiet_quantulum():
        try:
            from quantulum3 import parser
        except ImportError:
            return None
    return parser


# -- the benchmark ------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> list[Outcome]:
    from factcheck.batch import ExtractionSettings, extract_articles
    from factcheck.casefold import fold
    from factcheck.commands import text_article
    from factcheck.extract import ClaimExtractor
    from factcheck.extract.numbers import find_numbers
    from factcheck.extract.periods import find_time_mentions
    from factcheck.extract.sentences import split_sentences
    from factcheck.extract.sources import find_sources
    from factcheck.vocabulary import load_vocabulary

    size_mb = args.size_mb if args.size_mb is not None else (QUICK_SIZE_MB if args.quick else SIZE_MB)
    quantulum_kb = args.quantulum_kb if args.quantulum_kb is not None else (QUICK_QUANTULUM_KB if args.quick else QUANTULUM_KB)
    repeat = max(1, args.repeat)
    q_repeat = 1 if args.quick else repeat

    texts = load_seeds()
    one_pass = SEPARATOR.join(texts)
    pass_bytes = nbytes(one_pass)
    corpus, passes = build_corpus(one_pass, round(size_mb * 1e6))
    corpus_bytes = nbytes(corpus)
    vocab = load_vocabulary([str(RULES_DIR)])  # once, not timed

    print(f"corpus:    {len(texts)} seed articles from {SEEDS_DIR}")
    print(f"           one pass {pass_bytes:,} bytes, x{passes} -> {corpus_bytes:,} bytes (target {size_mb:g} MB)")
    print(f"method:    single process, time.perf_counter(), best of {repeat} (quantulum3: best of {q_repeat});")
    print("           vocabulary loaded once from rules/, not timed; published date 2024-03-12")

    def factcheck_whole() -> int:
        return len(ClaimExtractor(vocab).extract(text_article(corpus, published=PUBLISHED)))

    def factcheck_articles() -> int:
        extractor = ClaimExtractor(vocab)
        found = 0
        for _ in range(passes):
            for i, text in enumerate(texts):
                found += len(extractor.extract(text_article(text, published=PUBLISHED, article_id=f"seed{i}")))
        return found

    rows: list[Row] = []
    seconds, found = best_of(repeat, factcheck_whole)
    fc_whole = Row("factcheck, whole corpus as one text", corpus_bytes, seconds, found, "claims")
    rows.append(fc_whole)
    articles_bytes = passes * sum(nbytes(t) for t in texts)
    seconds, found = best_of(repeat, factcheck_articles)
    fc_articles = Row(f"factcheck, article by article ({passes * len(texts)} articles)", articles_bytes, seconds, found, "claims")
    rows.append(fc_articles)
    articles = [text_article(text, published=PUBLISHED, article_id=f"seed{n}-{i}") for n in range(passes) for i, text in enumerate(texts)]
    seconds, parallel = best_of(repeat, lambda: extract_articles(articles, vocab, ExtractionSettings(jobs=args.jobs)))
    identical = repr(parallel) == repr(extract_articles(articles, vocab, ExtractionSettings(jobs=1)))
    fc_jobs = Row(f"factcheck --jobs {args.jobs}, article by article", articles_bytes, seconds, sum(map(len, parallel)), "claims")
    rows.append(fc_jobs)

    q_prefix: Row | None = None
    q_articles: Row | None = None
    q_load: float | None = None
    parser = None if args.no_quantulum else import_quantulum()
    if parser is not None:
        with quiet_quantulum():
            start = time.perf_counter()
            parser.parse("Exports rose 5% to $3 billion in 2023.")  # loads its models; not counted
            q_load = time.perf_counter() - start
            sample = prefix(corpus, max(round(quantulum_kb * 1e3), pass_bytes))
            seconds, found = best_of(q_repeat, lambda: len(parser.parse(sample)))
            q_prefix = Row("quantulum3, corpus prefix as one text (*)", nbytes(sample), seconds, found, "quantities")
            seconds, found = best_of(q_repeat, lambda: sum(len(parser.parse(t)) for t in texts))
            q_articles = Row(f"quantulum3, article by article ({len(texts)} articles)", sum(nbytes(t) for t in texts), seconds, found, "quantities")
        rows += [q_prefix, q_articles]

    print()
    name_w = max(len(r.name) for r in rows)
    print(f"{'name':<{name_w}}  {'bytes':>11}  {'seconds':>9}  {'MB/s':>9}  found")
    for r in rows:
        print(f"{r.name:<{name_w}}  {r.nbytes:>11,}  {r.seconds:>9.3f}  {r.mb_per_s:>9.4f}  {r.found:,} {r.what}")
    if q_prefix is not None:
        print(f"(*) quantulum3 measured on a prefix only: the first {q_prefix.nbytes:,} bytes of the corpus"
              f" ({q_prefix.nbytes / pass_bytes:.2f} passes of the seeds)")
        print(f"    quantulum3's first call (loading its models) took {q_load:.3f} s, not counted above")
    elif args.no_quantulum:
        print("quantulum3 skipped (--no-quantulum)")
    else:
        print("quantulum3 not installed: pip install -e '.[bench]'")

    if not args.no_stages:
        stages: list[tuple[str, Callable[[], object]]] = [
            ("text_article (sha256, source map)", lambda: text_article(corpus, published=PUBLISHED)),
            ("find_time_mentions", lambda: find_time_mentions(corpus)),
            ("find_sources", lambda: find_sources(corpus, fold(corpus), vocab)),
            ("split_sentences", lambda: split_sentences(corpus)),
            ("find_numbers", lambda: list(find_numbers(corpus))),
        ]
        timed = [(label, best_of(repeat, fn)[0]) for label, fn in stages]
        rest = fc_whole.seconds - sum(s for _, s in timed)
        timed.append(("rest: per-sentence drafts and claims", rest))
        print()
        print(f"stages over the whole corpus, each timed alone (best of {repeat}); share of factcheck's {fc_whole.seconds:.3f} s:")
        label_w = max(len(label) for label, _ in timed)
        for label, s in timed:
            print(f"  {label:<{label_w}}  {s:>8.3f} s  {100 * s / fc_whole.seconds:>5.1f}%")

    print()
    speedup = fc_jobs.mb_per_s / fc_articles.mb_per_s
    print(f"--jobs {args.jobs}: {speedup:.2f}x one process, article by article (process start-up included);"
          f" claims identical to one process: {'yes' if identical else 'NO'}")
    goals = [
        Outcome(f"extraction at least {GOAL_MB_PER_S:g} MB/s on one core (whole corpus)", f"{fc_whole.mb_per_s:.3f} MB/s", fc_whole.mb_per_s >= GOAL_MB_PER_S),
        Outcome(f"extraction with --jobs {args.jobs} (article by article)", f"{fc_jobs.mb_per_s:.3f} MB/s, {speedup:.2f}x"),
        Outcome(f"--jobs {args.jobs} claims identical to one process", "yes" if identical else "no", identical),
    ]
    if q_prefix is not None and q_articles is not None:
        ratio_prefix = fc_whole.mb_per_s / q_prefix.mb_per_s
        ratio_articles = fc_articles.mb_per_s / q_articles.mb_per_s
        print(f"ratio factcheck / quantulum3 MB/s, whole corpus vs prefix (*):  {ratio_prefix:,.1f}x")
        print(f"ratio factcheck / quantulum3 MB/s, article by article:          {ratio_articles:,.1f}x")
        goals.append(Outcome(f"at least {GOAL_RATIO:g}x quantulum3 (vs prefix)", f"{ratio_prefix:,.1f}x", ratio_prefix >= GOAL_RATIO))
        goals.append(Outcome(f"at least {GOAL_RATIO:g}x quantulum3 (article by article)", f"{ratio_articles:,.1f}x", ratio_articles >= GOAL_RATIO))
    print()
    goal_w = max(len(g.what) for g in goals)
    for goal in goals:
        print(f"goal: {goal.what:<{goal_w}}  {goal.measured:>18}  {goal.verdict}")
    return goals
