"""training: optimizers that learn, divergence that is reported, and runs that replay exactly."""

import numpy as np
import pytest

from app.engine import backprop as bp
from app.engine import datasets
from app.engine.network import Network, build
from app.engine.training import TrainOptions, batch_indices, train

# Settings found by trying, then fixed: each reaches C < 0.05 on XOR in about a third of the steps.
XOR_SETTINGS = {"sgd": (1.0, 300), "momentum": (0.1, 300), "adam": (0.05, 300)}


def xor_net(seed=0) -> Network:
    return build([2, 4, 1], [None, "tanh", "sigmoid"], seed=seed)


def params(net: Network) -> list[np.ndarray]:
    return [p.copy() for p in net.parameters()]


def assert_same_net(a: Network, b: Network):
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("optimizer", list(XOR_SETTINGS))
def test_each_optimizer_learns_xor(xor, optimizer):
    x, y = xor
    lr, steps = XOR_SETTINGS[optimizer]
    net = xor_net()
    before = bp.cost(net, x, y, "mse")
    res = train(net, x, y, TrainOptions(learning_rate=lr, steps=steps, optimizer=optimizer, seed=0))
    after = bp.cost(res.net, x, y, "mse")
    assert before > 0.25  # an untrained 2-4-1 network is no better than guessing
    assert res.diverged is None
    assert after < 0.05
    assert [h.step for h in res.history] == list(range(steps))
    assert res.history[0].loss == pytest.approx(before, rel=1e-12)  # costs are taken before each update
    a = bp.forward(res.net, x).a[-1]
    np.testing.assert_array_equal(a > 0.5, y == 1)
    assert_same_net(net, xor_net())  # the caller's network is left as it was


# ---- divergence ---------------------------------------------------------------------------


def first_nonfinite_after_sgd(net: Network, x, y, lr):
    """Where one sgd step on mse first breaks: forward z^l, a^l (l = 1..L), then C, then the update."""
    a = x
    with np.errstate(all="ignore"):
        for l in range(1, net.L + 1):
            z = a @ net.W[l].T + net.b[l]
            if not np.all(np.isfinite(z)):
                return l, "z"
            a = {"linear": z, "relu": np.maximum(z, 0), "tanh": np.tanh(z), "sigmoid": 1 / (1 + np.exp(-z))}[
                net.activations[l]
            ]
            if not np.all(np.isfinite(a)):
                return l, "a"
        if not np.isfinite(np.mean((a - y) ** 2)):
            return net.L, "C"
        g = bp.backward(net, bp.forward(net, x), y, "mse")
        for l in range(net.L, 0, -1):
            assert np.all(np.isfinite(g.dC_dz[l])), "a test setup for the update branch, not for backward"
        for l in range(1, net.L + 1):
            for name, p, d in (("W", net.W[l], g.dC_dW[l]), ("b", net.b[l], g.dC_db[l])):
                if not np.all(np.isfinite(p - lr * d)):
                    return l, name
    return None


DIVERGING = [
    # sizes, activations, x, y, learning rate
    ([1, 3, 1], ["linear", "linear"], [[1.0], [2.0], [3.0]], [[1.0], [2.0], [3.0]], 10.0),
    ([1, 3, 1], ["linear", "linear"], [[1.0], [2.0], [3.0]], [[1.0], [2.0], [3.0]], 1e3),
    ([1, 4, 4, 1], ["linear", "linear", "linear"], [[1.0], [2.0], [3.0]], [[1.0], [2.0], [3.0]], 100.0),
    ([1, 3, 1], ["relu", "linear"], [[1.0], [2.0], [3.0]], [[1.0], [2.0], [3.0]], 100.0),
    ([1, 3, 1], ["sigmoid", "linear"], [[1.0]], [[100.0]], 1e308),  # the very first update overflows
]


@pytest.mark.parametrize("sizes,acts,x,y,lr", DIVERGING)
def test_diverging_training_stops_with_the_step_and_the_layer(sizes, acts, x, y, lr):
    x, y = np.array(x), np.array(y)
    net = build(sizes, [None] + acts, seed=0)
    res = train(net, x, y, TrainOptions(learning_rate=lr, steps=300))
    d = res.diverged
    assert d is not None
    assert [h.step for h in res.history] == list(range(d.step))  # every step before it, none after
    assert all(np.isfinite(h.loss) for h in res.history)
    assert all(np.all(np.isfinite(p)) for p in res.net.parameters())
    assert res.state.t == d.step  # the failed step is not taken: the state matches the network returned
    # the network returned is the one the failing step started from...
    assert_same_net(res.net, train(net, x, y, TrainOptions(learning_rate=lr, steps=d.step)).net)
    # ...and from it, one step breaks exactly where the report says
    assert (d.layer, d.quantity) == first_nonfinite_after_sgd(res.net, x, y, lr)


def test_the_first_update_overflowing_returns_the_starting_network():
    net = build([1, 3, 1], [None, "sigmoid", "linear"], seed=0)
    res = train(net, np.array([[1.0]]), np.array([[100.0]]), TrainOptions(learning_rate=1e308, steps=10))
    assert (res.diverged.step, res.diverged.layer, res.diverged.quantity) == (0, 1, "W")
    assert res.history == []
    assert_same_net(res.net, net)


