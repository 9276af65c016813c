"""fused.c: the compiled kernel trains and predicts as the numpy engine does, and hands back to it whatever it does not take.

The numpy engine is the reference: each test runs the same training both ways (the reference with fused.LIB set
aside, as the fixture numpy_engine does) and compares them to a few bits, or checks that the kernel is not called.
"""

import copy
import math

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from app.engine import backprop as bp
from app.engine import datasets, fused
from app.engine.network import Network, build
from app.engine.training import OPTIMIZERS, OptimizerState, TrainOptions, train

from .conftest import HIDDEN, OUTPUT_LOSS, problems

# Parameters, moments, traces, gradients: the same arithmetic in the same order, rounded alike but for numpy's BLAS
# (its own order of a product's sums, fused multiply-adds). An entry much smaller than its array's largest is a sum that
# cancelled, and is compared at rtol × that largest (see assert_close).
# A run that magnifies the last bits' differences step after step (one that overflows or grows large, chaos through relu
# kinks) is compared to at most RUNAWAY: by default when its parameters pass 1e3 or it diverged, and in the random runs
# at 100 times the spread numpy's own run shows when its start moves by a rounding (see wobbled).
RTOL, RUNAWAY = 1e-10, 1e-6


def params(rtol: float = RTOL) -> dict:
    return dict(rtol=rtol, atol=1e-13, scaled=True)


def reference(*args, **kwargs):
    """train(...) by the numpy engine alone."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fused, "LIB", None)
        return train(*args, **kwargs)


def kernel(*args, **kwargs):
    """train(...) as the app runs it, and what each call of fused.steps returned: [(steps taken, diverged)]."""
    calls = []
    steps = fused.steps

    def spy(*a, **k):
        out = steps(*a, **k)
        calls.append((out["done"], out["diverged"]))
        return out

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(fused, "steps", spy)
        return train(*args, **kwargs), calls


def takes(net: Network, loss: str, optimizer: str = "sgd", full_batch: bool = True, samples: int = 1) -> bool:
    return fused.takes(net, loss=loss, optimizer=optimizer, full_batch=full_batch, samples=samples)


def refuse(*args, **kwargs):
    raise AssertionError("fused.steps called for a run it does not take")


def assert_close(actual, expected, what, rtol, atol, scaled=False):
    """Two arrays (or two Nones) equal to the tolerance, NaN and ±inf in the same places. scaled: atol grows by rtol × the
    largest finite |expected|, for entries near 0 that are sums of larger terms."""
    if expected is None or actual is None:
        assert actual is None and expected is None, what
        return
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, (what, actual.shape, expected.shape)
    finite = np.abs(expected[np.isfinite(expected)])
    if scaled and finite.size:
        atol += rtol * float(finite.max())
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, err_msg=what)


def assert_same_net(a: Network, b: Network, **tol):
    assert a.sizes == b.sizes and a.activations == b.activations
    for l in range(1, a.L + 1):
        assert_close(a.W[l], b.W[l], f"W^{l}", **(tol or params()))
        assert_close(a.b[l], b.b[l], f"b^{l}", **(tol or params()))


def assert_same_state(a: OptimizerState, b: OptimizerState, rtol: float = RTOL):
    assert a.t == b.t
    for name in ("m", "v"):
        ma, mb = getattr(a, name), getattr(b, name)
        assert (ma is None) == (mb is None), name
        if mb is not None:
            assert len(ma) == len(mb)
            for k, (p, q) in enumerate(zip(ma, mb)):
                assert_close(p, q, f"state.{name}[{k}]", **params(rtol))


def assert_same_history(got, want, rtol: float = 1e-9):
    """The same steps recorded, each number equal to rtol, None where the reference has None. A change of C is a
    difference of two costs, compared to 1e-12 of the cost."""
    assert [h.step for h in got] == [h.step for h in want]
    for g, w in zip(got, want):
        assert g.loss == pytest.approx(w.loss, rel=rtol, abs=1e-15), ("loss", w.step)
        for name in ("test_loss", "predicted_change", "actual_change", "grad_norms", "bias_norms"):
            a, b = getattr(g, name), getattr(w, name)
            assert (a is None) == (b is None), (name, w.step, a, b)
            if b is None:
                continue
            if name in ("predicted_change", "actual_change"):
                assert_close(a, b, f"{name} at step {w.step}", rtol=rtol, atol=1e-12 * max(1.0, abs(w.loss)))
            else:
                assert_close(a, b, f"{name} at step {w.step}", rtol=rtol, atol=1e-15, scaled=True)


def assert_same_trace(got: bp.Trace, want: bp.Trace, net: Network, rtol: float = RTOL):
    """z^l and a^l as the reference's; σ'(z^l) as numpy's activation gives it at the kernel's own z^l (a saturated σ' is
    |z| times as sensitive to z as z itself: the same z is the fair comparison), None for softmax."""
    for l in range(1, net.L + 1):
        assert_close(got.z[l], want.z[l], f"trace z^{l}", **params(rtol))
        assert_close(got.a[l], want.a[l], f"trace a^{l}", **params(rtol))
        with np.errstate(all="ignore"):
            a, d = net.act(l).f(got.z[l])
        assert_close(got.a[l], a, f"trace a^{l} of its z^{l}", rtol=1e-13, atol=1e-300, scaled=True)
        assert_close(got.da_dz[l], d, f"trace da/dz^{l} of its z^{l}", rtol=1e-13, atol=1e-300, scaled=True)


def assert_gradients_at(res, x, y, loss, rtol: float = RTOL):
    """res.gradients: dC/dW^l and dC/db^l of res.net on the whole training set, as numpy's backward pass gives them."""
    g = bp.backward(res.net, bp.forward(res.net, x), y, loss)
    dW, db = res.gradients
    assert dW[0] is None and db[0] is None
    for l in range(1, res.net.L + 1):
        assert_close(dW[l], g.dC_dW[l], f"dC/dW^{l}", **params(rtol))
        assert_close(db[l], g.dC_db[l], f"dC/db^{l}", **params(rtol))


