"""Reading documents: files and directories in, Articles (or DocumentErrors) out.

One registry maps a file suffix to its reader. A reader takes the path to show in messages and
the file's bytes, and returns an Article or raises DocumentError; nothing else reaches the
caller, so one bad file never costs the results of the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import PurePath

from factcheck.documents.html import read_html
from factcheck.documents.markdown import read_markdown
from factcheck.documents.text import decode_text, read_txt
from factcheck.errors import DocumentError, RefusedDocument, UserError
from factcheck.limits import ARTICLE_BYTES, read_capped, special_kind
from factcheck.model import Article

__all__ = ["READERS", "decode_text", "find_documents", "no_documents", "read_document", "read_documents"]

Reader = Callable[[str, bytes], Article]

READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}


def suffix_of(path: str) -> str:
    return PurePath(path).suffix.lower()


def _unsupported(path: str) -> DocumentError:
    known = ", ".join(sorted(READERS))
    found = f"'{suffix_of(path)}'" if suffix_of(path) else "no suffix"
    return RefusedDocument(f"expected a document ending in one of {known}, found {found}", path)


def read_document(path: str, max_bytes: int = ARTICLE_BYTES) -> Article:
    """Read one document file of at most ``max_bytes``; every problem with it is a DocumentError naming the file."""
    if os.path.isdir(path):
        raise DocumentError("expected a document file, found a directory", path, None, None)
    if not os.path.lexists(path):
        raise DocumentError("expected a document file, found no such file", path, None, None)
    reader = READERS.get(suffix_of(path))
    if reader is None:
        raise _unsupported(path)
    raw = read_capped(path, max_bytes, "a document file", "max_article_bytes", DocumentError, RefusedDocument)
    return reader(path, raw)


def find_documents(paths: Iterable[str]) -> tuple[list[str], list[DocumentError]]:
    """The document files named by ``paths``, in a deterministic order, and the paths that failed.

    A directory is walked recursively in sorted order (symlinked directories are not followed, so
    no loops; hidden files and directories such as ``.git`` or ``.venv`` are skipped) and keeps
    the files whose suffix has a reader. A file named explicitly is kept whatever its suffix, so
    that ``read_documents`` reports an unsupported one instead of dropping it silently. A path
    that does not exist becomes a DocumentError; nothing aborts. Paths keep the form they were
    given in (relative stays relative), with "/" separators; a file found twice is listed once.
    """
    files: list[str] = []
    errors: list[DocumentError] = []
    seen: set[str] = set()

    def keep(path: str, named: bool) -> None:
        undecodable = _undecodable_name(path)
        if undecodable is not None:  # every report, the cache and the claim file would carry it
            errors.append(undecodable)
            return
        special = _special_file(path)
        if special is not None:  # never handed on: whoever opens a named pipe waits forever
            errors.append(RefusedDocument(special.message, path) if named else special)
            return
        if named and suffix_of(path) not in READERS:
            errors.append(_unsupported(path))
            return
        key = os.path.normcase(os.path.realpath(path))
        if key not in seen:
            seen.add(key)
            files.append(path)

    for given in paths:
        path = _posix(given)
        if os.path.isdir(path):
            for found in _walk(path, errors):
                keep(found, named=False)
        elif os.path.lexists(path):
            keep(path, named=True)
        else:
            errors.append(RefusedDocument("expected a document file or directory, found no such path", path))
    return files, errors


MAX_DEPTH = 100  # folders below a directory named on the command line


def no_documents(paths: Iterable[str], also: str = "") -> UserError:
    """The error of a command whose inputs yield no document at all: a typo is never a pass."""
    named = ", ".join(paths) or "no paths"
    return UserError(f"expected at least one document ({', '.join(sorted(READERS))}){also} in {named}, found none")


def _special_file(path: str) -> DocumentError | None:
    """An error for a path that is (or links to) a named pipe, socket or device, else None."""
    kind = special_kind(path)
    if kind is None or kind == "a directory":
        return None
    return DocumentError(f"expected a regular file, found {kind}", path, None, None)


def _undecodable_name(path: str) -> DocumentError | None:
    """An error for a path whose bytes are not UTF-8 (kept by Python as lone surrogates), else None.

    JSON, SARIF, HTML and YAML are UTF-8: such a name cannot be written into any of them.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError as exc:
        byte = os.fsencode(path[exc.start : exc.start + 1])
        return DocumentError(f"expected a file name in UTF-8, found the byte 0x{byte[0]:02x}", path, None, None)
    return None


def _posix(path: str) -> str:
    # Only Windows needs converting; PurePath would also drop "./" and so change the given form.
    return path.replace(os.sep, "/") if os.sep != "/" else path


def _walk(top: str, errors: list[DocumentError]) -> list[str]:
    def failed(exc: OSError) -> None:
        where = _posix(str(exc.filename)) if exc.filename else top
        errors.append(DocumentError(f"cannot read the directory: {exc.strerror or exc}", where, None, None))

    found: list[str] = []
    base_depth = top.rstrip(os.sep).count(os.sep)
    for root, dirnames, filenames in os.walk(top, onerror=failed):
        # Sorting in place also fixes the order os.walk descends in.
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        if dirnames and root.count(os.sep) - base_depth >= MAX_DEPTH:
            # os.walk recurses (before Python 3.12): 1,000 folders deep it would crash.
            errors.append(DocumentError(f"expected folders nested at most {MAX_DEPTH} deep, found deeper", _posix(root), None, None))
            dirnames[:] = []
        for name in sorted(filenames):
            if not name.startswith(".") and suffix_of(name) in READERS:
                joined = os.path.join(root, name)
                if top == "." and joined.startswith("./"):
                    joined = joined[2:]  # "factcheck run ." lists "a.txt", not "./a.txt"
                found.append(_posix(joined))
    return found


def read_documents(paths: Iterable[str], max_bytes: int = ARTICLE_BYTES) -> tuple[list[Article], list[DocumentError]]:
    """Read every document under ``paths``; bad files become errors next to the good articles."""
    files, errors = find_documents(paths)
    articles: list[Article] = []
    for path in files:
        try:
            articles.append(read_document(path, max_bytes))
        except DocumentError as exc:
            errors.append(exc)
    return articles, errors
