"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