def assert_test_trace(res, x_test):
    """res.test_trace: res.net's forward pass on the test set, as numpy's gives it (None without a test set)."""
    if x_test is None or not len(x_test):
        assert res.test_trace is None
    else:
        assert_same_trace(res.test_trace, bp.forward(res.net, x_test), res.net)


def runaway(res) -> bool:
    """Whether a run blew up: it overflowed, or its parameters grew far beyond their start."""
    return res.diverged is not None or max(float(np.max(np.abs(p))) for p in res.net.parameters()) > 1e3


def wobbled(net: Network) -> Network:
    """net with every parameter but the zeros moved by one unit in the last place, up and down in turn: a rounding's worth.
    (Zeros stay: a bias of 0 on an input of 0 is a z of exactly 0 in both engines, at a relu's kink.)"""
    out = net.copy()
    for p in out.parameters():
        p += np.spacing(p) * np.resize([1.0, -1.0], p.size).reshape(p.shape) * (p != 0)
    return out


def spread(a, b) -> float:
    """How far apart two runs ended: their parameters' and moments' largest difference, relative to each array's largest
    entry (or to 1e-3: params()'s atol over its rtol)."""
    pairs = list(zip(a.net.parameters(), b.net.parameters()))
    for name in ("m", "v"):
        ma, mb = getattr(a.state, name), getattr(b.state, name)
        if (ma is None) != (mb is None):
            return math.inf
        pairs += zip(ma or [], mb or [])
    with np.errstate(all="ignore"):
        d = [float(np.max(np.abs(p - q))) / (float(np.max(np.abs(q))) + 1e-3) for p, q in pairs if q.size]
    return max(d, default=0.0) if all(map(math.isfinite, d)) else math.inf


def assert_same_run(res, ref, x, y, loss, rtol: float | None = None):
    """res (the kernel's path) and ref (numpy's) trained alike: the same steps, the same divergence, and every number
    equal to rtol (by default RTOL, RUNAWAY for a run that blew up)."""
    rtol = rtol or (RUNAWAY if runaway(ref) else RTOL)
    assert res.diverged == ref.diverged
    assert_same_history(res.history, ref.history, 10 * rtol)
    assert_same_net(res.net, ref.net, **params(rtol))
    assert_same_state(res.state, ref.state, rtol)
    assert_same_trace(res.trace, ref.trace, ref.net, rtol)
    assert ref.gradients is None and ref.test_trace is None  # only fused.c leaves them


# ---- the library -------------------------------------------------------------------------------


def test_the_kernel_is_built_and_loaded():
    """Without it every test below would compare numpy with itself, and the app would train in numpy alone."""
    assert fused.LIB is not None, f"{fused.PATH} is missing or does not load: run `make deps` (scripts/build-kernel.sh builds it)"


# ---- the kernel's steps equal numpy's ----------------------------------------------------------

VALUES = st.floats(-2, 2, allow_nan=False, allow_infinity=False)


