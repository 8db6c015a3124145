"""Robustness: inputs that once cost cubic time, a long fuzz run over every input path, a 50 MB
article, and inputs built to be slow.

    .venv/bin/python -m bench.robustness [--fuzz-inputs N] [--fuzz-seed S] [--article-mb MB] [--quick]

Fuzz: real inputs (the bundled articles and the seed articles, the shipped rule and vocabulary
files, the bundled claim files) mutated at random (pieces of YAML, markup and control characters
inserted, spans cut, copied or truncated; articles re-encoded in UTF-16, windows-1252 or latin-1;
one input in ten random bytes) and fed to what reads them: the three document readers, the
extractor (on every mutated article that reads), the check rule loader, the vocabulary loader and
the claim file reader. Each input must give a result or the input's own error (a UserError that
names the file); anything else is a crash, printed with its input saved to bench/out/robustness/.
The slowest input of each target is printed too: a hang shows there.

Cubic inputs (issue 11), each read and extracted in this process and timed (wall and CPU), goal
under 2 s each, stopped past 30 s: one sentence of 400, 1,000 and 10,000 figures; an HTML table of
400 rows, a figure each; 1 MB of the bundled articles' text with its full stops dropped (0.25 MB
with --quick); and 1 MB without a full stop with a figure every 30 bytes, five times the claims of
news text (a figure, not a goal: linear, at the extractor's usual cost per claim).

Large article: one article of ``--article-mb`` MB (text, HTML and Markdown), made of the bundled
articles' body paragraphs, read and extracted in a fresh process each, which prints the seconds of
each stage and its peak memory (ru_maxrss); the text one is also checked with every shipped rule
(the claims are the same in every format). The check stage is where a 50 MB article spends its
time today: growth-matches-levels grows with the square of a fact's claims (reported).

Slow shapes: inputs built to hit super-linear code, each timed at two sizes. Markup the HTML parser
of older Pythons re-scans (CVE-2025-6069), a Markdown heading ending in a long run of blanks, many
claims in one sentence (each compared with every phrase of its sentence, now at most 2,000
characters) and many furniture lines between figures are linear now.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import REPO_ROOT, RULES_DIR, SEEDS_DIR, Outcome

SUMMARY = "fuzz every input path (inputs tried, crashes), a 50 MB article (time, peak memory), slow shapes"
FUZZ_INPUTS = 3000
QUICK_FUZZ_INPUTS = 300
ARTICLE_MB = 50
QUICK_ARTICLE_MB = 5
PER_INPUT_LIMIT_S = 30  # an input slower than this is a hang: reported as a crash
OUT_DIR = REPO_ROOT / "bench" / "out" / "robustness"

TOKENS = [
    "&a ", "*a", "&b [*a, *a, *a, *a]", "!!python/object/apply:os.system ['x']", "!!binary", "<<: *a", "{", "}", "[", "]",
    "- ", ": ", "? ", "|", ">-", "#", "'", '"', "\\", "\n", "\n  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "~", "null",
    "no", "1e400", "-.inf", ".nan", "0x1F", "1:30", "2024-02-30", "9" * 40, "\x00", "\x07", "\x1b[2J", "\u2028", "\ufeff",
    "é", "电信诈骗", "<!--", "-->", "<a b='", "</article>", "<article>", "<script>", "</script>", "&#x110000;", "&amp",
    "<![CDATA[", "<meta charset=gbk>", "<h1>", "more than", "51,000", "2.16 million", "40.8%", "last year", "of whom",
]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(text))
        edit = rng.random()
        if edit < 0.35:
            piece = rng.choice(TOKENS) if rng.random() < 0.8 else chr(rng.randint(0, 0x2FFF)) * rng.randint(1, 3)
            text = text[:at] + piece + text[at:]
        elif edit < 0.55:
            text = text[:at] + text[at + rng.randint(1, 80) :]
        elif edit < 0.8:
            start = rng.randint(0, len(text))
            text = text[:at] + text[start : start + rng.randint(1, 400)] + text[at:]
        elif edit < 0.9:
            text = text[:at]
        else:  # a run of one character: what super-linear code needs to show itself
            text = text[:at] + rng.choice(" \t<'#-,1a\n") * rng.randint(100, 5000) + text[at:]
    return text


def encode(rng: random.Random, text: str) -> bytes:
    if rng.random() < 0.1:
        return rng.randbytes(rng.randint(0, 3000))
    encoding = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
    return text.encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


@dataclass
class Tally:
    tried: int = 0
    rejected: int = 0  # the input's own error, with its file named
    crashes: list[tuple[str, bytes]] = field(default_factory=list)
    slowest: float = 0.0


class _TooSlow(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _TooSlow(f"no answer within {PER_INPUT_LIMIT_S} s")


def attempt(tally: Tally, data: bytes, call: Callable[[], Any], expected: tuple[type[BaseException], ...]) -> Any:
    tally.tried += 1
    start = time.perf_counter()
    signal.alarm(PER_INPUT_LIMIT_S)
    try:
        return call()
    except expected:
        tally.rejected += 1
        return None
    except Exception as exc:  # noqa: BLE001 - a crash is what this looks for
        tally.crashes.append((f"{type(exc).__name__}: {exc}"[:300], data))
        return None
    finally:
        signal.alarm(0)
        tally.slowest = max(tally.slowest, time.perf_counter() - start)


def fuzz(inputs: int, seed: int) -> dict[str, Tally]:
    from factcheck.claimfile import claim_from_record, parse_claim_file
    from factcheck.documents import READERS
    from factcheck.errors import DocumentError, RuleFileError, UserError
    from factcheck.extract import ClaimExtractor
    from factcheck.rules import load_rule
    from factcheck.vocabulary import load_vocabulary

    rng = random.Random(seed)
    articles = [(p.suffix, p.read_text(encoding="utf-8")) for p in sorted((REPO_ROOT / "articles").iterdir())]
    articles += [(".txt", p.read_text(encoding="utf-8-sig")) for p in sorted(SEEDS_DIR.glob("*.txt"))] if SEEDS_DIR.is_dir() else []
    rules = [p.read_text(encoding="utf-8") for p in sorted((RULES_DIR / "checks").glob("*.yaml"))]
    vocabularies = sorted((RULES_DIR / "vocabulary").glob("*.yaml"))
    claim_files = [p.read_text(encoding="utf-8") for p in sorted((REPO_ROOT / "claims").glob("*.yaml"))]
    extractor = ClaimExtractor(load_vocabulary([str(RULES_DIR)]))
    tallies = {name: Tally() for name in (".txt reader", ".md reader", ".html reader", "extractor", "check rules", "vocabulary", "claim files")}
    work = Path(tempfile.mkdtemp(prefix="factcheck-fuzz-"))
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for _ in range(inputs):
            suffix, text = rng.choice(articles)
            suffix = rng.choice([".txt", ".md", ".html"]) if rng.random() < 0.2 else suffix
            raw = encode(rng, mutate(rng, text))
            article = attempt(tallies[f"{suffix} reader"], raw, lambda: READERS[suffix](f"fuzz{suffix}", raw), (DocumentError,))
            if article is not None:
                attempt(tallies["extractor"], raw, lambda: extractor.extract(article), ())
            rule = mutate(rng, rng.choice(rules)).encode("utf-8", "surrogatepass")
            (work / "rule.yaml").write_bytes(rule)
            attempt(tallies["check rules"], rule, lambda: load_rule(str(work / "rule.yaml")), (RuleFileError,))
            claims = mutate(rng, rng.choice(claim_files))
            attempt(tallies["claim files"], claims.encode("utf-8", "surrogatepass"),
                    lambda: [claim_from_record(c, "x") for c in parse_claim_file(claims, "claims.yaml").claims], (UserError,))
            if rng.random() < 0.2:  # a vocabulary load compiles every phrase: fewer of these
                folder = work / "rules" / "vocabulary"
                shutil.rmtree(folder.parent, ignore_errors=True)
                shutil.copytree(RULES_DIR / "vocabulary", folder)
                target = folder / rng.choice(vocabularies).name
                vocabulary = mutate(rng, target.read_text(encoding="utf-8")).encode("utf-8", "surrogatepass")
                target.write_bytes(vocabulary)
                attempt(tallies["vocabulary"], vocabulary, lambda: load_vocabulary([str(work / "rules")]), (RuleFileError,))
    finally:
        signal.signal(signal.SIGALRM, previous)
        shutil.rmtree(work, ignore_errors=True)
    return tallies


_LARGE_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from factcheck.documents import read_document
    from factcheck.engine import run_checks
    from factcheck.extract import ClaimExtractor
    from factcheck.rules import load_rules
    from factcheck.vocabulary import load_vocabulary

    path, rules_dir, check = sys.argv[1], sys.argv[2], sys.argv[3] == "check"
    vocabulary, rules = load_vocabulary([rules_dir]), load_rules([rules_dir])
    start = time.perf_counter()
    article = read_document(path, max_bytes=10**12)  # past the article cap on purpose: how the code copes
    read = time.perf_counter()
    claims = ClaimExtractor(vocabulary).extract(article)
    extracted = time.perf_counter()
    findings = run_checks(claims, rules, vocabulary.parents) if check else []
    checked = time.perf_counter()
    print(json.dumps({"read_s": read - start, "extract_s": extracted - read, "check_s": checked - extracted,
                      "claims": len(claims), "findings": len(findings), "text_mb": len(article.text.encode()) / 1e6,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def large_article(megabytes: float, suffix: str, folder: Path) -> Path:
    """An article of about ``megabytes`` MB: the bundled articles' body paragraphs, over and over."""
    from factcheck.documents import read_document
    from factcheck.documents.text import is_furniture_line

    # Paragraphs of body text only: repeated datelines or copyright lines would make a listing page.
    paragraphs = [
        line.strip() for path in sorted((REPO_ROOT / "articles").iterdir()) for line in read_document(str(path)).text.split("\n")
        if len(line.split()) >= 8 and not is_furniture_line(line.strip()) and not line.lstrip().startswith(("#", "<", "|"))
    ]
    body: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for paragraph in paragraphs:
            body.append(paragraph)
            size += len(paragraph.encode()) + 2
    if suffix == ".html":
        content = "<html><head><title>Large</title></head><body><article><h1>Large</h1>\n" + "\n".join(f"<p>{p}</p>" for p in body) + "\n</article></body></html>\n"
    elif suffix == ".md":
        content = "---\ntitle: Large\ndate: 2024-03-12\n---\n# Large\n\n" + "\n\n".join(body) + "\n"
    else:
        content = "Large\nMarch 12, 2024\n\n" + "\n\n".join(body) + "\n"
    path = folder / f"large{suffix}"
    path.write_text(content, encoding="utf-8")
    return path


