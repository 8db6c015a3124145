"""Many documents: taken from the extraction cache where they are unchanged, else read and
extracted, across processes where that pays.

``extract_articles`` returns the claims of each article in the order given, whatever the number
of processes: each process extracts whole articles with the same vocabulary, so the result is the
list one process gives, and the output built from it the same bytes.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factcheck.errors import DocumentError, WriteError
from factcheck.model import Article, Claim
from factcheck.progress import Progress
from factcheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from factcheck.extract import ClaimExtractor
    from factcheck.extraction_cache import CachedDocument, ExtractionCache

# Starting processes costs tens of milliseconds (seconds where they must import factcheck afresh),
# so fewer documents than this are extracted in this process whatever --jobs says.
PARALLEL_MINIMUM = 16


@dataclass(frozen=True)
class ExtractionSettings:
    """How to extract: ``jobs`` processes (0: one per CPU), ``cache`` directory (None: no cache)."""

    jobs: int = 1
    cache: str | None = None

    def processes(self) -> int:
        return self.jobs if self.jobs > 0 else os.cpu_count() or 1

    def open_cache(self, vocabulary: Vocabulary) -> ExtractionCache | None:
        from factcheck.extraction_cache import ExtractionCache

        return ExtractionCache(self.cache, vocabulary.digest) if self.cache else None


@dataclass
class ExtractionCounts:
    extracted: int = 0
    cached: int = 0
    cache_problem: str | None = None  # why the cache could not be written, once

    def notes(self, from_claim_files: int = 0) -> list[str]:
        """For standard error, not the report (a warm run's report is the cold run's, byte for byte):
        a cache that could not be written, and where the claims came from when the cache saved work.
        """
        notes = [self.cache_problem] if self.cache_problem else []
        if self.cached:
            total = self.extracted + self.cached + from_claim_files
            files = f", {from_claim_files:,} from claim files" if from_claim_files else ""
            notes.append(f"{total:,} documents: {self.extracted:,} extracted, {self.cached:,} from the extraction cache{files}")
        return notes


def read_or_recall(paths: list[str], vocabulary: Vocabulary, settings: ExtractionSettings) -> tuple[list[Article | CachedDocument], list[DocumentError]]:
    """``read_documents``, except that a document whose bytes the cache knows is not parsed again."""
    from factcheck.documents import READERS, find_documents, read_document, suffix_of

    files, errors = find_documents(paths)
    cache = settings.open_cache(vocabulary)
    documents: list[Article | CachedDocument] = []
    with Progress(len(files), "reading") as progress:
        for path in files:
            # Only what read_document would read: never hash a pipe, a device or a file it refuses.
            recallable = suffix_of(path) in READERS and os.path.isfile(path)
            recalled = cache.recall(path) if cache is not None and recallable else None
            if recalled is not None:
                documents.append(recalled)
            else:
                try:
                    documents.append(read_document(path))
                except DocumentError as exc:
                    errors.append(exc)
            progress.advance()
    return documents, errors


def extract_articles(
    articles: Sequence[Article], vocabulary: Vocabulary, settings: ExtractionSettings, counts: ExtractionCounts | None = None
) -> list[list[Claim]]:
    """The claims of every article, in order; ``counts`` says how many came from where."""
    counts = counts if counts is not None else ExtractionCounts()
    cache = settings.open_cache(vocabulary)
    with Progress(len(articles), "extracting") as progress:
        results: list[list[Claim] | None] = []
        for article in articles:
            results.append(cache.claims(article) if cache else None)
            if results[-1] is not None:
                progress.advance()
        missing = [index for index, claims in enumerate(results) if claims is None]
        counts.cached += len(articles) - len(missing)
        counts.extracted += len(missing)
        fresh = _extract(vocabulary, [articles[index] for index in missing], settings.processes())
        for index, claims in zip(missing, fresh):
            results[index] = claims
            progress.advance()
            if cache is not None and counts.cache_problem is None:
                try:
                    cache.store(articles[index], claims)
                except WriteError as exc:
                    counts.cache_problem = f"cannot write the extraction cache {settings.cache}: {exc.reason}; going on without it"
    return [claims if claims is not None else [] for claims in results]


def _extract(vocabulary: Vocabulary, articles: list[Article], processes: int) -> Iterator[list[Claim]]:
    from factcheck.extract import ClaimExtractor

    workers = min(processes, len(articles))
    if workers < 2 or len(articles) < PARALLEL_MINIMUM:
        extractor = ClaimExtractor(vocabulary)
        for article in articles:
            yield extractor.extract(article)
        return
    yield from _extract_in_processes(vocabulary, articles, workers)


def _extract_in_processes(vocabulary: Vocabulary, articles: list[Article], workers: int) -> Iterator[list[Claim]]:
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks keep the progress bar moving and the processes evenly loaded; not so small
    # that sending each article costs more than extracting it.
    chunk = max(1, min(32, len(articles) // (workers * 8)))
    executor = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(vocabulary,))
    try:
        yield from executor.map(_extract_in_worker, articles, chunksize=chunk)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown()


_worker_extractor: ClaimExtractor | None = None


def _start_worker(vocabulary: Vocabulary) -> None:
    """Build the worker's extractor once; Ctrl-C is the parent's to handle, not every worker's."""
    global _worker_extractor
    from factcheck.extract import ClaimExtractor

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_extractor = ClaimExtractor(vocabulary)


def _extract_in_worker(article: Article) -> list[Claim]:
    if _worker_extractor is None:
        raise RuntimeError("extraction worker started without its initializer")
    return _worker_extractor.extract(article)
