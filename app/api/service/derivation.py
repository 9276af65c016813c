"""POST /derivation's structure: the whole derivation of a small network, every number substituted.

Built from the engine's passes (the same checked passes /backprop answers with), in the notation of
the hand derivation: z = W a + b, a = σ(z), C, ∂C/∂a^L from the loss, σ'(z), ∂C/∂z, the chain rule
∂C/∂W_AB^l = ∂C/∂a_A^l · σ'(z_A^l) · a_B^(l-1) for every weight and bias, the sums over the layer
above, and the Jacobian chain ∂a^L/∂a^l. Within a batch each sample's lines are on its own cost
C_(k), so they show B times /backprop's dC_da and dC_dz (derivatives of the batch mean); the
gradient is then the mean of the samples' products. documents.py renders this as markdown or LaTeX.
"""
import numpy as np

from app.engine import backprop as bp
from app.engine.losses import LOSSES
from app.engine.notation import is_wide, tex_weight

from ..errors import ComputeError
from ..schemas.derivation import DerivationRequest, DerivationResponse, Line, LineKey, Section
from . import tex as t
from .common import all_finite, finite
from .passes import run

ACTIVATION_WORDS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU (slope 0.01)",
                    "linear": "linear", "softmax": "softmax"}
LOSS_WORDS = {"mse": "the mean squared error", "binary_cross_entropy": "binary cross-entropy",
              "cross_entropy": "cross-entropy"}
MATRIX_WIDTH = 60  # digit widths: a wider matrix is written entry by entry


def line(parts: list[str], value=None, key: LineKey | None = None, *, numbers_from: int | None = None,
         result: str | None = None) -> Line:
    """A formula; with a value, its result (written from the value unless given)."""
    if value is not None and not all_finite([value]):
        raise ComputeError("input", "a number in the derivation overflowed: try smaller inputs or weights")
    if value is not None and result is None:
        result = t.num(value)
    return {"tex": " ".join(parts), "parts": parts, "numbers_from": len(parts) if numbers_from is None else numbers_from,
            "result": result, "value": value, "key": key}


def key(quantity: str, layer: int | None = None, i: int | None = None, j: int | None = None,
        sample: int | None = None, scale: int = 1) -> LineKey:
    k = {"quantity": quantity, "layer": layer, "i": i, "j": j, "sample": sample, "scale": scale if scale != 1 else None}
    return {name: v for name, v in k.items() if v is not None}  # type: ignore[return-value]


def sum_parts(first: str, terms: list[str]) -> list[str]:
    """ "= t0", "+ t1", … : a sum cut where it may break."""
    return [f"{first} {terms[0]}"] + [f"+ {term}" for term in terms[1:]]


def fits(rows: list[list[float]]) -> bool:
    return t.width(t.matrix(rows)) <= MATRIX_WIDTH