def targets(loss: str, B: int, n: int):
    if loss == "mse":
        return arrays(np.float64, (B, n), elements=st.floats(-1, 1))
    if loss == "binary_cross_entropy":
        return arrays(np.float64, (B, n), elements=st.floats(0, 1))
    one_hot = st.lists(st.integers(0, n - 1), min_size=B, max_size=B).map(lambda k: np.eye(n)[k])
    soft = arrays(np.float64, (B, n), elements=st.floats(0.01, 1)).map(lambda p: p / p.sum(axis=1, keepdims=True))
    return one_hot | soft  # class probabilities: rows that sum to 1


@st.composite
def runs(draw):
    """A network (2 to 4 layers counting the input), a batch (and maybe a test set), options, and maybe a state to start from."""
    L = draw(st.integers(1, 3))
    output, loss = draw(st.sampled_from(OUTPUT_LOSS))
    acts = [None, *draw(st.lists(st.sampled_from(HIDDEN), min_size=L - 1, max_size=L - 1)), output]
    sizes = [draw(st.integers(1, 3)), *draw(st.lists(st.integers(1, 6), min_size=L - 1, max_size=L - 1))]
    sizes.append(draw(st.integers(2 if output == "softmax" else 1, 6)))
    net = build(sizes, acts, seed=draw(st.integers(0, 1000)))
    B = draw(st.integers(1, 8))
    x = draw(arrays(np.float64, (B, sizes[0]), elements=VALUES))
    y = draw(targets(loss, B, sizes[-1]))
    test = None
    if draw(st.booleans()):
        Bt = draw(st.integers(1, 5))
        test = (draw(arrays(np.float64, (Bt, sizes[0]), elements=VALUES)), draw(targets(loss, Bt, sizes[-1])))
    options = TrainOptions(
        loss=loss,
        learning_rate=draw(st.floats(0.01, 1)),
        steps=draw(st.integers(1, 15)),
        optimizer=draw(st.sampled_from(OPTIMIZERS)),
        l2=draw(st.sampled_from([0.0, 1e-3, 0.05])),
        record_every=draw(st.integers(1, 5)),
        diagnostics=draw(st.booleans()),
    )
    # a state from earlier steps, of this optimizer or another (momentum's m and no v, sgd's nothing, …)
    before = draw(st.none() | st.tuples(st.sampled_from(OPTIMIZERS), st.integers(1, 5)))
    return net, x, y, test, options, before


def magnitude(res) -> float:
    """The largest |value| among a run's parameters and its final forward pass (inf when something there overflowed)."""
    values = [*res.net.parameters(), *res.trace.z[1:], *res.trace.a[1:]]
    with np.errstate(all="ignore"):
        return max(float(np.max(np.abs(v))) if np.all(np.isfinite(v)) else math.inf for v in values)


OVERFLOWING = 1e100  # products of values this large can overflow, into ±inf by numpy's BLAS (fused multiply-adds), NaN in fused.c


