"""What the tests and the benchmarks share: a free loopback port, a real uvicorn serving the app, nginx in
front of replicas with deploy/nginx.conf, Debian's chromium, and the page's #s= links."""
import base64
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


def poll(page, js: str, ok, timeout: float = 30.0):
    """Evaluate `js` in the Playwright page until ok(value) holds, and return that value (the page's CSP
    forbids wait_for_function's eval); an AssertionError with the last value when it never does."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = page.evaluate(js)
        if ok(value):
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"{js} never satisfied the condition; last value {value!r}")


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


# As the image and `make run` start the server: numpy's BLAS on one thread per process (its idle threads
# spin: a large pass took six times the CPU time on two threads).
SERVER_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def serve(factory: str = "app.main:create_app", flags: tuple[str, ...] = ("--log-level", "warning"),
          log=None, port: int | None = None, timeout: float = 30.0, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """uvicorn serving `factory` on a loopback port (`env`: more environment variables, e.g. BACKPROP_ settings);
    returns the process and its base URL once /healthz answers."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1", "--port", str(port), *flags]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), **SERVER_ENV, **(env or {})), stdout=log,
                            stderr=subprocess.STDOUT if log else None)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/healthz", timeout, proc)
    except RuntimeError as e:
        proc.terminate()
        raise RuntimeError(f"{e}{f'; see {log.name}' if log else ''}") from None
    return proc, url


def compose_env() -> dict[str, str]:
    """The app's environment in docker-compose.yml, as the replicas behind nginx run (BACKPROP_GZIP, _ACCESS_LOG, …)."""
    import yaml

    env = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["app"]["environment"]
    return {k: str(v) for k, v in env.items()}


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) process `pid` has used so far, its threads included, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14 and 15 of stat(5)


def nginx_binary() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def nginx_config(port: int, replicas: list[int], prefix: Path) -> str:
    """deploy/nginx.conf with these replicas and this port; everything else as shipped."""
    conf = (ROOT / "deploy/nginx.conf").read_text()
    servers = "".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n        " for p in replicas)
    temp = "".join(f"{d}_temp_path {prefix}/{d};\n    " for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    edits = {"server app:8000;": servers, "listen 80;": f"listen 127.0.0.1:{port};", "http {\n": "http {\n    " + temp}
    for old, new in edits.items():
        assert conf.count(old) == 1, f"deploy/nginx.conf should hold `{old.strip()}` once"
        conf = conf.replace(old, new)
    return conf


@contextlib.contextmanager
def nginx(replicas: list[int]):
    """Debian's nginx with deploy/nginx.conf in front of the replicas' ports, from a temporary prefix (root or not).
    Yields {"url", "log" (its access log), "pid"}; stops it gracefully, so that the log is complete."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is missing (apt-get install nginx-light; make nginx does it as root)")
    # Readable by nginx's workers, which run as nobody when this runs as root (large bodies go to temp files).
    tmp = Path(tempfile.mkdtemp(prefix="bpnginx-"))
    tmp.chmod(0o755)
    proxy = None
    try:
        port = free_port()
        (tmp / "nginx.conf").write_text(nginx_config(port, replicas, tmp))
        access_log = tmp / "access.log"
        proxy = subprocess.Popen(
            [binary, "-p", tmp, "-c", tmp / "nginx.conf", "-e", tmp / "error.log", "-g", f"daemon off; pid {tmp}/nginx.pid;"],
            stdout=access_log.open("w"), stderr=(tmp / "stderr.log").open("w"),
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz", timeout=10, proc=proxy)
        except RuntimeError:
            raise RuntimeError("nginx did not start:\n" + (tmp / "stderr.log").read_text()
                               + (tmp / "error.log").read_text()) from None
        yield {"url": f"http://127.0.0.1:{port}", "log": access_log, "pid": proxy.pid}
    finally:
        if proxy:
            proxy.send_signal(signal.SIGQUIT)  # graceful: workers finish and flush the access log
            proxy.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


def process_tree_cpu(pid: int) -> float:
    """CPU seconds of a process and of its live children (nginx's workers; a server's heavy-requests process)."""
    total = cpu_seconds(pid)
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                total += process_tree_cpu(int(child))
    return total


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
