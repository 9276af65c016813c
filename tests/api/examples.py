"""What the API's tests share: the 2-2-1 network of the hand derivation, a body on it, and a strict-JSON POST."""
import math

from tests.conftest import strict_json

# The 2-2-1 network of the hand derivation; the tests work its numbers out with plain math.
NET = {
    "layers": [{"size": 2}, {"size": 2, "activation": "sigmoid"}, {"size": 1, "activation": "sigmoid"}],
    "weights": [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45]]],
    "biases": [[0.35, 0.35], [0.6]],
}
BODY = {"network": NET, "input": [0.05, 0.1], "target": [0.01]}


def sig(z):
    return 1 / (1 + math.exp(-z))


def post(client, path, body):
    r = client.post(path, json=body)
    return r, strict_json(r.text)


def with_net(**net):
    return {**BODY, "network": {**NET, **net}}
