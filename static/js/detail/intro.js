// What the card shows with nothing selected: what a line and a node are, and the two formulas.
import { el } from "../lib/dom.js";
import { texElement } from "../lib/math.js";
import { costTex, formula } from "./tex.js";
import { sizes } from "../app/state.js";
import { matrixLayers } from "../graph/cells.js";

export function intro({ state, result }) {
  const L = result.layers.length - 1;
  return el("div", { class: "panel intro" },
    el("h2", {}, "Follow the gradient"),
    el("p", {}, "Each line is a weight ", texElement("W_{ij}^l"), ", joining node ", texElement("j"), " of layer ", texElement("l-1"),
      " to node ", texElement("i"), " of layer ", texElement("l"), ". Its colour is ", texElement("\\partial C/\\partial W"),
      ": how fast the cost ", texElement("C"), " changes when that weight moves."),
    matrixLayers(sizes(state), state.view.matrix ?? "auto").length
      ? el("p", {}, "A layer drawn as a matrix shows the same weights as cells: row ", texElement("i"), " is node ", texElement("i"),
        " of layer ", texElement("l"), " (the weights into it), column ", texElement("j"), " is node ", texElement("j"), " of layer ",
        texElement("l-1"), ". The switch under each layer draws it as lines or as a matrix.")
      : null,
    el("ul", { class: "tips" },
      el("li", {}, "Click a line (or a matrix's cell) for the chain rule behind its gradient, with the numbers."),
      el("li", {}, "Click a node for z, a, σ'(z), ∂C/∂a, ∂C/∂z and its bias."),
      el("li", {}, "Play the passes below the graph, or step with ← and →."),
    ),
    formula(`z_i^l = \\sum_j W_{ij}^l a_j^{l-1} + b_i^l, \\qquad a_i^l = \\sigma(z_i^l)`),
    formula(costTex(state.loss, result.layers[L].a[0].length)),
  );
}
