"""create_app() applies the process-wide settings; importing the engine changes nothing outside it."""
import os
import subprocess
import sys

from app import main
from app.settings import ROOT


def test_create_app_sets_the_malloc_thresholds(monkeypatch):
    calls = []
    monkeypatch.setattr(main, "keep_freed_memory", lambda: calls.append(True) or True)
    main.create_app()
    assert calls == [True]


def test_create_app_freezes_what_lives_as_long_as_the_process_once(monkeypatch):
    import gc

    from app import memory

    calls = []
    monkeypatch.setattr(main, "freeze_startup_objects", lambda: calls.append(True) or True)
    main.create_app()
    assert calls == [True]
    monkeypatch.setattr(memory, "_frozen", False)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    assert memory.freeze_startup_objects() and not memory.freeze_startup_objects()
    assert calls == [True, "freeze"]


def test_the_engine_imports_no_web_code_and_sets_nothing_process_wide():
    code = (
        "import sys\n"
        "import app.engine.backprop, app.engine.datasets, app.engine.training\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "print(sorted(loaded & {'fastapi', 'pydantic', 'starlette', 'app.memory', 'app.settings'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_access_log_and_gzip_can_be_left_to_a_proxy(settings, monkeypatch):
    """BACKPROP_ACCESS_LOG=false empties uvicorn's access logger as its --no-access-log does (it then logs nothing);
    BACKPROP_GZIP=false leaves answers uncompressed (deploy/nginx.conf compresses them)."""
    import logging

    from fastapi.testclient import TestClient

    access = logging.getLogger("uvicorn.access")
    monkeypatch.setattr(access, "handlers", [logging.NullHandler()])
    monkeypatch.setattr(access, "propagate", True)
    main.create_app()
    assert access.hasHandlers(), "on by default"
    settings(access_log="false", gzip="false")
    app = main.create_app()
    assert not access.hasHandlers()
    big = TestClient(app).get("/api/v1/datasets/spiral?samples=2000", headers={"accept-encoding": "gzip"})
    assert big.status_code == 200 and "content-encoding" not in big.headers


def test_a_wrong_setting_stops_the_server_with_a_line_naming_its_variable():
    """uvicorn started with BACKPROP_GZIP=maybe and BACKPROP_MAX_LAYERS=abc exits 1, saying which variables and why
    (no traceback)."""
    env = {**os.environ, "BACKPROP_GZIP": "maybe", "BACKPROP_MAX_LAYERS": "abc"}
    out = subprocess.run([sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app", "--port", "0"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "backprop-viz cannot start, a setting is wrong" in out.stderr
    assert "BACKPROP_GZIP='maybe': Input should be a valid boolean" in out.stderr
    assert "BACKPROP_MAX_LAYERS='abc': Input should be a valid integer" in out.stderr
    assert "Traceback" not in out.stderr
