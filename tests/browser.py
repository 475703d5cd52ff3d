"""Headless Chromium (Debian's `chromium`) for the tests that look at a page as a reader would."""

from __future__ import annotations

import shutil
import subprocess
import tempfile

import pytest

# No first-run work, no background fetches: the tests must pass with no internet.
_QUIET = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def run_chromium(*arguments: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a throw-away profile; skip the test where it is not installed."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [chromium, *_QUIET, f"--user-data-dir={profile}", *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