def measure_large(path: Path, check: bool) -> dict[str, float]:
    start = time.perf_counter()
    command = [sys.executable, "-c", _LARGE_CHILD, str(path), str(RULES_DIR), "check" if check else "no-check"]
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"robustness benchmark: the large article {path.name} failed:\n{result.stderr}")
    row: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    row["wall_s"] = time.perf_counter() - start
    return row


def slow_shapes(quick: bool) -> list[tuple[str, int, float, int, float]]:
    """(shape, small size, seconds, large size, seconds): four times the input should cost four times the time."""
    from factcheck.commands import text_article
    from factcheck.documents import READERS
    from factcheck.errors import DocumentError
    from factcheck.extract import ClaimExtractor
    from factcheck.vocabulary import load_vocabulary

    extractor = ClaimExtractor(load_vocabulary([str(RULES_DIR)]))

    def read(suffix: str, text: str) -> None:
        try:
            READERS[suffix](f"x{suffix}", text.encode())
        except DocumentError:
            pass

    sentence = "51,000 people were prosecuted for telecom fraud"

    def copyright_lines(n: int) -> Any:
        text = "".join(f"In 2023, {1000 + i} people were prosecuted for telecom fraud.\nCopyright 2024 Daily.\n" for i in range(n))
        return READERS[".txt"]("x.txt", text.encode())
    shapes: list[tuple[str, Callable[[int], object], int]] = [
        ("HTML: unclosed quoted attributes  <a b='  (n repeats)", lambda n: read(".html", "<p>7 cases</p>" + "<a b='" * n), 20_000),
        ("HTML: unclosed comments  <!--  (n repeats)", lambda n: read(".html", "<p>7 cases</p>" + "<!--" * n), 20_000),
        ("Markdown: heading ending in n blanks", lambda n: read(".md", "# x" + " \t" * n + "y\n"), 20_000),
        ("text: 'Read more' and n spaces", lambda n: read(".txt", "Read more" + " " * n + "x\n"), 20_000),
        ("extractor: n figures, each after a copyright line", lambda n: extractor.extract(copyright_lines(n)), 1000 if quick else 2000),
        ("extractor: n claims in one sentence", lambda n: extractor.extract(text_article("In 2023, " + ", ".join([sentence] * n) + ".", None)), 25 if quick else 50),
    ]
    rows = []
    for name, make, size in shapes:
        times = []
        for n in (size, 4 * size):
            start = time.perf_counter()
            make(n)
            times.append(time.perf_counter() - start)
        rows.append((name, size, times[0], 4 * size, times[1]))
    return rows