@settings(max_examples=60, deadline=None)
@given(runs())
def test_the_kernel_trains_as_numpy_does(run):
    """Parameters, history, optimizer state, the final forward pass and the final gradient: each as numpy's, to a few bits."""
    net, x, y, test, o, before = run
    state = None
    if before is not None:
        optimizer, k = before
        earlier = reference(net, x, y, TrainOptions(loss=o.loss, learning_rate=o.learning_rate, steps=k, optimizer=optimizer))
        net, state = earlier.net, earlier.state
    x_test, y_test = test or (None, None)
    kw = dict(x_test=x_test, y_test=y_test)
    ref = reference(net, x, y, o, state=copy.deepcopy(state), **kw)
    res, calls = kernel(net, x, y, o, state=copy.deepcopy(state), **kw)
    assert len(calls) == 1, "a full-batch run of a small network is fused.c's"
    if ref.diverged is not None or max(magnitude(ref), magnitude(res)) > OVERFLOWING:
        # Where values overflow, numpy's result depends on its BLAS (a product that overflows alone is ±inf in a fused
        # multiply-add's sum, NaN in fused.c's): the divergence tests below hold the two together on chosen runs.
        event("overflowing: left to the divergence tests")
        assert all(np.all(np.isfinite(p)) for p in [*res.net.parameters(), *ref.net.parameters()])
        return
    # How far numpy's own run moves when its start moves by a rounding: the kernel's roundings move it about as far. A run
    # that magnifies them (one that grows large, chaos through relu kinks, Adam's step of a tiny |g| against a carried-in
    # momentum) is compared to 100 times that, at most RUNAWAY; hypothesis' statistics count them
    # (pytest --hypothesis-show-statistics).
    rtol = min(RUNAWAY, max(RTOL, 100 * spread(ref, reference(wobbled(net), x, y, o, state=copy.deepcopy(state), **kw))))
    if rtol > RTOL:
        event(f"ill-conditioned: compared to rtol {rtol:.0e}")
    assert_same_run(res, ref, x, y, o.loss, rtol)
    assert calls == [(o.steps, False)]  # the kernel took every step, and left the final gradient and test pass
    assert_gradients_at(res, x, y, o.loss)
    assert_test_trace(res, x_test)
    assert len(ref.history) == len(range(0, o.steps, o.record_every)) + ((o.steps - 1) % o.record_every != 0)


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_a_page_sized_run_trains_as_numpy_does(optimizer):
    """150 samples of three spiral arms on 2-16-16-3, 100 steps with a test set, L2 and diagnostics every 7th step: a
    larger batch and wider layers than the random runs, as the page trains them."""
    x, y = datasets.make("spiral", 150, 0.1, 0, classes=3)
    x_test, y_test = datasets.make("spiral", 60, 0.1, 1, classes=3)
    net = build([2, 16, 16, 3], [None, "relu", "tanh", "softmax"], seed=2)
    o = TrainOptions(loss="cross_entropy", learning_rate=0.05, steps=100, optimizer=optimizer, l2=1e-3, record_every=7, diagnostics=True)
    ref = reference(net, x, y, o, x_test=x_test, y_test=y_test)
    res, calls = kernel(net, x, y, o, x_test=x_test, y_test=y_test)
    assert calls == [(100, False)]
    assert_same_run(res, ref, x, y, o.loss, RTOL)
    assert_gradients_at(res, x, y, o.loss)
    assert_test_trace(res, x_test)
    assert ref.history[-1].loss < 0.9 * ref.history[0].loss  # it learns: the comparison is not of two runs standing still


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(OUTPUT_LOSS).flatmap(lambda pair: problems(None, *pair, max_batch=6)))
def test_passes_are_numpy_s_forward_and_backward(problem):
    """fused.passes(net, x, y, loss): the Trace and Grads of backprop.forward and backward, every layer's z, a, σ', dC/da,
    dC/dz, dC/dW, dC/db and C."""
    net, x, y, loss = problem.net, problem.x, problem.y, problem.loss
    assert_same_passes(fused.passes(net, x, y, loss), net, x, y, loss)


def assert_same_passes(got: tuple[bp.Trace, bp.Grads], net: Network, x, y, loss):
    """got: backprop.forward and backward of net on (x, y), every layer's z, a, σ', dC/da, dC/dz, dC/dW, dC/db and C."""
    trace, grads = got
    want = bp.forward(net, x)
    g = bp.backward(net, want, y, loss)
    assert_same_trace(trace, want, net)
    assert grads.C == pytest.approx(g.C, rel=1e-12, abs=1e-300)
    for l in range(1, net.L + 1):
        for name in ("dC_da", "dC_dz", "dC_dW", "dC_db"):
            assert_close(getattr(grads, name)[l], getattr(g, name)[l], f"{name}[{l}]", **params())


@settings(max_examples=40, deadline=None)
@given(runs(), st.data())
def test_a_frame_s_card_grid_and_costs_come_with_its_steps(run, data):
    """train(card=, grid=): fused.c's one call also gives, at the trained network, the card's passes on the chosen samples,
    the grid's outputs and C on the training and test sets, each as numpy computes them from the trained network."""
    net, x, y, test, o, _ = run
    x_test, y_test = test or (None, None)
    k = data.draw(st.lists(st.integers(0, len(x) - 1), min_size=1, max_size=3))
    points = data.draw(arrays(np.float64, (data.draw(st.integers(1, 30)), net.sizes[0]), elements=VALUES))
    res, calls = kernel(net, x, y, o, x_test=x_test, y_test=y_test, card=(x[k], y[k]), grid=points)
    if res.diverged is not None or magnitude(res) > OVERFLOWING:
        assert res.card is None and res.grid is None and res.costs is None
        return
    trained = res.net
    assert_same_passes(res.card, trained, x[k], y[k], o.loss)
    with np.errstate(all="ignore"):
        assert_close(res.grid, bp.forward(trained, points).a[-1], "grid", **params())
        C = bp.cost(trained, x, y, o.loss)
        test_C = math.nan if x_test is None else bp.cost(trained, x_test, y_test, o.loss)
    assert res.costs[0] == pytest.approx(C, rel=1e-12, abs=1e-300)
    assert res.costs[1] == pytest.approx(test_C, rel=1e-12, abs=1e-300, nan_ok=True)


