"""Sorted spans of an article's text: what falls between two offsets, and page-furniture lookups."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


def between(items: list, starts: list[int], start: int, end: int) -> list:  # type: ignore[type-arg]
    low = bisect_left(starts, start)
    high = bisect_left(starts, end)
    return items[low:high]


class SpanSet:
    """Spans of text (page furniture) asked "does one of you contain this range?" per sentence and
    per number: a binary search over the merged spans, not a scan of them all each time."""

    def __init__(self, spans: tuple[tuple[int, int], ...]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def contains(self, start: int, end: int) -> bool:
        index = bisect_right(self.starts, start) - 1
        return index >= 0 and end <= self.ends[index]