CUBIC_GOAL_S = 2.0


def figures_sentence(count: int) -> str:
    """One sentence of ``count`` figures, about 49 bytes each (1,000: 49 kB)."""
    return "In 2023, " + ", ".join(f"{51_000 + i:,} people were prosecuted for telecom fraud" for i in range(count)) + ".\n"


def table_page(rows: int) -> str:
    """An HTML page with a table of ``rows`` rows (400: about 26 kB), each a figure, a topic and an
    action, no full stops: read as text, a table is one sentence unless its rows are sentences of their own."""
    body = "".join(f"<tr><td>{i}</td><td>{1_000 + 7 * i:,} online fraud cases prosecuted</td></tr>" for i in range(rows))
    return "<html><body><article><h1>Fraud cases by region</h1><p>Telecom fraud cases prosecuted in 2023, by region.</p><table>" + body + "</table></article></body></html>\n"


def without_full_stops(megabytes: float) -> str:
    """News text with no full stop, about ``megabytes`` MB: the bundled articles' body paragraphs with
    every sentence end dropped, so that the whole text is one run of words and figures."""
    from factcheck.documents import read_document
    from factcheck.documents.text import is_furniture_line

    paragraphs = [
        line.strip().replace(". ", " ").rstrip(".") for path in sorted((REPO_ROOT / "articles").iterdir())
        for line in read_document(str(path)).text.split("\n")
        if len(line.split()) >= 8 and not is_furniture_line(line.strip()) and not line.lstrip().startswith(("#", "<", "|"))
    ]
    parts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for paragraph in paragraphs:
            parts.append(paragraph)
            size += len(paragraph) + 1
    return ("In 2023 " + " ".join(parts))[: int(megabytes * 1e6)]


