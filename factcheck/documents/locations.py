"""Map offsets in an article's extracted text back to line:column in the original file."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


class LineIndex:
    """Offsets to 1-based line and column in one string."""

    def __init__(self, text: str) -> None:
        starts = [0]
        index = text.find("\n")
        while index != -1:
            starts.append(index + 1)
            index = text.find("\n", index + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


@dataclass
class SourceMap:
    """Pieces of extracted text, each copied from a place in the source.

    A piece is ``(text_start, source_start, length, verbatim)``. Within a verbatim piece every
    character maps one to one; a piece that is not verbatim (a decoded ``&amp;``, an inserted
    paragraph break) maps all its characters to its source start.
    """

    source: str
    pieces: list[tuple[int, int, int, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lines = LineIndex(self.source)
        self._starts: list[int] = []

    @classmethod
    def identity(cls, source: str, offset: int = 0) -> SourceMap:
        """The text is ``source[offset:]`` unchanged."""
        result = cls(source)
        result.add(0, offset, len(source) - offset, True)
        return result

    def add(self, text_start: int, source_start: int, length: int, verbatim: bool) -> None:
        if length <= 0:
            return
        if self._starts and text_start < self._starts[-1]:
            raise ValueError("pieces must be added in text order")
        self.pieces.append((text_start, source_start, length, verbatim))
        self._starts.append(text_start)

    def source_offset(self, offset: int) -> int:
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0
        text_start, source_start, length, verbatim = self.pieces[index]
        within = offset - text_start
        if verbatim:
            return source_start + min(within, length)
        return source_start

    def line_col(self, offset: int) -> tuple[int, int]:
        return self._lines.line_col(self.source_offset(offset))
