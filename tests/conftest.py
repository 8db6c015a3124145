"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI must be reproducible: under CI=true every property test draws the same examples on every run
# (derandomize: the seed is fixed per test), with no time limit that a loaded machine could trip.
# Locally the default profile explores new examples each run; a failure prints its seed.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
HYPOTHESIS_PROFILE = "ci" if os.environ.get("CI") == "true" else "dev"
settings.load_profile(HYPOTHESIS_PROFILE)


def pytest_sessionstart(session: pytest.Session) -> None:
    # Printed even under -q, so that a CI log always says how its examples were drawn.
    if HYPOTHESIS_PROFILE == "ci":
        line = "hypothesis: profile 'ci', derandomized (fixed seed per test, the same every run)"
    else:
        seed = session.config.getoption("hypothesis_seed", None)
        line = f"hypothesis: profile 'dev', seed {seed}" if seed is not None else "hypothesis: profile 'dev', random seeds"
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"


@pytest.fixture
def seeds() -> Path:
    """The seed corpus next to the repository; skipped locally when absent, a failure in CI."""
    if not SEEDS.is_dir():
        message = f"../shared/corpus/seeds not found: {SEEDS}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def vocabulary():  # type: ignore[no-untyped-def]
    """The shipped vocabulary of rules/."""
    from factcheck.vocabulary import load_vocabulary

    return load_vocabulary([str(REPO / "rules")])