# ---- determinism and replay -----------------------------------------------------------------


def circle(n=10):
    return datasets.make("circle", n, 0.1, 0)


def test_training_is_deterministic_for_a_seed():
    x, y = circle(20)
    net = build([2, 5, 1], [None, "relu", "sigmoid"], seed=1)
    kw = dict(loss="binary_cross_entropy", learning_rate=0.05, steps=25, optimizer="adam", batch_size=3)
    a, b, c = train(net, x, y, TrainOptions(seed=7, **kw)), train(net, x, y, TrainOptions(seed=7, **kw)), train(net, x, y, TrainOptions(seed=8, **kw))
    assert_same_net(a.net, b.net)
    assert [h.loss for h in a.history] == [h.loss for h in b.history]
    assert [h.loss for h in a.history] != [h.loss for h in c.history]  # another seed, other minibatches


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
@pytest.mark.parametrize("batch_size", [None, 3])
def test_training_in_chunks_equals_one_run(optimizer, batch_size):
    """4 requests of 7 steps, each fed the state the last returned, = one request of 28 (epochs of 4 minibatches)."""
    x, y = circle(10)
    net = build([2, 4, 1], [None, "tanh", "sigmoid"], seed=2)
    kw = dict(loss="mse", learning_rate=0.1, optimizer=optimizer, batch_size=batch_size, seed=3)
    whole = train(net, x, y, TrainOptions(steps=28, **kw))
    state, history, part = None, [], net
    for _ in range(4):
        res = train(part, x, y, TrainOptions(steps=7, **kw), state=state)
        part, state = res.net, res.state
        history += res.history
    assert_same_net(part, whole.net)
    assert [(h.step, h.loss) for h in history] == [(h.step, h.loss) for h in whole.history]
    assert state.t == whole.state.t == 28


def test_minibatches_partition_each_epoch():
    assert batch_indices(5, 10, None, 0) is None
    assert batch_indices(5, 10, 10, 0) is None  # a batch as large as the data is the full batch
    epoch = [batch_indices(t, 10, 4, seed=1) for t in range(3)]  # 10 samples in batches of 4: 4, 4, 2
    assert [len(i) for i in epoch] == [4, 4, 2]
    assert sorted(np.concatenate(epoch).tolist()) == list(range(10))
    np.testing.assert_array_equal(batch_indices(4, 10, 4, seed=1), batch_indices(4, 10, 4, seed=1))
    assert not np.array_equal(np.concatenate(epoch), np.concatenate([batch_indices(t, 10, 4, 1) for t in (3, 4, 5)]))


# ---- what each step does --------------------------------------------------------------------


def test_sgd_step_with_l2_adds_lambda_W_to_the_weight_gradient():
    x, y = circle(10)
    net = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=4)
    lr, lam = 0.3, 0.05
    g = bp.backward(net, bp.forward(net, x), y, "mse")
    res = train(net, x, y, TrainOptions(learning_rate=lr, steps=1, l2=lam))
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(res.net.W[l], net.W[l] - lr * (g.dC_dW[l] + lam * net.W[l]), rtol=1e-14)
        np.testing.assert_allclose(res.net.b[l], net.b[l] - lr * g.dC_db[l], rtol=1e-14)  # no decay on biases


def test_momentum_steps_by_hand():
    """v₁ = g₁, Δ₁ = -η g₁; v₂ = 0.9 v₁ + g₂, Δ₂ = -η v₂."""
    x, y = circle(10)
    net = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=4)
    lr = 0.2
    g1 = bp.backward(net, bp.forward(net, x), y, "mse")
    one = train(net, x, y, TrainOptions(learning_rate=lr, steps=1, optimizer="momentum")).net
    g2 = bp.backward(one, bp.forward(one, x), y, "mse")
    two = train(net, x, y, TrainOptions(learning_rate=lr, steps=2, optimizer="momentum")).net
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(one.W[l], net.W[l] - lr * g1.dC_dW[l], rtol=1e-14)
        v2 = 0.9 * g1.dC_dW[l] + g2.dC_dW[l]
        np.testing.assert_allclose(two.W[l], one.W[l] - lr * v2, rtol=1e-13)


def test_adam_first_step_moves_each_parameter_by_the_learning_rate():
    """Step 1: m̂ = g and v̂ = g², so Δ = -η g / (|g| + 1e-8) ≈ -η sign(g) for every parameter."""
    x, y = circle(10)
    net = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=4)
    lr = 0.01
    g = bp.backward(net, bp.forward(net, x), y, "mse")
    res = train(net, x, y, TrainOptions(learning_rate=lr, steps=1, optimizer="adam"))
    for l in range(1, net.L + 1):
        for new, old, grad in ((res.net.W[l], net.W[l], g.dC_dW[l]), (res.net.b[l], net.b[l], g.dC_db[l])):
            np.testing.assert_allclose(new - old, -lr * grad / (np.abs(grad) + 1e-8), rtol=1e-9, atol=1e-17)