def test_a_frame_s_extras_numpy_computes_faster_are_left_to_the_caller(monkeypatch):
    """A grid too large for fused.c to beat numpy (MAX_WORK) is not computed in its call; the card and costs still are."""
    x, y = datasets.make("xor", 20, 0.1, 0)
    net = build([2, 3, 1], [None, "sigmoid", "sigmoid"], seed=0)
    monkeypatch.setattr(fused, "MAX_WORK", 13 * 50)
    res = train(net, x, y, TrainOptions(steps=3), card=(x[:1], y[:1]), grid=np.zeros((51, 2)))
    assert res.grid is None and res.card is not None and res.costs is not None
    res = train(net, x, y, TrainOptions(steps=3), card=(x[:1], y[:1]), grid=np.zeros((50, 2)))
    assert res.grid.shape == (50, 1)


# ---- divergence: the kernel stops before the step that overflows, numpy takes it and says where -------------


def line():
    x = np.array([[1.0], [2.0], [3.0]])
    return x, x.copy()


def xor():
    return datasets.make("xor", 4, 0, 0)


DIVERGING = [
    # sizes, activations, data, loss, optimizer, learning rate, what overflows first
    ([1, 3, 1], ["linear", "linear"], line, "mse", "sgd", 10.0, "C"),
    ([1, 3, 1], ["relu", "linear"], line, "mse", "momentum", 1e3, "C"),
    ([1, 3, 1], ["leaky_relu", "linear"], line, "mse", "sgd", 10.0, "z"),
    ([2, 3, 1], ["relu", "sigmoid"], xor, "binary_cross_entropy", "sgd", 1e300, "z"),
    ([2, 3, 1], ["sigmoid", "sigmoid"], xor, "mse", "adam", 6e307, "W"),
    ([2, 3, 1], ["sigmoid", "sigmoid"], xor, "binary_cross_entropy", "adam", 3e307, "z"),
    ([2, 3, 1], ["tanh", "tanh"], xor, "mse", "momentum", 1e308, "b"),
]


@pytest.mark.parametrize("record_every,diagnostics,with_test", [(1, True, True), (3, False, False)])
@pytest.mark.parametrize("sizes,acts,data,loss,optimizer,lr,quantity", DIVERGING)
def test_a_run_diverging_partway_is_handed_to_numpy(sizes, acts, data, loss, optimizer, lr, quantity, record_every, diagnostics, with_test):
    """fused.c takes the steps before the one that overflows; numpy takes that one and reports it: history, divergence,
    network and optimizer state as numpy's own run gives them."""
    x, y = data()
    kw = dict(x_test=x[:2] + 0.5, y_test=y[:2]) if with_test else {}
    net = build(sizes, [None, *acts], seed=0)
    o = TrainOptions(loss=loss, learning_rate=lr, steps=50, optimizer=optimizer, record_every=record_every, diagnostics=diagnostics)
    ref = reference(net, x, y, o, **kw)
    res, calls = kernel(net, x, y, o, **kw)
    d = ref.diverged
    assert d is not None and 0 < d.step < o.steps and d.quantity == quantity, f"the case no longer diverges partway: {d}"
    assert calls == [(d.step, True)]  # the kernel took every step before it
    assert_same_run(res, ref, x, y, loss)
    assert res.gradients is None


