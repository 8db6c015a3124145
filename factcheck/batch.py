"""Many documents: taken from the extraction cache where they are unchanged, else read and
extracted, across processes where that pays.

``extract_articles`` returns the claims of each article in the order given, whatever the number
of processes: each process extracts whole articles with the same vocabulary, so the result is the
list one process gives, and the output built from it the same bytes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.errors import DocumentError, WriteError
from factcheck.limits import Limits
from factcheck.model import Article, Claim
from factcheck.progress import Progress
from factcheck.vocabulary import Vocabulary

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from factcheck.extract import ClaimExtractor
    from factcheck.extraction_cache import CachedDocument, ExtractionCache

# Starting processes costs tens of milliseconds (seconds where they must import factcheck afresh),
# so fewer documents than this are extracted in this process whatever --jobs says.
PARALLEL_MINIMUM = 16


@dataclass(frozen=True)
class ExtractionSettings:
    """How to extract: ``jobs`` processes (0: one per CPU), ``cache`` directory (None: no cache),
    and the size ``limits`` of the documents, claim files and cache entries read."""

    jobs: int = 1
    cache: str | None = None
    limits: Limits = field(default_factory=Limits)

    def processes(self) -> int:
        return self.jobs if self.jobs > 0 else os.cpu_count() or 1

    def open_cache(self, vocabulary: Vocabulary) -> ExtractionCache | None:
        from factcheck.extraction_cache import ExtractionCache

        return ExtractionCache(self.cache, vocabulary.digest, self.limits) if self.cache else None


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
                    documents.append(read_document(path, settings.limits.article_bytes))
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
        # Closed however the loop ends (Ctrl-C, SIGTERM): that stops the worker processes at once.
        with closing(fresh):
            for index, claims in zip(missing, fresh):
                results[index] = claims
                progress.advance()
                if cache is not None and counts.cache_problem is None:
                    try:
                        cache.store(articles[index], claims)
                    except WriteError as exc:
                        counts.cache_problem = f"cannot write the extraction cache {settings.cache}: {exc.reason}; going on without it"
    return [claims if claims is not None else [] for claims in results]


def _extract(vocabulary: Vocabulary, articles: list[Article], processes: int) -> Generator[list[Claim], None, None]:
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
    with _terminate_like_interrupt():
        executor = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(vocabulary, os.getpid()))
        try:
            yield from executor.map(_extract_in_worker, articles, chunksize=chunk)
        except BaseException:
            _stop(executor)
            raise
        executor.shutdown()


# SIGTERM (CI cancelling a job, `timeout`) and SIGHUP (a closed terminal) stop a run as Ctrl-C does:
# the workers are stopped and the run ends "interrupted", never leaving workers that hold the
# output pipes open for whoever waits on them.
_TERMINATING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in _TERMINATING}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now: a worker would otherwise finish its current
    chunk first, and the interpreter waits for it on exit."""
    executor.shutdown(wait=False, cancel_futures=True)
    processes = getattr(executor, "_processes", None) or {}  # not public; the death signal covers its absence
    for process in list(processes.values()):
        if process.is_alive():
            process.terminate()


_worker_extractor: ClaimExtractor | None = None


def _start_worker(vocabulary: Vocabulary, parent: int) -> None:
    """Build the worker's extractor once. Ctrl-C is the parent's to handle, not every worker's;
    SIGTERM and SIGHUP end a worker (the parent's handlers are not inherited); and a worker dies
    with the parent, however the parent ends (even by SIGKILL)."""
    global _worker_extractor
    from factcheck.extract import ClaimExtractor

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in _TERMINATING:
        signal.signal(number, signal.SIG_DFL)
    _die_with_parent(parent)
    _worker_extractor = ClaimExtractor(vocabulary)


def _die_with_parent(parent: int) -> None:
    """On Linux the kernel kills this process when its parent dies (PR_SET_PDEATHSIG); elsewhere a
    thread watches for the parent to go (a process whose parent dies gets a new parent)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            armed = prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
        if armed:
            # The parent may have died before the signal was armed: then none comes. (A worker
            # started by a fork server has that server as its parent, and it dies with ours.)
            if os.getppid() != parent and not _alive(parent):
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(os.getppid(),), name="factcheck-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _watch_parent(original: int) -> None:
    while os.getppid() == original:
        time.sleep(0.5)
    os._exit(1)


def _extract_in_worker(article: Article) -> list[Claim]:
    if _worker_extractor is None:
        raise RuntimeError("extraction worker started without its initializer")
    return _worker_extractor.extract(article)
