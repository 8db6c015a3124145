"""Synthetic corpus: realistic articles about prosecution statistics, any number of them, one seed.

    python -m bench.synthetic OUT_DIR --articles 10000 --seed 1

Every article restates facts of one invented world (a true value per topic, action, unit and
period) in varied shapes: qualifiers ("more than", "nearly", "about", "at least"), exact, rounded
and scaled figures ("2.16 million"), absolute and relative periods ("in 2023", "last year", "the
first half of 2023", "January to November 2023", "since 2019"), work-report sources, growth between
two years, parts of a whole ("of whom"), money. Between them stand sentences without claims and
numbers that are not claims (hotlines, articles of law, days of the month). Each statement is
planted wrong with probability ``--conflict-rate``: a figure off by 15-40%, or a work report said
to cover the year it was delivered in. Articles are Markdown with front matter, plain text with a
title and dateline, or HTML with page furniture. The topics and actions are phrases of
rules/vocabulary/metrics.yaml, so the claims get matched metrics. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# (metric topic id, phrases of it in rules/vocabulary/metrics.yaml). No parent topic (cybercrime)
# is stated, so no child figure is ever compared against an unrelated parent figure.
TOPICS = [
    ("telecom-fraud", ["telecom fraud", "telecom and online fraud", "telecommunications network fraud", "online scams"]),
    ("assisting-network-crime", ["assisting information network criminal activities"]),
    ("financial-fraud", ["financial fraud", "illegal fund-raising"]),
    ("ip-infringement", ["intellectual property infringement", "IP infringement"]),
    ("duty-crimes", ["duty crimes", "dereliction of duty"]),
    ("corruption", ["corruption", "bribery"]),
    ("personal-information", ["infringing citizens' personal information"]),
    ("environmental-crimes", ["environmental crimes", "pollution crimes"]),
    ("market-order", ["undermining the market economic order"]),
]
# Passive verbs of each action, and its size relative to arrests (so that "of whom" parts fit).
ACTIONS = {"arrested": (["arrested"], 1.0), "prosecuted": (["prosecuted", "charged", "indicted"], 0.8), "convicted": (["convicted", "sentenced"], 0.7)}
PERSON_NOUNS = ["people", "individuals", "suspects", "defendants"]
PUBLISHERS = ["Harbour Daily", "Metro Law Review", "The Northern Courier", "Capital Legal Weekly", "River City News", "Justice Monitor"]
FILLERS = [
    "Prosecutors said the cases had become more complex and more often crossed provincial borders.",
    "Officials did not say how many of the cases involved repeat offenders.",
    "Legal scholars welcomed the figures but asked for a breakdown by region.",
    "Readers who suspect {topic} can report it to the 12309 hotline.",
    "Article 287 of the Criminal Law sets out the offence.",
    "Defence lawyers say the totals hide wide differences between provinces.",
    "The procuratorate promised to publish typical cases to guide local offices.",
    "The figures were presented to lawmakers in Beijing on March {day}.",
    "Victims' groups said recovering stolen money matters more to them than the number of convictions.",
    "Police and prosecutors now meet every month to compare notes on {topic}.",
    "Several of the cases involved gangs that ran their operations from abroad.",
    "Critics argue that the statistics say more about enforcement priorities than about crime itself.",
]
AS_OF_DATES = [date(2020, 4, 7), date(2021, 6, 30), date(2022, 9, 30), date(2023, 3, 31)]
FIRST_DATE, LAST_DATE = date(2017, 1, 1), date(2025, 6, 30)


@dataclass(frozen=True)
class CorpusStats:
    articles: int
    nbytes: int
    conflicts: int


def unit_fraction(seed: int, *key: object) -> float:
    """A number in [0, 1) fixed by the seed and the key, whatever order facts are asked in."""
    digest = hashlib.blake2b(repr((seed, *key)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def true_count(seed: int, topic: str, action: str, year: int) -> int:
    """People ``action`` for ``topic`` in ``year`` in the invented world."""
    base = 2_000 * 10 ** (2 * unit_fraction(seed, topic))  # 2,000 to 200,000 arrests a year
    drift = 1 + 0.3 * (unit_fraction(seed, topic, year) - 0.5)
    ratio = ACTIONS[action][1] * (1 + 0.1 * unit_fraction(seed, topic, action))
    return max(10, round(base * drift * ratio))


def round_to(value: float, digits: int, how: str = "nearest") -> int:
    """``value`` at ``digits`` significant digits, rounded down, up or to the nearest."""
    step = 10 ** max(0, math.floor(math.log10(value)) + 1 - digits)
    # Half up, as a writer rounds and as the interval [x - u/2, x + u/2) of a bare number reads;
    # Python's round() goes half to even, which would put 5,365 outside "5,360".
    fn = {"nearest": lambda x: math.floor(x + 0.5), "down": math.floor, "up": math.ceil}[how]
    return int(fn(value / step) * step)


def round_figure(value: int) -> int:
    """``value`` as a round figure, as qualifiers.yaml reads one: two significant digits, or three
    with at least three zeros after them ("115,000"). Three digits with one zero ("5,980") would
    read as exact."""
    return round_to(value, 3 if value >= 100_000 else 2)


def write_count(rng: random.Random, value: int) -> str:
    """``value`` as a news writer might put it; every form's interval contains ``value``."""
    shape = rng.random()
    if value >= 1_000_000 and shape < 0.5:
        return f"{round_to(value, 3) / 1e6:.2f} million".replace(".00 ", " ")
    if shape < 0.25:
        return f"{value:,}"
    if shape < 0.45:
        return f"{round_figure(value):,}"
    if shape < 0.6 and round_to(value, 2, "down") < value:
        return f"{rng.choice(['more than', 'over', 'upwards of'])} {round_to(value, 2, 'down'):,}"
    if shape < 0.7 and round_to(value, 2, "down") <= value:
        return f"at least {round_to(value, 2, 'down'):,}"
    if shape < 0.8 and round_to(value, 2, "up") > value:
        return f"{rng.choice(['nearly', 'almost'])} {round_to(value, 2, 'up'):,}"
    return f"{rng.choice(['about', 'around', 'roughly', 'some'])} {round_to(value, 2):,}"


