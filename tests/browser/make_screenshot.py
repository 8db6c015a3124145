"""Write the README's screenshot of the bundled corpus report.

    python tests/browser/make_screenshot.py docs/report.png

Needs playwright (the Python package) and Debian's chromium at /usr/bin/chromium; no browser
download is involved.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def bundled_result() -> Any:
    """The RunResult of the bundled corpus, checked from the repository root."""
    import os

    from factcheck.run import check
    from factcheck.vocabulary import load_vocabulary

    here = os.getcwd()
    os.chdir(REPO)
    try:
        result, errors = check(["articles"], "claims", ["rules"], load_vocabulary(["rules"]))
    finally:
        os.chdir(here)
    if errors:
        raise SystemExit(f"the bundled corpus did not check cleanly: {errors}")
    return result


def bundled_report() -> str:
    """The HTML report of the bundled corpus."""
    from factcheck.report.html import render_html

    return render_html(bundled_result())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tests/browser/make_screenshot.py OUTPUT.png", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    output = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(bundled_report(), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(output), full_page=False)
            browser.close()
    print(output)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main(sys.argv[1:]))
