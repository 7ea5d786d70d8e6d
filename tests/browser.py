"""Headless Chromium for the browser tests: Debian's chromium, no network beyond loopback.

The tests skip on a developer machine without chromium, and fail in CI (CI installs it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

NO_OUTSIDE = "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
                  "--metrics-recording-only", "--disable-domain-reliability", "--disable-breakpad",
                  f"--host-resolver-rules={NO_OUTSIDE}"]


def chromium() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: CI must install it (see .ci/run)")
    pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-cjk)")


def playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("playwright is missing: it is in the test extra of setup.cfg")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright
