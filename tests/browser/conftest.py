"""Browser fixtures: the app served by uvicorn on a free loopback port, and Debian's chromium.

With CI=true a missing chromium fails the run; elsewhere the browser tests skip.
"""
import os
import subprocess

import pytest

from bench.support import CHROMIUM_ARGS, ROOT, chromium_path, serve


@pytest.fixture(scope="session")
def live_server():
    """The base URL of a real uvicorn serving create_app()."""
    bundle = ROOT / "static/vendor/app.js"
    sources = list((ROOT / "static/js").rglob("*.js"))
    if not bundle.exists() or max(p.stat().st_mtime for p in sources) > bundle.stat().st_mtime:
        # the page runs the bundle of static/js: never test an old one
        if not (ROOT / "node_modules/.bin/esbuild").exists():
            pytest.fail("static/vendor is missing or older than static/js: run `make assets` (make test does it)")
        subprocess.run([str(ROOT / "scripts/build-assets.sh")], check=True)
    proc, url = serve()
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed, and CI=true: the browser tests must run")
        pytest.skip("chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh page at 1280×800; console errors and page errors are collected in page.errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server)
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()