FIRST_STEP = [
    # the first update overflows (b^2 += -η dC/db^2 with η = 1e308)
    (lambda: build([1, 3, 1], [None, "sigmoid", "linear"], seed=0), [[1.0]], [[100.0]], 1e308, ("W", "b")),
    # the first forward pass overflows: z^1 = 1e200 · 1e200
    (lambda: build([1, 2, 1], [None, "linear", "linear"], [[[1e200], [1e200]], [[1.0, 1.0]]], [[0, 0], [0]]), [[1e200]], [[1.0]], 0.1, ("z",)),
]


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
@pytest.mark.parametrize("make,x,y,lr,quantities", FIRST_STEP)
def test_a_run_diverging_at_its_first_step_starts_no_moments(make, x, y, lr, quantities, optimizer):
    """No step taken: the state is as given, m (and v) still None, and the network is the one given."""
    net, x, y = make(), np.array(x), np.array(y)
    o = TrainOptions(learning_rate=lr, steps=5, optimizer=optimizer, diagnostics=True)
    ref = reference(net, x, y, o)
    res, calls = kernel(net, x, y, o)
    assert calls == [(0, True)]
    assert ref.diverged.step == 0 and ref.diverged.quantity in quantities
    assert res.diverged == ref.diverged
    assert res.history == ref.history == []
    assert res.state.t == 0 and res.state.m is None and res.state.v is None
    assert ref.state.m is None and ref.state.v is None
    assert_same_net(res.net, net, rtol=0, atol=0)
    assert res.gradients is None


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_a_given_state_is_kept_when_the_first_step_diverges(optimizer):
    """A state carried in from earlier steps comes back as it went in (t, m and v) when no step could be taken."""
    net = build([1, 3, 1], [None, "sigmoid", "linear"], seed=0)
    x, y = np.array([[1.0]]), np.array([[100.0]])
    earlier = reference(net, x, y, TrainOptions(learning_rate=1e-3, steps=3, optimizer=optimizer))
    o = TrainOptions(learning_rate=1e308, steps=5, optimizer=optimizer)
    ref = reference(earlier.net, x, y, o, state=copy.deepcopy(earlier.state))
    res, calls = kernel(earlier.net, x, y, o, state=copy.deepcopy(earlier.state))
    assert calls == [(0, True)]
    assert res.diverged == ref.diverged and res.diverged.step == 3
    assert_same_state(res.state, earlier.state)
    assert_same_state(ref.state, earlier.state)
    assert_same_net(res.net, earlier.net, rtol=0, atol=0)


def test_finite_parameters_whose_sum_overflows_are_judged_as_numpy_judges_them():
    """x = 0, y = 0 and b^1 = 0 make every gradient 0, so a step leaves θ = (W^1, b^1, W^2, b^2) as it is: finite, though
    a sum of them overflows when it adds 1e308 to 1e308 first (np.sum's pairwise order) and not in a running sum. Both
    engines test the values one by one: no divergence, every step taken."""
    net = build([1, 3, 1], [None, "linear", "linear"], [[[-1.5e308], [0.0], [0.0]], [[1e308, 1e308, 0.0]]], [[0.0, 0.0, 0.0], [0.0]])
    x, y = np.zeros((2, 1)), np.zeros((2, 1))
    o = TrainOptions(steps=3)
    ref = reference(net, x, y, o)
    res, calls = kernel(net, x, y, o)
    assert (res.diverged, [h.step for h in res.history]) == (ref.diverged, [h.step for h in ref.history])
    assert ref.diverged is None and [h.step for h in ref.history] == [0, 1, 2]


# ---- what the kernel does not take goes the numpy way --------------------------------------------


def circle(n=10):
    return datasets.make("circle", n, 0.1, 0)


def wide_net():
    """2-64-64-1: 4417 parameters, above fused.MAX_PARAMETERS."""
    return build([2, 64, 64, 1], [None, "tanh", "relu", "sigmoid"], seed=3)


NOT_TAKEN = [
    # network, samples, options, why
    (lambda: build([2, 4, 1], [None, "tanh", "sigmoid"], seed=1), 10, TrainOptions(batch_size=3, optimizer="adam", steps=12, diagnostics=True),
     "minibatches"),
    (wide_net, 10, TrainOptions(optimizer="momentum", steps=3, diagnostics=True), "too many parameters"),
    # 353 parameters × 200 samples > MAX_WORK
    (lambda: build([2, 16, 16, 1], [None, "relu", "tanh", "sigmoid"], seed=1), 200, TrainOptions(optimizer="adam", steps=4), "too much work"),
    (lambda: build([2, 4, 1], [None, "tanh", "linear"], seed=1), 10, TrainOptions(loss="binary_cross_entropy", steps=5), "BCE on a linear output"),
    (lambda: build([2, 4, 2], [None, "tanh", "sigmoid"], seed=1), 10, TrainOptions(loss="cross_entropy", steps=5), "CE on a sigmoid output"),
]


@pytest.mark.parametrize("make,n,options,why", NOT_TAKEN, ids=[c[3] for c in NOT_TAKEN])
def test_runs_the_kernel_does_not_take_are_numpy_s(monkeypatch, make, n, options, why):
    """fused.takes says no, fused.steps is never called, and the run is the reference's, bit for bit."""
    net = make()
    x, y = circle(n)
    if net.sizes[-1] == 2:
        y = np.hstack([y, 1 - y])
    ref = reference(net, x, y, options)
    assert not takes(net, options.loss, options.optimizer, options.batch_size is None or options.batch_size >= n, samples=n)
    monkeypatch.setattr(fused, "steps", refuse)
    res = train(net, x, y, options)
    assert res.gradients is None
    assert res.diverged == ref.diverged is None
    assert res.history == ref.history
    assert_same_net(res.net, ref.net, rtol=0, atol=0)
    assert_same_state(res.state, ref.state)


