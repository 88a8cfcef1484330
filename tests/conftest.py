import sys
from pathlib import Path
from typing import Iterator

import pytest

# Tests import their shared helpers as a plain module.
sys.path.insert(0, str(Path(__file__).parent))

# Debian's Chromium (.ci/run installs it); a missing browser fails the browser tests, never skips them.
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling out to hosts this machine cannot reach.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser() -> Iterator["object"]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()