class Writer:
    """One problem's passes, and the sections of its derivation."""

    def __init__(self, req: DerivationRequest):
        self.net, self.trace, self.grads = run(req)
        with np.errstate(all="ignore"):
            self.J = bp.jacobians(self.net, self.trace)
        finite("jacobians", "a Jacobian ∂a^L/∂a^l overflowed: the weights are too large", *self.J)
        self.x, self.y, self.loss = np.array(req.input, dtype=float), np.array(req.target, dtype=float), req.loss
        self.B, self.L, self.n = len(self.x), self.net.L, self.net.sizes

    # ---- names ----

    def w(self, i, j, l) -> str:
        return tex_weight(i, j, l, is_wide(self.n, l))

    def softmax(self, l: int) -> bool:
        return self.net.activations[l] == "softmax"

    def fused(self, l: int) -> bool:
        """Whether the engine takes ∂C/∂z^L straight from the loss (a loss meeting its own activation)."""
        lf = LOSSES[self.loss]
        return l == self.L and lf.dC_dz is not None and lf.requires == self.net.activations[l]

    def sample(self, k: int) -> int | None:
        """The sample's index for the cost's name: None (plain C) when there is one sample."""
        return k if self.B > 1 else None

    def titled(self, title: str, k: int) -> str:
        return f"{title}, sample {k + 1} of {self.B}" if self.B > 1 else title

    def per(self, v: float) -> float:
        """/backprop's dC_da or dC_dz (of the batch mean) as the derivative of one sample's cost."""
        return self.B * float(v)

    # ---- the document ----

    def document(self) -> DerivationResponse:
        sections = [self.given()]
        for k in range(self.B):
            sections += [self.forward(k, l) for l in range(1, self.L + 1)]
        sections.append(self.cost())
        for k in range(self.B):
            sections += [self.backward(k, l) for l in range(self.L, 0, -1)]
        sections += [self.gradients(l) for l in range(self.L, 0, -1)]
        sections.append(self.jacobians())
        return {"title": f"Backpropagation by hand: a {'-'.join(map(str, self.n))} network", "sections": sections}

    def given(self) -> Section:
        acts = ", ".join(f"layer {l} {ACTIVATION_WORDS[self.net.activations[l]]}" for l in range(1, self.L + 1))
        batch = (f"The batch has $B = {self.B}$ samples; $C$ is the mean of their costs $C_{{(k)}}$."
                 if self.B > 1 else "One sample.")
        text = (f"Layers $l = 0, \\dots, {self.L}$ with $n_l$ = {', '.join(map(str, self.n))} nodes; "
                f"$W^l$ is $n_l \\times n_{{l-1}}$. Activations: {acts}. The cost $C$ is {LOSS_WORDS[self.loss]}. "
                f"{batch} Numbers have 6 significant digits; each result is computed from the exact values.")
        lines = []
        for l in range(1, self.L + 1):
            lines += self.given_matrix(f"W^{{{l}}}", self.net.W[l].tolist(), lambda i, j, l=l: self.w(i, j, l))
            lines += self.given_vector(f"b^{{{l}}}", self.net.b[l].tolist(), lambda i, l=l: t.b(i, l))
        for k in range(self.B):
            tag = f"_{{({k + 1})}}" if self.B > 1 else ""
            lines += self.given_vector(f"x{tag} = a^{{0}}", self.x[k].tolist(), lambda i: f"x_{{{i}}}")
            lines += self.given_vector(f"y{tag}", self.y[k].tolist(), t.y)
        return {"title": "The network", "text": text, "lines": lines}

    def given_matrix(self, name: str, rows: list[list[float]], entry) -> list[Line]:
        if fits(rows):
            return [line([name, f"= {t.matrix(rows)}"])]
        return [self.entries([f"{entry(i, j)} = {t.num(v)}" for j, v in enumerate(r)]) for i, r in enumerate(rows)]

    def given_vector(self, name: str, values: list[float], entry) -> list[Line]:
        if fits([values]):
            return [line([name, f"= {t.row_vector(values)}"])]
        return [self.entries([f"{entry(i)} = {t.num(v)}" for i, v in enumerate(values)])]

    @staticmethod
    def entries(items: list[str]) -> Line:
        """A list of given numbers, "W_00 = 0.1, W_01 = 0.2, …", cut after each comma."""
        return line([f"{item},\\;" for item in items[:-1]] + items[-1:])

    # ---- forward ----

    def forward(self, k: int, l: int) -> Section:
        tr, W, bias = self.trace, self.net.W[l], self.net.b[l]
        lines = []
        for i in range(self.n[l]):
            terms = [f"{t.fac(W[i, j])} \\cdot {t.fac(tr.a[l - 1][k, j])}" for j in range(self.n[l - 1])] + [t.fac(bias[i])]
            symbols = [t.z(i, l), f"= \\sum_j {self.w(i, 'j', l)}\\, a_{{j}}^{{{l - 1}}} + {t.b(i, l)}"]
            lines.append(line(symbols + sum_parts("=", terms), float(tr.z[l][k, i]), key("z", l, i, sample=k), numbers_from=2))
        if self.softmax(l):
            lines += self.softmax_forward(k, l)
        else:
            lines += [self.activation(k, l, i) for i in range(self.n[l])]
        act = (f"the softmax, $a_i^{{{l}}} = e^{{z_i^{{{l}}}}} / \\sum_m e^{{z_m^{{{l}}}}}$" if self.softmax(l)
               else f"the activation, $a_i^{{{l}}} = \\sigma(z_i^{{{l}}})$ ({ACTIVATION_WORDS[self.net.activations[l]]})")
        text = f"Each node sums its weighted inputs, $z_i^{{{l}}} = \\sum_j W_{{ij}}^{{{l}}} a_j^{{{l - 1}}} + b_i^{{{l}}}$, then applies {act}."
        if l == 1:
            text = f"The input is $a^0 = x{f'_{{({k + 1})}}' if self.B > 1 else ''}$. " + text
        return {"title": self.titled(f"Forward pass: layer {l}", k), "text": text, "lines": lines}

    def activation(self, k: int, l: int, i: int) -> Line:
        zv = float(self.trace.z[l][k, i])
        name, zi = self.net.activations[l], t.z(i, l)
        forms = {
            "sigmoid": (f"= \\frac{{1}}{{1 + e^{{-{zi}}}}}", f"= \\frac{{1}}{{1 + e^{{-{t.fac(zv)}}}}}"),
            "tanh": (f"= \\tanh({zi})", f"= \\tanh({t.num(zv)})"),
            "relu": (f"= \\max(0, {zi})", f"= \\max(0, {t.num(zv)})"),
            "leaky_relu": (f"= \\max(0.01\\, {zi}, {zi})", f"= \\max(0.01 \\cdot {t.fac(zv)}, {t.num(zv)})"),
            "linear": (f"= {zi}",),
        }[name]
        parts = [t.a(i, l), f"= \\sigma({zi})", *forms]
        return line(parts, float(self.trace.a[l][k, i]), key("a", l, i, sample=k), numbers_from=len(parts) - (len(forms) > 1))

    def softmax_forward(self, k: int, l: int) -> list[Line]:
        zs = self.trace.z[l][k]
        total = float(np.sum(np.exp(zs)))
        S = f"\\sum_m e^{{z_m^{{{l}}}}}"
        lines = [line([S] + sum_parts("=", [f"e^{{{t.num(v)}}}" for v in zs]), total, numbers_from=1)]
        for i in range(self.n[l]):
            parts = [t.a(i, l), f"= \\frac{{e^{{{t.z(i, l)}}}}}{{{S}}}", f"= \\frac{{e^{{{t.num(zs[i])}}}}}{{{t.num(total)}}}"]
            lines.append(line(parts, float(self.trace.a[l][k, i]), key("a", l, i, sample=k), numbers_from=2))
        return lines

    # ---- the cost ----

    def cost(self) -> Section:
        L, n = self.L, self.n[self.L]
        general = {
            "mse": f"\\frac{{1}}{{n_L}} \\sum_i (a_i^{{{L}}} - y_i)^2",
            "binary_cross_entropy": f"-\\frac{{1}}{{n_L}} \\sum_i \\big[y_i \\ln a_i^{{{L}}} + (1 - y_i) \\ln(1 - a_i^{{{L}}})\\big]",
            "cross_entropy": f"-\\sum_i y_i \\ln a_i^{{{L}}}",
        }[self.loss]
        lines = []
        for k in range(self.B):
            value = None if self.B > 1 else self.grads.C
            if self.B > 1:
                zL, aL = self.trace.z[L][k : k + 1], self.trace.a[L][k : k + 1]
                value = LOSSES[self.loss].cost(zL, aL, self.y[k : k + 1])
            parts = [t.cost(self.sample(k)), f"= {general}"] + self.cost_numbers(k)
            lines.append(line(parts, value, key("C") if self.B == 1 else None, numbers_from=2))
        if self.B > 1:
            per = [ln["value"] for ln in lines]
            mean = ["C", "= \\frac{1}{B} \\sum_k C_{(k)}"] + self.mean_parts(per)
            lines.append(line(mean, self.grads.C, key("C"), numbers_from=2))
        prose = general.replace("\\frac{1}{n_L}", "(1/n_L)")  # an inline fraction prints too small
        text = f"$C = {prose}$ with $n_L = {n}$" + (", for each sample; $C$ is their mean." if self.B > 1 else ".")
        return {"title": "The cost", "text": text, "lines": lines}

    def cost_numbers(self, k: int) -> list[str]:
        a, y, n = self.trace.a[self.L][k], self.y[k], self.n[self.L]
        if self.loss == "mse":
            terms = [f"({t.num(a[i])} - {t.fac(y[i])})^2" for i in range(n)]
            return sum_parts("=", terms) if n == 1 else self.bracketed(f"= \\frac{{1}}{{{n}}}", terms)
        if self.loss == "binary_cross_entropy":
            terms = [f"{t.fac(y[i])} \\ln {t.arg(a[i])} + (1 - {t.fac(y[i])}) \\ln(1 - {t.num(a[i])})" for i in range(n)]
            return self.bracketed(f"= -\\frac{{1}}{{{n}}}", terms)
        return self.bracketed("= -", [f"{t.fac(y[i])} \\ln {t.arg(a[i])}" for i in range(n)])

    @staticmethod
    def bracketed(before: str, terms: list[str]) -> list[str]:
        parts = sum_parts(f"{before}\\big[", terms)
        parts[-1] += "\\big]"
        return parts

    def mean_parts(self, values: list[float]) -> list[str]:
        """ "= (1/B)(v_1 + … + v_B)", cut after each term."""
        return self.bracketed(f"= \\frac{{1}}{{{self.B}}}", [t.fac(v) for v in values])

    # ---- backward: ∂C/∂a, σ'(z), ∂C/∂z of one layer, for one sample ----

    def backward(self, k: int, l: int) -> Section:
        lines = [self.dC_da(k, l, i) for i in range(self.n[l])] if l < self.L else self.output(k)
        if not self.softmax(l):
            lines += [self.da_dz(k, l, i) for i in range(self.n[l])]
            lines += [self.dC_dz(k, l, i) for i in range(self.n[l])]
        C = t.cost(self.sample(k))
        if l == self.L:
            text = "At the output, $\\partial C/\\partial a^L$ comes from the cost's own formula."
            if self.softmax(l):
                text += (" Softmax mixes its inputs (each $a_m$ depends on every $z_i$), so $\\partial C/\\partial z$ "
                         "is taken directly.")
        else:
            above = (t.ds(C, f"z_i^{{{l + 1}}}") if self.softmax(l + 1)
                     else f"{t.ds(C, f'a_i^{{{l + 1}}}')} \\cdot \\sigma'(z_i^{{{l + 1}}})")
            text = (f"Each $a_A^{{{l}}}$ feeds every node $i$ of layer {l + 1}, so its derivative sums over them: "
                    f"${t.ds(C, f'a_A^{{{l}}}')} = \\sum_i {above} \\cdot W_{{iA}}^{{{l + 1}}}$.")
        if not self.softmax(l):
            text += f" Then ${t.ds(C, f'z_i^{{{l}}}')} = {t.ds(C, f'a_i^{{{l}}}')} \\cdot \\sigma'(z_i^{{{l}}})$."
        if self.B > 1:
            text += f" All on sample {k + 1}'s own cost $C_{{({k + 1})}}$."
        return {"title": self.titled(f"Backward pass: layer {l}", k), "text": text, "lines": lines}

    def output(self, k: int) -> list[Line]:
        """∂C/∂a^L from the loss; for a softmax output ∂C/∂z^L directly."""
        L, C = self.L, t.cost(self.sample(k))
        a, y, n, g = self.trace.a[L][k], self.y[k], self.n[L], self.grads
        lines = []
        for i in range(n):
            ai, yi = t.a(i, L), t.y(i)
            if self.loss == "mse":
                parts = [f"= \\frac{{2}}{{n_L}}({ai} - {yi})", f"= \\frac{{2}}{{{n}}}({t.num(a[i])} - {t.fac(y[i])})"]
            elif self.loss == "binary_cross_entropy":
                parts = [f"= \\frac{{1}}{{n_L}}\\, \\frac{{{ai} - {yi}}}{{{ai}(1 - {ai})}}",
                         f"= \\frac{{1}}{{{n}}}\\, \\frac{{{t.num(a[i])} - {t.fac(y[i])}}}{{{t.num(a[i])}(1 - {t.num(a[i])})}}"]
            else:
                parts = [f"= -\\frac{{{yi}}}{{{ai}}}", f"= -\\frac{{{t.num(y[i])}}}{{{t.num(a[i])}}}"]
            lines.append(line([t.d(C, ai)] + parts, self.per(g.dC_da[L][k, i]),
                              key("dC_da", L, i, sample=k, scale=self.B), numbers_from=2))
        if not self.softmax(L):
            return lines
        dz = [self.per(v) for v in g.dC_dz[L][k]]
        if self.loss == "cross_entropy":
            for i in range(n):
                parts = [t.d(C, t.z(i, L)), f"= {t.a(i, L)} - {t.y(i)}", f"= {t.num(a[i])} - {t.fac(y[i])}"]
                lines.append(line(parts, dz[i], key("dC_dz", L, i, sample=k, scale=self.B), numbers_from=2))
            return lines
        # another loss on a softmax: ∂C/∂z_i = a_i (∂C/∂a_i − Σ_m ∂C/∂a_m a_m)
        da = [self.per(v) for v in g.dC_da[L][k]]
        S = f"\\sum_m {t.d(C, f'a_m^{{{L}}}')}\\, a_m^{{{L}}}"
        total = float(sum(da[m] * a[m] for m in range(n)))
        lines.append(line([S] + sum_parts("=", [f"{t.fac(da[m])} \\cdot {t.fac(a[m])}" for m in range(n)]), total, numbers_from=1))
        for i in range(n):
            parts = [t.d(C, t.z(i, L)), f"= {t.a(i, L)}\\Big({t.d(C, t.a(i, L))} - {S}\\Big)",
                     f"= {t.num(a[i])}\\big({t.num(da[i])} - {t.fac(total)}\\big)"]
            lines.append(line(parts, dz[i], key("dC_dz", L, i, sample=k, scale=self.B), numbers_from=2))
        return lines

    def dC_da(self, k: int, l: int, A: int) -> Line:
        """∂C/∂a_A^l = Σ_i ∂C/∂a_i^(l+1) σ'(z_i^(l+1)) W_iA^(l+1), or through ∂C/∂z^(l+1) above a softmax."""
        C, up, g, W = t.cost(self.sample(k)), l + 1, self.grads, self.net.W[l + 1]
        if self.softmax(up):
            general = f"\\sum_i {t.d(C, t.z('i', up))}\\, {self.w('i', A, up)}"
            terms = [f"{t.fac(self.per(g.dC_dz[up][k, i]))} \\cdot {t.fac(W[i, A])}" for i in range(self.n[up])]
        else:
            general = f"\\sum_i {t.d(C, t.a('i', up))}\\, {t.sp('i', up)}\\, {self.w('i', A, up)}"
            terms = [f"{t.fac(self.per(g.dC_da[up][k, i]))} \\cdot {t.fac(self.trace.da_dz[up][k, i])} \\cdot {t.fac(W[i, A])}"
                     for i in range(self.n[up])]
        parts = [t.d(C, t.a(A, l)), f"= {general}"] + sum_parts("=", terms)
        return line(parts, self.per(g.dC_da[l][k, A]), key("dC_da", l, A, sample=k, scale=self.B), numbers_from=2)

    def da_dz(self, k: int, l: int, i: int) -> Line:
        av, zv = float(self.trace.a[l][k, i]), float(self.trace.z[l][k, i])
        ai = t.a(i, l)
        forms = {
            "sigmoid": [f"= {ai}(1 - {ai})", f"= {t.num(av)}(1 - {t.num(av)})"],
            "tanh": [f"= 1 - ({ai})^2", f"= 1 - {t.arg(av)}^2"],
            "relu": [f"= \\sigma'({t.num(zv)})"],
            "leaky_relu": [f"= \\sigma'({t.num(zv)})"],
            "linear": [],
        }[self.net.activations[l]]
        parts = [t.sp(i, l), *forms]
        return line(parts, float(self.trace.da_dz[l][k, i]), key("da_dz", l, i, sample=k), numbers_from=len(parts) - (len(forms) > 0))

    def dC_dz(self, k: int, l: int, i: int) -> Line:
        C, g = t.cost(self.sample(k)), self.grads
        parts = [t.d(C, t.z(i, l)), f"= {t.d(C, t.a(i, l))}\\, {t.sp(i, l)}"]
        if self.fused(l):  # binary cross-entropy on a sigmoid: σ'(z) cancels
            a, y, n = self.trace.a[l][k, i], self.y[k, i], self.n[l]
            parts += [f"= \\frac{{1}}{{n_L}}({t.a(i, l)} - {t.y(i)})", f"= \\frac{{1}}{{{n}}}({t.num(a)} - {t.fac(y)})"]
            numbers_from = 3
        else:
            parts.append(f"= {t.fac(self.per(g.dC_da[l][k, i]))} \\cdot {t.fac(self.trace.da_dz[l][k, i])}")
            numbers_from = 2
        return line(parts, self.per(g.dC_dz[l][k, i]), key("dC_dz", l, i, sample=k, scale=self.B), numbers_from=numbers_from)

    # ---- gradients: the chain rule for every weight and bias ----

    def gradients(self, l: int) -> Section:
        lines = []
        for A in range(self.n[l]):
            for j in range(self.n[l - 1]):
                lines += self.chain(l, A, j)
            lines += self.chain(l, A, None)
        C = "C_{(k)}" if self.B > 1 else "C"
        through = (t.ds(C, f"z_A^{{{l}}}") if self.softmax(l) else f"{t.ds(C, f'a_A^{{{l}}}')} \\cdot \\sigma'(z_A^{{{l}}})")
        text = (f"The chain rule: ${t.ds(C, f'W_{{AB}}^{{{l}}}')} = {through} \\cdot a_B^{{{l - 1}}}$ "
                f"and ${t.ds(C, f'b_A^{{{l}}}')} = {through}$.")
        if self.B > 1:
            text += f" Each sample's product first, then their mean over the $B = {self.B}$ samples, which is the gradient."
        return {"title": f"Gradients of layer {l}", "text": text, "lines": lines}

    def chain(self, l: int, A: int, j: int | None) -> list[Line]:
        """∂C/∂W_Aj^l (∂C/∂b_A^l when j is None): each sample's product, and with a batch their mean."""
        tr, g = self.trace, self.grads
        param = self.w(A, j, l) if j is not None else t.b(A, l)
        quantity = "dC_dW" if j is not None else "dC_db"
        lines, products = [], []
        for k in range(self.B):
            C = t.cost(self.sample(k))
            if self.softmax(l):
                names, factors = [t.d(C, t.z(A, l))], [self.per(g.dC_dz[l][k, A])]
            else:
                names = [t.d(C, t.a(A, l)), t.sp(A, l)]
                factors = [self.per(g.dC_da[l][k, A]), float(tr.da_dz[l][k, A])]
            share = self.per(g.dC_dz[l][k, A])
            if j is not None:
                names.append(t.a(j, l - 1))
                factors.append(float(tr.a[l - 1][k, j]))
                share *= float(tr.a[l - 1][k, j])
            products.append(share)
            parts = [t.d(C, param), "= " + "\\, ".join(names), "= " + " \\cdot ".join(t.fac(f) for f in factors)]
            if self.B == 1:
                total = float(g.dC_dW[l][A, j] if j is not None else g.dC_db[l][A])
                return [line(parts, total, key(quantity, l, A, j), numbers_from=2)]
            lines.append(line(parts, share, key(quantity, l, A, j, sample=k, scale=self.B), numbers_from=2))
        total = float(g.dC_dW[l][A, j] if j is not None else g.dC_db[l][A])
        mean = [t.d("C", param), f"= \\frac{{1}}{{B}} \\sum_k {t.d('C_{(k)}', param)}"] + self.mean_parts(products)
        return lines + [line(mean, total, key(quantity, l, A, j), numbers_from=2)]

    # ---- the Jacobian chain ----

    def jacobians(self) -> Section:
        L = self.L
        lines = []
        for l in range(L, -1, -1):
            lhs = f"\\frac{{\\partial a^{{{L}}}}}{{\\partial a^{{{l}}}}}"
            J = self.J[l][0].tolist()
            if l == L:
                parts = [lhs, "= I"]
            else:
                parts = [lhs] + ["= " + self.step(L)] + [self.step(m) for m in range(L - 1, l, -1)]
                if l < L - 1:
                    parts.append(f"= \\frac{{\\partial a^{{{L}}}}}{{\\partial a^{{{l + 1}}}}}\\, {self.step(l + 1)}")
            if fits(J):
                lines.append(line(parts, J, key("jacobians", l, sample=0), result=t.matrix(J)))
                continue
            lines.append(line(parts))  # too wide for one matrix: entry by entry
            for i, row in enumerate(J):
                for j, v in enumerate(row):
                    entry = f"\\frac{{\\partial a_{{{i}}}^{{{L}}}}}{{\\partial a_{{{j}}}^{{{l}}}}}"
                    lines.append(line([entry], v, key("jacobians", l, i, j, sample=0)))
        softmax = (f" A softmax output's own factor is $(\\operatorname{{diag}}(a^{{{L}}}) - a^{{{L}}} a^{{{L}\\top}})\\, W^{{{L}}}$."
                   if self.softmax(L) else "")
        text = (f"How the output moves with each layer's activations: each factor $\\operatorname{{diag}}(\\sigma'(z^m))\\, W^m$ "
                f"is $\\partial a^m / \\partial a^{{m-1}}$, and $\\partial a^{{{L}}}/\\partial a^l$ is an $n_{{{L}}} \\times n_l$ "
                f"matrix.{softmax}" + (" For sample 1." if self.B > 1 else ""))
        return {"title": "The Jacobian chain", "text": text, "lines": lines}

    def step(self, m: int) -> str:
        """∂a^m/∂a^(m-1) as a factor: diag(σ'(z^m)) W^m."""
        if self.softmax(m):
            return f"(\\operatorname{{diag}}(a^{{{m}}}) - a^{{{m}}} a^{{{m}\\top}})\\, W^{{{m}}}"
        return f"\\operatorname{{diag}}(\\sigma'(z^{{{m}}}))\\, W^{{{m}}}"


def derivation(req: DerivationRequest) -> DerivationResponse:
    return Writer(req).document()

