"""What the tests and the benchmarks share: a free loopback port, a real uvicorn serving the app,
Debian's chromium, and the page's #s= links."""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Without the background-networking flags, chromium keeps dialling out of this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for name in ("/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if name and os.access(name, os.X_OK):
            return name
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 20.0, proc: subprocess.Popen | None = None) -> None:
    """Until `url` answers 200; fails early when `proc`, the server behind it, has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def serve(factory: str = "app.main:create_app", flags: tuple[str, ...] = ("--log-level", "warning"),
          log=None, port: int | None = None, timeout: float = 30.0) -> tuple[subprocess.Popen, str]:
    """uvicorn serving `factory` on a loopback port; returns the process and its base URL once /healthz answers."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1", "--port", str(port), *flags]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=log,
                            stderr=subprocess.STDOUT if log else None)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/healthz", timeout, proc)
    except RuntimeError as e:
        proc.terminate()
        raise RuntimeError(f"{e}{f'; see {log.name}' if log else ''}") from None
    return proc, url


def fragment(state: dict) -> str:
    """The page's URL fragment for a state: #s= + base64url (no padding) of its UTF-8 JSON."""
    return "#s=" + base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")


def sigmoid_state(sizes: list[int]) -> dict:
    """A page state: a sigmoid network of these layer sizes (weights from seed 0) and one sample."""
    return {
        "network": {"layers": [{"size": sizes[0]}] + [{"size": n, "activation": "sigmoid"} for n in sizes[1:]], "seed": 0},
        "input": [[0.1 * (k + 1) for k in range(sizes[0])]],
        "target": [[1.0] * sizes[-1]],
        "loss": "mse",
    }