def test_which_runs_the_kernel_takes(monkeypatch):
    """Full batch, a loss fused with its output or MSE, an optimizer it knows, at most MAX_PARAMETERS parameters and
    MAX_WORK samples × parameters, and the library loaded."""
    small = build([2, 4, 1], [None, "tanh", "sigmoid"], seed=1)
    softmax = build([2, 4, 3], [None, "tanh", "softmax"], seed=1)
    for optimizer in OPTIMIZERS:
        assert takes(small, "mse", optimizer) and takes(small, "binary_cross_entropy", optimizer)
        assert takes(softmax, "cross_entropy", optimizer) and takes(softmax, "mse", optimizer)
    assert not takes(small, "mse", full_batch=False)
    assert not takes(softmax, "binary_cross_entropy") and not takes(small, "cross_entropy")
    assert not takes(small, "mse", "nesterov")
    at_most = build([1, 1365, 1], [None, "relu", "linear"], seed=1)  # 1365·2 + 1366 = 4096 parameters
    above = build([1, 1366, 1], [None, "relu", "linear"], seed=1)  # 4099
    assert sum(p.size for p in at_most.parameters()) == fused.MAX_PARAMETERS
    assert takes(at_most, "mse") and not takes(above, "mse")
    assert not takes(wide_net(), "mse")
    P = sum(p.size for p in small.parameters())
    most = fused.MAX_WORK // P
    assert takes(small, "mse", samples=most) and not takes(small, "mse", samples=most + 1)
    monkeypatch.setattr(fused, "LIB", None)
    assert not takes(small, "mse")


def test_a_batch_as_large_as_the_data_is_the_full_batch():
    """batch_size ≥ n trains on every sample at each step: fused.c takes it, as numpy's loop treats it."""
    x, y = circle()
    net = build([2, 4, 1], [None, "tanh", "sigmoid"], seed=1)
    o = TrainOptions(batch_size=len(x), optimizer="adam", steps=6, learning_rate=0.05)
    res, calls = kernel(net, x, y, o)
    assert calls == [(6, False)]
    assert_same_run(res, reference(net, x, y, TrainOptions(optimizer="adam", steps=6, learning_rate=0.05)), x, y, "mse")


def test_inputs_of_any_layout_and_dtype_train_alike():
    """x as a Fortran-ordered view and y as integers: the kernel's contiguous float64 copies train as numpy does."""
    x, y = datasets.make("gaussians", 9, 0.1, 2, classes=3)
    xf, yi = np.asfortranarray(x), y.astype(np.int64)
    net = build([2, 5, 3], [None, "leaky_relu", "softmax"], seed=4)
    o = TrainOptions(loss="cross_entropy", learning_rate=0.3, steps=7, optimizer="momentum", diagnostics=True)
    res, calls = kernel(net, xf, yi, o)
    assert calls == [(7, False)]
    assert_same_run(res, reference(net, x, y, o), x, y, o.loss)
    assert_gradients_at(res, x, y, o.loss)


# ---- outputs: a^L by the kernel -----------------------------------------------------------------


@pytest.mark.parametrize("output", HIDDEN + ["softmax"])
@pytest.mark.parametrize("hidden", HIDDEN)
def test_outputs_are_the_forward_pass(hidden, output):
    """fused.outputs(net, x) = forward(net, x).a[-1], for every activation, on points near and far from the data."""
    net = build([2, 5, 4, 3], [None, hidden, "tanh" if hidden == "linear" else hidden, output], seed=7)
    net.b[1][:] = np.linspace(-1, 1, 5)
    rng = np.random.default_rng(0)
    x = np.vstack([rng.uniform(-1, 1, (50, 2)), rng.uniform(-60, 60, (20, 2)), np.zeros((1, 2))])
    out = fused.outputs(net, x)
    assert out.shape == (len(x), 3)
    assert_close(out, bp.forward(net, x).a[-1], "a^L", rtol=1e-13, atol=1e-15)