class ArticleWriter:
    """The statements of one article; ``conflicts`` counts the ones planted wrong."""

    def __init__(self, seed: int, index: int, published: date, conflict_rate: float) -> None:
        self.seed, self.published, self.conflict_rate = seed, published, conflict_rate
        self.rng = random.Random(f"{seed}:{index}")
        self.conflicts = 0

    def value(self, true: int) -> int:
        if self.rng.random() < self.conflict_rate:
            self.conflicts += 1
            return round(true * self.rng.choice([0.6, 0.7, 0.85, 1.15, 1.3, 1.4]))
        return true

    def year(self) -> int:
        return self.published.year - self.rng.choice([1, 1, 1, 2, 3])

    def when(self, year: int) -> str:
        if year == self.published.year - 1 and self.rng.random() < 0.3:
            return "last year"
        return f"in {year}"

    def source(self, year: int) -> str:
        shape = self.rng.random()
        if shape < 0.6:
            return ""
        if self.rng.random() < self.conflict_rate:  # a report delivered in `year` covers year - 1
            self.conflicts += 1
            return f", according to the {year} work report"
        if shape < 0.85 and date(year + 1, 3, 15) <= self.published:
            return f", according to the {year + 1} work report"
        return f", the annual work report for {year} said"

    def statement(self) -> str:
        rng = self.rng
        topic, phrases = rng.choice(TOPICS)
        phrase = rng.choice(phrases)
        year = self.year()
        action = rng.choice(list(ACTIONS))
        verb = rng.choice(ACTIONS[action][0])
        noun = rng.choice(PERSON_NOUNS)
        count = true_count(self.seed, topic, action, year)
        shape = rng.randrange(10)
        if shape == 0:
            return f"In {year}, {write_count(rng, self.value(count))} {noun} were {verb} for {phrase}{self.source(year)}."
        if shape == 1:
            when = self.when(year)
            return f"{_capital(when)}, {write_count(rng, self.value(count))} {noun} were {verb} for {phrase}{self.source(year)}."
        if shape == 2:
            return f"Prosecutors charged {write_count(rng, self.value(true_count(self.seed, topic, 'prosecuted', year)))} {noun} with {phrase} {self.when(year)}."
        if shape == 3:
            before = true_count(self.seed, topic, action, year - 1)
            change = 100 * (count - before) / before
            direction = "rose" if change >= 0 else "fell"
            return (f"The number of {noun} {verb} for {phrase} {direction} {abs(change):.1f} percent, "
                    f"from {round_figure(before):,} {noun} in {year - 1} to {round_figure(self.value(count)):,} {noun} in {year}.")
        if shape == 4:
            arrested = true_count(self.seed, topic, "arrested", year)
            prosecuted = true_count(self.seed, topic, "prosecuted", year)
            return f"In {year}, {self.value(arrested):,} {noun} were arrested for {phrase}, of whom {prosecuted:,} were prosecuted."
        if shape == 5:
            half = round(count * (0.42 + 0.16 * unit_fraction(self.seed, topic, action, year, "half")))
            return f"In the first half of {year}, {write_count(rng, self.value(half))} {noun} were {verb} for {phrase}."
        if shape == 6:
            eleven = round(count * (0.86 + 0.08 * unit_fraction(self.seed, topic, action, year, "11")))
            return f"From January to November {year}, {write_count(rng, self.value(eleven))} {noun} were {verb} for {phrase}."
        if shape == 7:
            lost = 1e6 * round_to(40 + 4000 * unit_fraction(self.seed, topic, year, "yuan"), 2)
            written = self.value(round(lost / 1e6)) / 1e3
            return f"Losses from {phrase} reached {written:g} billion yuan in {year}."
        if shape == 8:
            cases = round(0.6 * true_count(self.seed, topic, "arrested", year))
            return f"Procuratorates handled {write_count(rng, self.value(cases))} cases of {phrase} {self.when(year)}."
        since = self.published.year - 4
        total = sum(true_count(self.seed, topic, "prosecuted", y) for y in range(since, self.published.year))
        return f"Since {since}, procuratorates have prosecuted at least {round_to(self.value(total), 2, 'down'):,} {noun} for {phrase}."

    def as_of_statement(self) -> str | None:
        """A cumulative count with its part, as of a day before publication."""
        days = [d for d in AS_OF_DATES if d < self.published]
        if not days:
            return None
        day = self.rng.choice(days)
        detained = 500 + round(9_000 * unit_fraction(self.seed, day, "detained"))
        in_court = round(detained * (0.5 + 0.4 * unit_fraction(self.seed, day, "court")))
        return (f"As of {day:%B} {day.day}, {day.year}, {self.value(detained):,} people had been detained for crimes "
                f"related to COVID-19, of whom {in_court:,} had been taken to court.")

    def paragraphs(self) -> list[str]:
        paragraphs = []
        for _ in range(self.rng.randint(5, 12)):
            sentences = self.rng.sample(FILLERS, self.rng.randint(1, 4))
            sentences = [s.format(topic=self.rng.choice(TOPICS)[1][0], day=self.rng.randint(1, 14)) for s in sentences]
            if self.rng.random() < 0.75:
                sentences.insert(self.rng.randint(0, len(sentences)), self.statement())
            paragraphs.append(" ".join(sentences))
        if self.rng.random() < 0.1:
            extra = self.as_of_statement()
            if extra:
                paragraphs.append(extra)
        return paragraphs


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def published_date(seed: int, index: int) -> date:
    span = (LAST_DATE - FIRST_DATE).days
    return FIRST_DATE + timedelta(days=int(span * unit_fraction(seed, index, "published")))


