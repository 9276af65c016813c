// The detail panel: the chain rule for one weight or bias with its real numbers, and a node's
// own quantities. Same notation as the derivation; per-layer arrays are batch first (B × n_l).
import { el, clear } from "./dom.js";
import { tex, texElement, sym } from "./math.js";
import { fmt, texNum, texFactor } from "./format.js";
import { costCurveChart } from "./charts.js";
import { parameterCount } from "./state.js";

const LOSS_NAMES = { mse: "mean squared error", binary_cross_entropy: "binary cross-entropy", cross_entropy: "cross-entropy" };
const MAX_TERMS_IN_MATH = 4;
const MAX_ROWS = 16;

/**
 * @param {HTMLElement} container
 * @param {{api, onSelect(sel), onEdit(param, value)}} deps
 */
export function createDetail(container, { api, onSelect, onEdit, bodyFor }) {
  const cache = new Map(); // request key -> Promise, so a redraw does not refetch

  function fetchOnce(key, fn) {
    if (!cache.has(key)) {
      if (cache.size > 40) cache.clear();
      cache.set(key, fn());
    }
    return cache.get(key);
  }

  function show(ctx) {
    clear(container);
    const { sel } = ctx;
    if (!sel) return container.append(intro(ctx));
    if (sel.kind === "W") return container.append(parameterPanel(ctx, sel));
    return container.append(nodePanel(ctx, sel));
  }

  // ---- what the panel shows with nothing selected ----
  function intro(ctx) {
    const L = ctx.result.layers.length - 1;
    return el("div", { class: "panel intro" },
      el("h2", {}, "Follow the gradient"),
      el("p", {}, "Each line is a weight ", texElement("W_{ij}^l"), ", joining node ", texElement("j"), " of layer ", texElement("l-1"),
        " to node ", texElement("i"), " of layer ", texElement("l"), ". Its colour is ", texElement("\\partial C/\\partial W"),
        ": how fast the cost ", texElement("C"), " changes when that weight moves."),
      el("ul", { class: "tips" },
        el("li", {}, "Click a line for the chain rule behind its gradient, with the numbers."),
        el("li", {}, "Click a node for z, a, σ'(z), ∂C/∂a, ∂C/∂z and its bias."),
        el("li", {}, "Play the passes below the graph, or step with ← and →."),
      ),
      texElement(`z_i^l = \\sum_j W_{ij}^l a_j^{l-1} + b_i^l, \\qquad a_i^l = \\sigma(z_i^l)`, { display: true, tag: "div", className: "formula" }),
      texElement(costTex(ctx.state.loss, ctx.result.layers[L].a[0].length), { display: true, tag: "div", className: "formula" }),
    );
  }

  // ---- one weight (or, inside the node panel, one bias) ----
  function parameterPanel(ctx, p) {
    const { state, result } = ctx;
    const isW = p.kind === "W";
    const value = isW ? state.network.weights[p.l - 1][p.i][p.j] : state.network.biases[p.l - 1][p.i];
    const grad = isW ? result.gradients.weights[p.l - 1][p.i][p.j] : result.gradients.biases[p.l - 1][p.i];
    const name = isW ? sym.W(p.i, p.j, p.l) : sym.b(p.i, p.l);
    const panel = el("div", { class: "panel chain", dataset: { kind: p.kind, l: p.l, i: p.i, j: isW ? p.j : "" } });
    if (isW) {
      panel.append(el("div", { class: "panel-head" },
        el("h2", {}, "Weight ", texElement(name)),
        el("button", { class: "icon-button", type: "button", "aria-label": "Close", on: { click: () => onSelect(null) } }, "×")));
    }
    panel.append(el("div", { class: "param-row" },
      editField(name, value, p, isW ? `network.weights[${p.l - 1}]` : `network.biases[${p.l - 1}]`),
      el("div", { class: "grad-value" },
        texElement(`${sym.d("C", name)} =`),
        el("strong", { class: "big-number", dataset: { grad: String(grad) }, title: String(grad) }, fmt(grad, 6)))));

    const B = result.layers[0].a.length;
    const s = Math.min(state.view.sample, B - 1);
    panel.append(chainSection(ctx, p, s, B));
    panel.append(expansionSection(ctx, p.l, p.i, s, B));
    panel.append(jacobianSection(ctx, p.l, p.i, s));
    if (B > 1) panel.append(batchSection(ctx, p, B, grad));
    panel.append(gradcheckSection(ctx, p, grad));
    panel.append(curveSection(ctx, p, name));
    return panel;
  }

  function editField(name, value, p, field) {
    const id = `edit-${p.kind}-${p.l}-${p.i}-${p.j ?? ""}`;
    const input = el("input", {
      id, type: "number", step: "any", value: String(value), class: "num-input", dataset: { field },
      on: {
        change: (e) => {
          const v = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(v)) onEdit(p, v);
        },
      },
    });
    return el("div", { class: "field edit-param" },
      el("label", { for: id }, texElement(name), " ="), input, el("p", { class: "field-error", role: "alert", hidden: true }));
  }

  // The chain rule itself, with one sample's numbers.
  function chainSection(ctx, p, s, B) {
    const { result } = ctx;
    const l = p.l, A = p.i;
    const Ls = result.layers[l];
    const Cs = B > 1 ? `C_{(${s + 1})}` : "C";
    const elementwise = Ls.da_dz !== null;
    const factors = elementwise
      ? [
          { name: "dC_da", tex: sym.d(Cs, sym.a(A, l)), value: B * Ls.dC_da[s][A], what: `how the cost changes with the node's output a` },
          { name: "da_dz", tex: sym.sp(A, l), value: Ls.da_dz[s][A], what: `the slope of ${ctx.state.network.layers[l].activation} at z` },
        ]
      : [{ name: "dC_dz", tex: sym.d(Cs, sym.z(A, l)), value: B * Ls.dC_dz[s][A], what: "softmax mixes its inputs: ∂C/∂z taken directly" }];
    if (p.kind === "W") {
      factors.push({ name: "a_prev", tex: sym.a(p.j, l - 1), value: result.layers[l - 1].a[s][p.j], what: "the input this weight multiplies (∂z/∂W)" });
    }
    const product = factors.reduce((x, f) => x * f.value, 1);
    const target = p.kind === "W" ? sym.W(A, p.j, l) : sym.b(A, l);
    const lines = [
      `${sym.d(Cs, target)} &= ${factors.map((f) => f.tex).join(" \\cdot ")}`,
      `&= ${factors.map((f) => texFactor(f.value)).join(" \\cdot ")}`,
      `&= ${texNum(product, 6)}`,
    ];
    const section = el("section", { class: "chain-rule", dataset: { product: String(product) } },
      el("h3", {}, "The chain rule", B > 1 ? ` — sample ${s + 1} of ${B}` : ""),
      texElement(`\\begin{aligned}${lines.join("\\\\")}\\end{aligned}`, { display: true, tag: "div", className: "formula" }),
      el("dl", { class: "factors" }, factors.map((f) =>
        el("div", { class: "factor", dataset: { name: f.name, value: String(f.value) } },
          el("dt", {}, texElement(f.tex)),
          el("dd", {}, el("span", { class: "num", title: String(f.value) }, fmt(f.value, 6)), el("span", { class: "what" }, f.what))))),
    );
    if (!elementwise) {
      section.append(el("p", { class: "note" }, "Softmax's σ'(z) is not elementwise: each a_k depends on every z_i (a Jacobian). So the chain goes through ∂C/∂z directly."));
    }
    if (B > 1) {
      section.append(el("p", { class: "note" },
        `C is the mean of the ${B} samples' costs, so ∂C/∂${p.kind === "W" ? "W" : "b"} is the mean of this product over the samples (table below). `,
        "The API's dC_da and dC_dz are derivatives of that mean: they carry the factor 1/B, taken out here."));
    }
    return section;
  }

  // Where ∂C/∂a_A^l (or ∂C/∂z_A^L for softmax) comes from: the loss at the output, the sum below.
  function expansionSection(ctx, l, A, s, B) {
    const { state, result } = ctx;
    const L = result.layers.length - 1;
    const Cs = B > 1 ? `C_{(${s + 1})}` : "C";
    const section = el("section", { class: "expansion" });
    const a = (k, ll = l) => result.layers[ll].a[s][k];
    if (l === L) {
      const n = result.layers[L].a[0].length;
      const y = state.target[s];
      const softmax = result.layers[L].da_dz === null;
      section.append(el("h3", {}, softmax ? "∂C/∂z at the output" : "∂C/∂a at the output", ` (${LOSS_NAMES[state.loss] ?? state.loss})`));
      let body;
      if (softmax && state.loss === "cross_entropy") {
        body = `${sym.d(Cs, sym.z(A, L))} = ${sym.a(A, L)} - y_{${A}} = ${texNum(a(A))} - ${texFactor(y[A])} = ${texNum(B * result.layers[L].dC_dz[s][A], 6)}`;
      } else if (softmax) {
        body = `${sym.d(Cs, sym.z(A, L))} = ${sym.a(A, L)}\\Big(${sym.d(Cs, sym.a(A, L))} - \\sum_k ${sym.d(Cs, "a_k^{" + L + "}")} a_k^{${L}}\\Big) = ${texNum(B * result.layers[L].dC_dz[s][A], 6)}`;
      } else if (state.loss === "binary_cross_entropy") {
        body = `${sym.d(Cs, sym.a(A, L))} = \\frac{1}{n_L}\\,\\frac{${sym.a(A, L)} - y_{${A}}}{${sym.a(A, L)}(1 - ${sym.a(A, L)})} = \\frac{1}{${n}}\\,\\frac{${texNum(a(A))} - ${texFactor(y[A])}}{${texNum(a(A))}(1 - ${texNum(a(A))})} = ${texNum(B * result.layers[L].dC_da[s][A], 6)}`;
      } else {
        body = `${sym.d(Cs, sym.a(A, L))} = \\frac{2}{n_L}(${sym.a(A, L)} - y_{${A}}) = \\frac{2}{${n}}(${texNum(a(A))} - ${texFactor(y[A])}) = ${texNum(B * result.layers[L].dC_da[s][A], 6)}`;
      }
      section.append(texElement(body, { display: true, tag: "div", className: "formula" }));
      section.append(el("p", { class: "note" }, "From the cost: ", texElement(costTex(state.loss, n)),
        B > 1 ? ` for one sample; C averages it over the ${B} samples.` : "."));
      return section;
    }
    // Below the output: the sum over the nodes i of layer l+1 that a_A^l feeds.
    const next = result.layers[l + 1];
    const W = state.network.weights[l];
    const elementwise = next.da_dz !== null;
    const n = next.a[0].length;
    const terms = Array.from({ length: n }, (_, i) => {
      const f = elementwise ? [B * next.dC_da[s][i], next.da_dz[s][i], W[i][A]] : [B * next.dC_dz[s][i], W[i][A]];
      return { i, f, value: f.reduce((x, y) => x * y, 1) };
    });
    const total = terms.reduce((x, t) => x + t.value, 0);
    const generic = elementwise
      ? `\\sum_i ${sym.d(Cs, `a_i^{${l + 1}}`)}\\,\\sigma'(z_i^{${l + 1}})\\,W_{i${A}}^{${l + 1}}`
      : `\\sum_i ${sym.d(Cs, `z_i^{${l + 1}}`)}\\,W_{i${A}}^{${l + 1}}`;
    const shown = terms.slice(0, MAX_TERMS_IN_MATH).map((t) => t.f.map((v) => texFactor(v)).join("\\cdot "));
    const more = n > MAX_TERMS_IN_MATH ? ` + \\cdots\\ (${n - MAX_TERMS_IN_MATH}\\text{ more})` : "";
    section.append(
      el("h3", {}, "∂C/∂a from the layer above"),
      texElement(`\\begin{aligned}${sym.d(Cs, sym.a(A, l))} &= ${generic} \\\\ &= ${shown.join(" + ")}${more} \\\\ &= ${texNum(total, 6)}\\end{aligned}`,
        { display: true, tag: "div", className: "formula" }),
      termsTable(terms, elementwise, l, A, total),
    );
    return section;
  }

  function termsTable(terms, elementwise, l, A, total) {
    const head = elementwise ? ["i", "∂C/∂a_i", "σ'(z_i)", `W_i${A}`, "term"] : ["i", "∂C/∂z_i", `W_i${A}`, "term"];
    const rows = terms.slice(0, MAX_ROWS).map((t) =>
      el("tr", {}, el("td", {}, String(t.i)), t.f.map((v) => el("td", { class: "num" }, fmt(v))), el("td", { class: "num strong" }, fmt(t.value))));
    return el("table", { class: "terms" },
      el("caption", {}, `layer ${l + 1}'s nodes i, each passing back its share`),
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, rows, terms.length > MAX_ROWS ? el("tr", {}, el("td", { colspan: head.length }, `… ${terms.length - MAX_ROWS} more`)) : null),
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: head.length - 1 }, "sum"), el("td", { class: "num strong" }, fmt(total)))));
  }

  // On request: ∂a^L/∂a^l as the product of σ'(z)·W matrices, from the API's jacobians.
  function jacobianSection(ctx, l, A, s) {
    const L = ctx.result.layers.length - 1;
    const section = el("section", { class: "jacobian" });
    const out = el("div", { class: "jacobian-out" });
    const button = el("button", { type: "button", class: "secondary", on: { click: () => run() } }, "Show the Jacobian chain ", texElement(`\\partial a^{${L}}/\\partial a^{${l}}`));
    section.append(el("h3", {}, "As one matrix chain"), button, out);
    async function run() {
      button.disabled = true;
      clear(out).append(el("p", { class: "muted" }, "Asking the API for the Jacobians…"));
      try {
        const res = await fetchOnce(`J|${ctx.key}`, () => api.backprop(bodyFor({ jacobians: true })));
        renderJacobian(out, ctx, res.jacobians[l][s], l, A, s, L);
      } catch (e) {
        clear(out).append(el("p", { class: "field-error" }, e.message));
      }
      button.disabled = false;
    }
    return section;
  }

  function renderJacobian(out, ctx, J, l, A, s, L) {
    clear(out);
    const { result } = ctx;
    const softmaxOut = result.layers[L].da_dz === null;
    const factors = [];
    for (let k = L; k > l; k--) {
      const d = k === L && softmaxOut ? `(\\operatorname{diag}(a^{${k}}) - a^{${k}} a^{${k}\\top})` : `\\operatorname{diag}(\\sigma'(z^{${k}}))`;
      factors.push(`${d}\\,W^{${k}}`);
    }
    const chain = l === L ? "I" : factors.join("\\;");
    out.append(texElement(`\\frac{\\partial a^{${L}}}{\\partial a^{${l}}} = ${chain}`, { display: true, tag: "div", className: "formula" }));
    const small = J.length <= 6 && J[0].length <= 8;
    const matrix = small ? J : J.map((row) => [row[A]]);
    const texM = `\\begin{pmatrix}${matrix.map((r) => r.map((v) => texNum(v, 3)).join(" & ")).join("\\\\")}\\end{pmatrix}`;
    out.append(texElement(`${small ? `\\frac{\\partial a^{${L}}}{\\partial a^{${l}}}` : `\\frac{\\partial a^{${L}}}{\\partial ${sym.a(A, l)}}`} = ${texM}`, { display: true, tag: "div", className: "formula" }));
    const B = result.layers[0].a.length;
    const dCdaL = result.layers[L].dC_da[s].map((v) => B * v);
    const sum = dCdaL.reduce((acc, v, k) => acc + v * J[k][A], 0);
    out.append(texElement(`${sym.d("C", sym.a(A, l))} = \\sum_k ${sym.d("C", `a_k^{${L}}`)} \\Big(\\frac{\\partial a^{${L}}}{\\partial a^{${l}}}\\Big)_{k${A}} = ${texNum(sum, 6)}`, { display: true, tag: "div", className: "formula" }));
    out.append(el("p", { class: "note" }, "The same number as the sum above: the backward pass is this product of matrices, applied one layer at a time."));
  }

  // With a batch: each sample's product beside their mean, which is the gradient.
  function batchSection(ctx, p, B, grad) {
    const { result } = ctx;
    const Ls = result.layers[p.l];
    const elementwise = Ls.da_dz !== null;
    const rows = [];
    let sum = 0;
    for (let s = 0; s < B; s++) {
      const f = elementwise ? [B * Ls.dC_da[s][p.i], Ls.da_dz[s][p.i]] : [B * Ls.dC_dz[s][p.i]];
      if (p.kind === "W") f.push(result.layers[p.l - 1].a[s][p.j]);
      const v = f.reduce((x, y) => x * y, 1);
      sum += v;
      rows.push(el("tr", { class: s === ctx.state.view.sample ? "current" : null, dataset: { sample: s, value: String(v) } },
        el("td", {}, String(s + 1)), f.map((x) => el("td", { class: "num" }, fmt(x))), el("td", { class: "num strong" }, fmt(v)),
        el("td", {}, bar(v, rows))));
    }
    const head = ["sample", ...(elementwise ? ["∂C_s/∂a", "σ'(z)"] : ["∂C_s/∂z"]), ...(p.kind === "W" ? ["a_j"] : []), "∂C_s/∂" + p.kind, ""];
    const maxAbs = Math.max(...rows.map((r) => Math.abs(Number(r.dataset.value))), 1e-300);
    for (const r of rows) {
      const v = Number(r.dataset.value);
      const b = r.lastChild.firstChild;
      b.classList.add(v < 0 ? "neg" : "pos");
      b.firstChild.style.width = `${(50 * Math.abs(v)) / maxAbs}%`;
    }
    return el("section", { class: "batch" },
      el("h3", {}, `Each sample's share (B = ${B})`),
      el("table", { class: "terms batch-table", dataset: { mean: String(sum / B) } },
        el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows),
        el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: head.length - 2 }, "mean = ∂C/∂" + p.kind),
          el("td", { class: "num strong" }, fmt(sum / B)), el("td", {})))),
      el("p", { class: "note" }, `The gradient the API returns, ${fmt(grad, 6)}, is this mean.`));
  }

  function bar() {
    return el("span", { class: "bar" }, el("span", { class: "bar-fill" }));
  }

  // Finite differences beside the analytic value: /gradcheck checks every parameter of a network
  // within its limit; above it, /cost-curve gives C at w − ε, w, w + ε for this one parameter.
  function gradcheckSection(ctx, p, grad) {
    const out = el("div", { class: "gradcheck-out" }, el("p", { class: "muted" }, "Checking with finite differences…"));
    const section = el("section", { class: "gradcheck" }, el("h3", {}, "Check: finite differences"), out);
    const count = parameterCount(ctx.state);
    const numeric = limits().then((lim) => {
      if (count <= lim.max_gradcheck_parameters) {
        return fetchOnce(`G|${ctx.key}`, () => api.gradcheck(bodyFor({}))).then((res) => ({
          num: p.kind === "W" ? res.numeric.weights[p.l - 1][p.i][p.j] : res.numeric.biases[p.l - 1][p.i],
          eps: res.epsilon,
          note: `Every one of the ${count} parameters was checked: the largest relative error is ${fmt(res.max_rel_error, 2)} (${res.worst}).`,
        }));
      }
      const eps = 1e-6;
      const where = { layer: p.l, i: p.i, ...(p.kind === "W" ? { j: p.j } : {}), radius: eps, points: 3 };
      return fetchOnce(`F|${ctx.key}|${p.kind}${p.l}_${p.i}_${p.j ?? ""}`, () => api.costCurve(bodyFor(where))).then((res) => ({
        num: (res.costs[2] - res.costs[0]) / (res.values[2] - res.values[0]),
        eps,
        note: `This network has ${count} parameters, over the ${lim.max_gradcheck_parameters} a full check perturbs, so only this one was checked.`,
      }));
    });
    numeric
      .then(({ num, eps, note }) => {
        const rel = Math.abs(num - grad) / Math.max(Math.abs(num), Math.abs(grad), 1e-12);
        const name = p.kind === "W" ? sym.W(p.i, p.j, p.l) : sym.b(p.i, p.l);
        clear(out).append(
          texElement(`\\frac{C(${name} + \\varepsilon) - C(${name} - \\varepsilon)}{2\\varepsilon} = ${texNum(num, 8)}`, { display: true, tag: "div", className: "formula" }),
          el("dl", { class: "compare" },
            el("div", {}, el("dt", {}, "backprop"), el("dd", { class: "num" }, fmt(grad, 10))),
            el("div", {}, el("dt", {}, "finite difference"), el("dd", { class: "num", dataset: { numeric: String(num) } }, fmt(num, 10))),
            el("div", {}, el("dt", {}, "relative error"), el("dd", { class: rel < 1e-5 ? "num ok" : "num warn" }, fmt(rel, 2)))),
          el("p", { class: "note" }, `ε = ${eps}. Backprop gets the exact slope in one backward pass; the finite difference needs two forward passes per parameter. ${note}`));
      })
      .catch((e) => clear(out).append(el("p", { class: "field-error" }, e.message)));
    return section;
  }

  let limitsOnce = null;
  function limits() {
    limitsOnce ??= api.meta().then((m) => m.limits).catch(() => ({ max_gradcheck_parameters: 5000 }));
    return limitsOnce;
  }

  // C as this one parameter moves, with the tangent of slope ∂C/∂W through the current point.
  function curveSection(ctx, p, name) {
    const chart = el("div", { class: "chart" });
    const id = `radius-${p.kind}`;
    const radius = el("select", { id, class: "compact" }, [0.1, 0.5, 1, 2, 5].map((r) => el("option", { value: r, selected: r === 1 }, `± ${r}`)));
    const section = el("section", { class: "curve" },
      el("div", { class: "section-head" }, el("h3", {}, "C along ", texElement(name)),
        el("label", { for: id, class: "inline" }, "range ", radius)),
      chart);
    const draw = () => {
      const r = Number(radius.value);
      const extra = { layer: p.l, i: p.i, radius: r, points: 81, ...(p.kind === "W" ? { j: p.j } : {}) };
      fetchOnce(`C|${ctx.key}|${r}`, () => api.costCurve(bodyFor(extra)))
        .then((res) => costCurveChart(chart, { ...res, label: name }))
        .catch((e) => clear(chart).append(el("p", { class: "field-error" }, e.message)));
    };
    radius.addEventListener("change", draw);
    draw();
    return section;
  }

  // ---- a node: its quantities, its incoming weights, and its bias ----
  function nodePanel(ctx, sel) {
    const { state, result } = ctx;
    const { l, i } = sel;
    const L = result.layers.length - 1;
    const B = result.layers[0].a.length;
    const s = Math.min(state.view.sample, B - 1);
    const Ls = result.layers[l];
    const act = l === 0 ? "input" : state.network.layers[l].activation;
    const panel = el("div", { class: "panel node-panel", dataset: { l, i } },
      el("div", { class: "panel-head" },
        el("h2", {}, "Node ", texElement(sym.a(i, l))),
        el("span", { class: "pill" }, l === 0 ? "input" : l === L ? `output · ${act}` : `hidden · ${act}`),
        el("button", { class: "icon-button", type: "button", "aria-label": "Close", on: { click: () => onSelect(null) } }, "×")));
    const rows = [[sym.a(i, l), Ls.a[s][i], "a"]];
    if (l > 0) {
      rows.unshift([sym.z(i, l), Ls.z[s][i], "z"]);
      rows.push([sym.sp(i, l), Ls.da_dz ? Ls.da_dz[s][i] : null, "da_dz"]);
      rows.push([sym.d("C", sym.a(i, l)), Ls.dC_da[s][i], "dC_da"]);
      rows.push([sym.d("C", sym.z(i, l)), Ls.dC_dz[s][i], "dC_dz"]);
      if (l === L) rows.push([sym.y(i), state.target[s][i], "y"]);
    }
    panel.append(el("dl", { class: "quantities" }, rows.map(([t, v, key]) =>
      el("div", { dataset: { q: key, value: v === null ? "" : String(v) } }, el("dt", {}, texElement(t)),
        el("dd", { class: "num", title: v === null ? "" : String(v) }, v === null ? "a Jacobian (softmax)" : fmt(v, 6))))));
    if (B > 1) panel.append(el("p", { class: "note" }, `Sample ${s + 1} of ${B}. ∂C/∂a and ∂C/∂z are parts of the batch cost C, so they carry its 1/B.`));
    if (l === 0) {
      panel.append(el("p", { class: "note" }, "An input: a", el("sub", {}, String(i)), el("sup", {}, "0"), " = x", el("sub", {}, String(i)), ". Change it under Data."));
      return panel;
    }
    const W = state.network.weights[l - 1][i];
    const g = result.gradients.weights[l - 1][i];
    panel.append(el("section", {}, el("h3", {}, "Incoming weights"),
      el("table", { class: "terms incoming" },
        el("thead", {}, el("tr", {}, ["", "W", "∂C/∂W"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, W.slice(0, 64).map((w, j) => el("tr", {},
          el("td", {}, el("button", { type: "button", class: "link", on: { click: () => onSelect({ kind: "W", l, i, j }) } }, texElement(sym.W(i, j, l)))),
          el("td", { class: "num" }, fmt(w)), el("td", { class: "num" }, fmt(g[j]))))))));
    const bias = el("section", { class: "bias" }, el("h3", {}, "Bias ", texElement(sym.b(i, l))));
    bias.append(parameterPanel(ctx, { kind: "b", l, i }));
    panel.append(bias);
    return panel;
  }

  return { show };
}

export function costTex(loss, n) {
  if (loss === "binary_cross_entropy") return `C = -\\frac{1}{${n}}\\sum_i \\big[y_i \\ln a_i^L + (1 - y_i)\\ln(1 - a_i^L)\\big]`;
  if (loss === "cross_entropy") return `C = -\\sum_i y_i \\ln a_i^L`;
  return `C = \\frac{1}{n_L}\\sum_i (a_i^L - y_i)^2`;
}

