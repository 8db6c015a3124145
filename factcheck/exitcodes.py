"""Exit codes: the contract with CI (DESIGN.md)."""

OK = 0  # nothing at or above --fail-on
FINDINGS = 1  # findings at or above --fail-on; stale or missing claim files for `extract --check`
USER_ERROR = 2  # usage, configuration, rule or input error
CRASH = 3  # a bug in factcheck: a short crash report on stderr, never 1 (CI would read it as findings)
INTERRUPTED = 130  # Ctrl-C