def article(seed: int, index: int, conflict_rate: float = 0.02) -> tuple[str, str, int]:
    """The file name, the text and the number of planted conflicts of article ``index``."""
    published = published_date(seed, index)
    writer = ArticleWriter(seed, index, published, conflict_rate)
    paragraphs = writer.paragraphs()
    topic = writer.rng.choice(TOPICS)[1][0]
    title = f"{_capital(topic)}: what the {published.year} figures show"
    publisher = writer.rng.choice(PUBLISHERS)
    stem = f"a{index:06d}"
    form = writer.rng.random()
    if form < 0.6:
        front = f"---\ntitle: \"{title}\"\ndate: {published.isoformat()}\npublisher: {publisher}\n---\n\n"
        return f"{stem}.md", front + "\n\n".join(paragraphs) + "\n", writer.conflicts
    if form < 0.85:
        head = f"{title}\n{published:%B} {published.day}, {published.year}\n\n"
        return f"{stem}.txt", head + "\n\n".join(paragraphs) + "\n", writer.conflicts
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title} | {publisher}</title>\n"
        f"<meta property=\"og:site_name\" content=\"{publisher}\">\n"
        f"<meta property=\"article:published_time\" content=\"{published.isoformat()}T08:00:00+08:00\">\n</head>\n<body>\n"
        f"<nav><a href=\"/\">Home</a> | <a href=\"/courts\">Courts</a> | <span>Trending: 10 things to know</span></nav>\n"
        f"<article>\n<h1>{title}</h1>\n{body}\n</article>\n<footer>Copyright {published.year} {publisher}</footer>\n</body>\n</html>\n"
    )
    return f"{stem}.html", page, writer.conflicts


def write_corpus(out_dir: Path, articles: int, seed: int = 1, conflict_rate: float = 0.02) -> CorpusStats:
    """Write ``articles`` articles into ``out_dir`` (created); the same arguments give the same bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    nbytes = conflicts = 0
    for index in range(articles):
        name, text, planted = article(seed, index, conflict_rate)
        data = text.encode("utf-8")
        (out_dir / name).write_bytes(data)
        nbytes += len(data)
        conflicts += planted
    return CorpusStats(articles, nbytes, conflicts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="directory to write the articles into (created)")
    parser.add_argument("--articles", type=int, default=1000, metavar="N", help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the invented world and the writing (default 1)")
    parser.add_argument("--conflict-rate", type=float, default=0.02, metavar="P", help="chance that a statement is planted wrong (default 0.02)")
    args = parser.parse_args(argv)
    stats = write_corpus(args.out_dir, args.articles, args.seed, args.conflict_rate)
    print(f"wrote {stats.articles:,} articles, {stats.nbytes / 1e6:.1f} MB, {stats.conflicts:,} planted conflicts to {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
