"""Regular expressions written in rule files, run with RE2 so that no pattern can hang a run.

Python's ``re`` backtracks: a pattern such as ``(a+)+$`` takes exponential time on a sentence of
forty "a"s, and rule files come from whoever edits the repository. RE2 matches in time linear in
the text whatever the pattern, at the price of a smaller syntax: no backreferences, no
lookaround, and ``\\w``, ``\\d`` and ``\\b`` are ASCII only (``\\pL`` matches any letter). The
project's own patterns stay on ``re``; only patterns users write come through here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol


class Searchable(Protocol):
    def search(self, text: str) -> Any: ...


def regex_problem(pattern: str) -> str | None:
    """Why RE2 cannot run ``pattern``, as an error message, or None when it can."""
    import re2  # type: ignore[import-untyped]

    try:
        re2.compile(pattern, options=_options())
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        try:
            re.compile(pattern)
        except re.error as python_error:
            return f"expected a valid regular expression, found '{pattern}' ({python_error})"
        return f"expected a regular expression RE2 accepts (no backreferences or lookaround), found '{pattern}' ({reason})"
    return None


@lru_cache(maxsize=256)
def compile_user_regex(pattern: str) -> Searchable:
    """The compiled pattern; call ``regex_problem`` first (rule loading does), since this raises."""
    import re2

    return re2.compile(pattern, options=_options())  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _options() -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print each rejected pattern on stderr itself
    return options
