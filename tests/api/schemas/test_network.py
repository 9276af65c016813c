"""schemas/network.py: what a network must be, read back as the 422 answer's items, without HTTP."""
import pytest

from app.api.schemas import EXAMPLE_NETWORK, Network


def net(**changes) -> dict:
    return {**EXAMPLE_NETWORK, **changes}


def test_a_left_out_activation_stays_left_out_and_resolves_to_sigmoid():
    n = Network.model_validate({"layers": [{"size": 2}, {"size": 3}, {"size": 1, "activation": "tanh"}]})
    assert [layer["activation"] for layer in n.layers] == [None, None, "tanh"]  # validation rewrote nothing
    assert n.activations == [None, "sigmoid", "tanh"]
    assert n.sizes == [2, 3, 1] and n.parameter_count == 3 * 3 + 1 * 4


def test_the_example_is_valid_and_kept_as_given():
    n = Network.model_validate(EXAMPLE_NETWORK)
    assert n.weights == EXAMPLE_NETWORK["weights"] and n.biases == EXAMPLE_NETWORK["biases"] and n.seed is None


@pytest.mark.parametrize("data,field,message", [
    (net(layers=[{"size": 2, "activation": "relu"}, {"size": 2}, {"size": 1}]), "layers[0].activation",
     "layers[0] is the input layer: it takes no activation (leave it out)"),
    (net(layers=[{"size": 2}, {"size": 2, "activation": "softmax"}, {"size": 1}]), "layers[1].activation",
     "softmax is only allowed on the output layer (layer 2), not on layer 1"),
    (net(weights=[[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.5]]]), "weights[1]",
     "weights[1] is 2×2, but layer 2 has 1 node and layer 1 has 2: expected 1×2"),
    (net(biases=[[0.35], [0.6]]), "biases[0]", "biases[0] has 1 value, but layer 1 has 2 nodes: expected 2"),
    (net(layers=[{"size": 2}, {"size": 2, "shape": "round"}, {"size": 1}]), "layers[1].shape",
     "layers[1].shape is not a field this endpoint knows (check its spelling)"),
    (net(layers=[{"size": 2}, 3]), "layers[1]", "layers[1] must be a JSON object"),
    (net(layers=[{"size": 2}, {"size": True}]), "layers[1].size", "layers[1].size must be a whole number"),
    (net(seed=2**32), "seed", "seed must be at most 4294967295"),
])
def test_broken_networks_are_refused_naming_the_field(refusal, data, field, message):
    assert refusal(Network, data)[0] == (field, message)


def test_limits_come_first_from_the_sizes_alone(refusal, settings):
    settings(max_nodes=4, max_parameters=20)
    assert refusal(Network, {"layers": [{"size": 2}, {"size": 10**9}]}) == [
        ("layers[1].size", "layers[1].size is 1,000,000,000, over the limit of 4 (BACKPROP_MAX_NODES)")
    ]
    assert refusal(Network, {"layers": [{"size": 4}, {"size": 4}, {"size": 4}]}) == [
        ("layers", "the number of weights and biases is 40, over the limit of 20 (BACKPROP_MAX_PARAMETERS)")
    ]