def cubic_inputs(quick: bool) -> list[tuple[str, str, str, bool]]:
    """(name, file suffix, content, whether the 2 s goal applies) of the inputs that once cost cubic
    time (issue 11). The dense one has five times the claims of news text: a figure, not a goal."""
    inputs = [(f"one sentence, {n:,} figures", ".txt", figures_sentence(n), True) for n in (400, 1_000, 10_000)]
    inputs.append(("HTML table of 400 rows (a sentence without row breaks)", ".html", table_page(400), True))
    megabytes = 0.25 if quick else 1.0
    inputs.append((f"{megabytes:g} MB of news text, no full stop", ".txt", without_full_stops(megabytes), True))
    dense = "prosecutors charged 1,234 people with telecom fraud in 2023 while courts heard 789 cases, "
    text = (dense * int(megabytes * 1e6 // len(dense) + 1))[: int(megabytes * 1e6)]
    inputs.append((f"{megabytes:g} MB, no full stop, a figure every 30 bytes", ".txt", text, False))
    return inputs


def time_cubic(quick: bool) -> list[tuple[str, int, int, float | None, float, bool]]:
    """(name, bytes, claims, wall seconds or None past the per-input limit, CPU seconds, goal) per input."""
    from factcheck.documents import READERS
    from factcheck.extract import ClaimExtractor
    from factcheck.vocabulary import load_vocabulary

    extractor = ClaimExtractor(load_vocabulary([str(RULES_DIR)]))
    rows = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for name, suffix, content, goal in cubic_inputs(quick):
            raw = content.encode()
            start, cpu = time.perf_counter(), time.process_time()
            signal.alarm(PER_INPUT_LIMIT_S)
            try:
                claims = len(extractor.extract(READERS[suffix](f"cubic{suffix}", raw)))
                seconds: float | None = time.perf_counter() - start
            except _TooSlow:
                claims, seconds = 0, None
            finally:
                signal.alarm(0)
            rows.append((name, len(raw), claims, seconds, time.process_time() - cpu, goal))
    finally:
        signal.signal(signal.SIGALRM, previous)
    return rows


def cubic_outcomes(quick: bool) -> list[Outcome]:
    """Time the cubic inputs and print a table; one goal per input."""
    print(f"inputs that once cost cubic time: read and extracted in this process, goal under {CUBIC_GOAL_S:g} s each")
    print(f"{'input':<56} {'bytes':>10} {'claims':>7} {'wall s':>7} {'cpu s':>6}")
    outcomes = []
    for name, size, claims, seconds, cpu, goal in time_cubic(quick):
        shown = f"{seconds:>7.2f}" if seconds is not None else f">{PER_INPUT_LIMIT_S:>6}"
        print(f"{name:<56} {size:>10,} {claims:>7,} {shown} {cpu:>6.2f}")
        measured = f"{seconds:.2f} s ({claims:,} claims)" if seconds is not None else f"over {PER_INPUT_LIMIT_S} s (stopped)"
        if goal:
            outcomes.append(Outcome(f"{name}: read and extracted in under {CUBIC_GOAL_S:g} s", measured, seconds is not None and seconds < CUBIC_GOAL_S))
        else:
            outcomes.append(Outcome(f"{name}: read and extracted", measured))
    return outcomes


def add_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--fuzz-inputs", type=int, default=None, metavar="N", help=f"mutated documents, rule and claim files (default {FUZZ_INPUTS:,}, {QUICK_FUZZ_INPUTS:,} with --quick)")
    group.add_argument("--fuzz-seed", type=int, default=1, metavar="S", help="seed of the fuzz run (default 1): same seed, same inputs")
    group.add_argument("--article-mb", type=float, default=None, metavar="MB", help=f"size of the large article (default {ARTICLE_MB}, {QUICK_ARTICLE_MB} with --quick)")


def run(args: argparse.Namespace) -> list[Outcome]:
    inputs = args.fuzz_inputs or (QUICK_FUZZ_INPUTS if args.quick else FUZZ_INPUTS)
    outcomes: list[Outcome] = cubic_outcomes(args.quick)
    print()
    start = time.perf_counter()
    tallies = fuzz(inputs, args.fuzz_seed)
    print(f"fuzz: {inputs:,} rounds, seed {args.fuzz_seed}, {time.perf_counter() - start:.0f} s; a crash is any error other than the input's own")
    print(f"{'target':<14} {'tried':>7} {'rejected':>9} {'crashes':>8} {'slowest s':>10}")
    for name, tally in tallies.items():
        print(f"{name:<14} {tally.tried:>7,} {tally.rejected:>9,} {len(tally.crashes):>8} {tally.slowest:>10.2f}")
    tried = sum(t.tried for t in tallies.values())
    crashes = [(name, crash) for name, tally in tallies.items() for crash in tally.crashes]
    print(f"{'total':<14} {tried:>7,} {sum(t.rejected for t in tallies.values()):>9,} {len(crashes):>8}")
    if crashes:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        for number, (name, (what, data)) in enumerate(crashes[:20]):
            saved = OUT_DIR / f"crash-{number}.bin"
            saved.write_bytes(data)
            print(f"crash in {name}: {what} (input: {saved})")
    outcomes.append(Outcome(f"fuzz, {tried:,} inputs over 7 targets: crashes", f"{len(crashes)}", not crashes))
    slowest = max(tallies.items(), key=lambda item: item[1].slowest)
    outcomes.append(Outcome("fuzz: slowest single input", f"{slowest[1].slowest:.2f} s ({slowest[0]})"))

    megabytes = args.article_mb or (QUICK_ARTICLE_MB if args.quick else ARTICLE_MB)
    print()
    print(f"large article: about {megabytes:g} MB of the bundled articles' paragraphs, one process each: read, extract,")
    print("and (.txt only: the claims are the same in every format) check with every shipped rule")
    print(f"{'file':<11} {'MB':>6} {'read s':>7} {'extract s':>9} {'check s':>8} {'wall s':>7} {'claims':>9} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="factcheck-large-") as folder:
        for suffix in (".txt", ".html", ".md"):
            path = large_article(megabytes, suffix, Path(folder))
            check = suffix == ".txt"
            row = measure_large(path, check)
            size = path.stat().st_size / 1e6
            checked = f"{row['check_s']:>8.2f}" if check else f"{'-':>8}"
            print(f"{path.name:<11} {size:>6.1f} {row['read_s']:>7.2f} {row['extract_s']:>9.2f} {checked} {row['wall_s']:>7.1f}"
                  f" {int(row['claims']):>9,} {row['peak_mb']:>8.0f}")
            stages = f"read {row['read_s']:.1f} s, extract {row['extract_s']:.1f} s" + (f", check {row['check_s']:.1f} s" if check else "")
            outcomes.append(Outcome(f"{size:.0f} MB {suffix} article: {stages}; peak memory", f"{row['peak_mb']:,.0f} MB"))
            path.unlink()

    print()
    print("slow shapes: time at n and at 4n (linear: about 4x; quadratic: 16x; cubic: 64x)")
    print(f"{'shape':<56} {'n':>7} {'s':>7} {'4n':>7} {'s':>7} {'ratio':>6}")
    for name, small, small_s, large, large_s in slow_shapes(args.quick):
        ratio = large_s / max(small_s, 1e-6)
        print(f"{name:<56} {small:>7,} {small_s:>7.3f} {large:>7,} {large_s:>7.3f} {ratio:>6.1f}")
        outcomes.append(Outcome(f"{name}: n={large:,}, time ratio 4n/n", f"{large_s:.2f} s, {ratio:.0f}x"))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.robustness", description=SUMMARY)
    parser.add_argument("--quick", action="store_true", help="fewer fuzz inputs, a 5 MB article")
    add_arguments(parser.add_argument_group("robustness"))
    args = parser.parse_args(argv)
    outcomes = run(args)
    print()
    for outcome in outcomes:
        print(f"{outcome.what}: {outcome.measured}" + (f"  {outcome.verdict}" if outcome.passed is not None else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