def test_predicted_change_is_minus_eta_times_the_squared_gradient_norm_for_sgd():
    x, y = circle(10)
    net = build([2, 4, 1], [None, "tanh", "sigmoid"], seed=5)
    lr, steps = 1e-3, 5
    res = train(net, x, y, TrainOptions(learning_rate=lr, steps=steps, diagnostics=True))
    for h in res.history:
        at = train(net, x, y, TrainOptions(learning_rate=lr, steps=h.step)).net  # θ before step h.step
        g = bp.backward(at, bp.forward(at, x), y, "mse")
        sq = sum(float(np.sum(d**2)) for d in g.dC_dW[1:] + g.dC_db[1:])
        assert h.predicted_change == pytest.approx(-lr * sq, rel=1e-12)
        assert h.grad_norms == pytest.approx([float(np.linalg.norm(d)) for d in g.dC_dW[1:]], rel=1e-12)
        assert h.actual_change == pytest.approx(h.predicted_change, rel=1e-2)  # first order, for a small η
        assert h.actual_change == pytest.approx(bp.cost(train(at, x, y, TrainOptions(learning_rate=lr, steps=1)).net, x, y, "mse") - h.loss)


def test_record_every_keeps_the_last_step_and_the_test_cost_before_each_update():
    x, y = circle(10)
    xt, yt = datasets.make("circle", 6, 0.1, 9)
    net = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=6)
    res = train(net, x, y, TrainOptions(learning_rate=0.5, steps=12, record_every=5), x_test=xt, y_test=yt)
    assert [h.step for h in res.history] == [0, 5, 10, 11]
    for h in res.history:
        at = train(net, x, y, TrainOptions(learning_rate=0.5, steps=h.step)).net
        assert h.loss == pytest.approx(bp.cost(at, x, y, "mse"), rel=1e-12)
        assert h.test_loss == pytest.approx(bp.cost(at, xt, yt, "mse"), rel=1e-12)


def test_a_full_batch_step_takes_one_forward_pass_however_much_it_records(monkeypatch, numpy_engine):
    """The cost after step k is the cost at the start of step k+1: the measured change reuses that pass, and the
    last step's is the result's trace (the trained network on the whole batch), which the service reuses too.
    (The numpy loop's; fused.c's does the same, in C.)"""
    from app.engine import training

    x, y = circle(10)
    xt, yt = circle(4)
    net = build([2, 3, 1], [None, "tanh", "sigmoid"], seed=6)
    options = TrainOptions(learning_rate=0.5, steps=7, diagnostics=True)
    plain = train(net, x, y, options)
    calls = []
    monkeypatch.setattr(training, "forward", lambda n, data: calls.append(len(data)) or bp.forward(n, data))
    res = train(net, x, y, options, x_test=xt, y_test=yt)
    assert calls == [len(x)] * 8  # θ_0 … θ_7 once each: θ_7's pass is the last step's change and the result's trace
    assert [(h.loss, h.actual_change, h.predicted_change) for h in res.history] == [
        (h.loss, h.actual_change, h.predicted_change) for h in plain.history]
    assert res.trace.a[-1].tolist() == bp.forward(res.net, x).a[-1].tolist()


# ---- what a run's diagnostics say: ‖dC/db^l‖ and each layer's saturated share -----------------


def test_bias_norms_are_the_norms_of_dC_db():
    x, y = circle(10)
    net = build([2, 4, 1], [None, "tanh", "sigmoid"], seed=5)
    res = train(net, x, y, TrainOptions(learning_rate=1e-3, steps=1, diagnostics=True))
    g = bp.backward(net, bp.forward(net, x), y, "mse")
    assert res.history[0].bias_norms == pytest.approx([float(np.linalg.norm(d)) for d in g.dC_db[1:]], rel=1e-12)


def test_saturation_counts_the_units_that_pass_no_gradient_back():
    from app.engine.training import saturation

    x = np.array([[0.5, -0.5], [1.0, 1.0], [-1.0, 0.2]])
    net = build([2, 3, 2], [None, "sigmoid", "relu"], seed=0)
    # layer 1: unit 0 saturated on every sample (z ≥ 20), unit 1 in the middle (z = 0), unit 2 saturated (z ≤ −20)
    net.W[1] = np.zeros((3, 2))
    net.b[1] = np.array([20.0, 0.0, -20.0])
    # layer 2 (relu): unit 0 dead (z < 0 on every sample), unit 1 alive
    net.W[2] = np.zeros((2, 3))
    net.b[2] = np.array([-1.0, 1.0])
    trace = bp.forward(net, x)
    # σ'(±20)/¼ = 4e^{-20} ≈ 8e-9 < 1 %, σ'(0)/¼ = 1: two of three units
    assert saturation(net, trace) == pytest.approx([2 / 3, 1 / 2])
    net.b[1] = np.array([4.0, 0.0, -4.0])  # σ'(4)/¼ = 0.07: not saturated
    assert saturation(net, bp.forward(net, x))[0] == 0