def test_outputs_of_one_layer_and_of_no_points():
    net = build([3, 2], [None, "sigmoid"], seed=1)
    x = np.random.default_rng(1).normal(size=(6, 3))
    assert_close(fused.outputs(net, x), bp.forward(net, x).a[-1], "a^1", rtol=1e-13, atol=1e-15)
    assert fused.outputs(net, np.empty((0, 3))).shape == (0, 2)


@pytest.mark.parametrize("output", HIDDEN + ["softmax"])
@pytest.mark.parametrize("hidden", HIDDEN)
def test_outputs_pass_overflow_through(hidden, output):
    """Weights of 1e308 make z = ±inf (and inf − inf = NaN a layer later): the kernel returns the inf and NaN numpy's pass
    gives, in the same places, without crashing; so do NaN and inf inputs."""
    big = 1e308
    W1 = [[big, big], [big, -big], [-big, -big]]
    W2 = [[1.0, 1.0, 1.0], [1.0, 0.5, -1.0]]
    net = build([2, 3, 2], [None, hidden, output], [W1, W2], [[0.0, 0.0, 0.0], [0.0, 0.0]])
    # No finite product overflows (|x| ≤ 1): numpy's BLAS may fuse a multiply-add, whose product does not round to inf.
    x = np.array([[1.0, 1.0], [1.0, -1.0], [0.5, 0.25], [np.nan, 1.0], [np.inf, 1.0], [-np.inf, 1.0], [0.0, -0.5]])
    with np.errstate(all="ignore"):
        want = bp.forward(net, x).a[-1]
    assert not np.all(np.isfinite(want)), "the case should overflow"
    got = fused.outputs(net, x)
    assert_close(got, want, "a^L", rtol=1e-13, atol=0)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_array_equal(np.isposinf(got), np.isposinf(want))
    np.testing.assert_array_equal(np.isneginf(got), np.isneginf(want))


def test_outputs_numpy_does_faster_are_numpy_s(monkeypatch):
    """A network above MAX_PARAMETERS, or more points than MAX_WORK allows for the network, never reaches the kernel;
    up to MAX_WORK they do."""
    small = build([2, 5, 4, 3], [None, "tanh", "relu", "softmax"], seed=7)
    most = fused.MAX_WORK // sum(p.size for p in small.parameters())
    many = np.random.default_rng(2).uniform(-1, 1, (most + 1, 2))
    assert_close(fused.outputs(small, many[:most]), bp.forward(small, many[:most]).a[-1], "a^L", rtol=1e-13, atol=1e-15)
    cases = [(wide_net(), many[:30]), (small, many)]
    want = [bp.forward(net, x).a[-1] for net, x in cases]
    monkeypatch.setattr(fused, "LIB", object())  # no bpv_predict: calling the kernel would raise
    for (net, x), w in zip(cases, want):
        np.testing.assert_array_equal(fused.outputs(net, x), w)
    with pytest.raises(AttributeError):
        fused.outputs(small, many[:most])  # the stub is what the kernel's calls reach


# ---- the kernel leaves its inputs alone ----------------------------------------------------------


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_kernel_leaves_its_inputs_alone(optimizer):
    """x, y, the test set, the network given and the state's m and v arrays are as they were: train works on copies."""
    x, y = circle(12)
    x_test, y_test = datasets.make("circle", 5, 0.1, 9)
    net = build([2, 4, 3, 1], [None, "tanh", "relu", "sigmoid"], seed=5)
    state = reference(net, x, y, TrainOptions(optimizer="adam", steps=3, learning_rate=0.05)).state
    moments = {name: [p.copy() for p in getattr(state, name)] for name in ("m", "v")}
    moment_arrays = {name: list(getattr(state, name)) for name in ("m", "v")}
    before = [p.copy() for p in net.parameters()], x.copy(), y.copy(), x_test.copy(), y_test.copy()
    o = TrainOptions(loss="binary_cross_entropy", optimizer=optimizer, steps=8, learning_rate=0.2, l2=0.01, diagnostics=True)
    res, calls = kernel(net, x, y, o, state=state, x_test=x_test, y_test=y_test)
    assert calls == [(8, False)]
    assert res.state.t == 11
    weights, *data = before
    for p, q in zip(net.parameters(), weights):
        np.testing.assert_array_equal(p, q)
    for got, want in zip((x, y, x_test, y_test), data):
        np.testing.assert_array_equal(got, want)
    for name in ("m", "v"):
        for p, q in zip(moment_arrays[name], moments[name]):
            np.testing.assert_array_equal(p, q)
    assert not any(np.shares_memory(p, q) for p in res.net.parameters() for q in net.parameters())
    assert math.isfinite(res.history[-1].loss)
