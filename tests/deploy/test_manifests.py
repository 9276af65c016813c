"""docker-compose.yml and deploy/k8s/ agree with the image and the app: ports, probes, limits."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load(path: str) -> dict:
    return yaml.safe_load((ROOT / path).read_text())


def dockerfile(instruction: str) -> int:
    """The number after EXPOSE or USER in the Dockerfile."""
    return int(re.search(rf"^{instruction} (\d+)$", (ROOT / "Dockerfile").read_text(), re.M)[1])


def test_kubernetes_probes_hit_healthz_on_the_image_port(client):
    deployment = load("deploy/k8s/deployment.yaml")
    pod = deployment["spec"]["template"]["spec"]
    (app,) = pod["containers"]
    ports = {p["name"]: p["containerPort"] for p in app["ports"]}
    assert ports == {"http": dockerfile("EXPOSE")}
    for probe in ("readinessProbe", "livenessProbe"):
        assert app[probe]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert client.get("/healthz").status_code == 200
    for kind in ("limits", "requests"):
        assert set(app["resources"][kind]) == {"cpu", "memory"}
    assert deployment["spec"]["replicas"] >= 2
    assert pod["securityContext"]["runAsUser"] == dockerfile("USER")


def test_kubernetes_service_selects_the_deployment():
    deployment, service = load("deploy/k8s/deployment.yaml"), load("deploy/k8s/service.yaml")
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]
    assert service["spec"]["ports"][0]["targetPort"] == "http"


def test_compose_runs_replicas_behind_the_proxy():
    services = load("docker-compose.yml")["services"]
    assert services["app"]["deploy"]["replicas"] >= 2
    assert services["proxy"]["build"]["dockerfile"] == "deploy/proxy.Dockerfile"
    assert services["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert "COPY deploy/nginx.conf /etc/nginx/nginx.conf" in (ROOT / "deploy/proxy.Dockerfile").read_text()
    assert f"server app:{dockerfile('EXPOSE')};" in (ROOT / "deploy/nginx.conf").read_text()
