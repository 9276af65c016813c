// The pointer and the keyboard on the graph: hovering a weight (a line, or a matrix's cell) shows its
// W and ∂C/∂W in a tooltip; clicking a weight or a node selects it (Enter or Space on a focused node
// too); clicking empty space clears the selection.
import { DIGITS, texNum } from "../lib/format.js";
import { tex, sym } from "../lib/math.js";

/**
 * @param {{svg, tip, container}} parts the d3 selections of the SVG and the tooltip, and the container
 * @param {{edgeAt(event), weightOf(e): {w, g} | null, onSelect(sel), onHover(e | null)}} deps
 *   edgeAt: the weight {l, i, j} under the pointer, or null; onHover follows it (a matrix outlines its cell)
 */
export function attachPointer({ svg, tip, container }, { edgeAt, weightOf, onSelect, onHover }) {
  let tipText = null;
  let shown = null; // the weight {l, i, j} the tooltip shows

  /** The tooltip for weight e at the pointer (event), or where it is when event is null (a redraw: no layout read). */
  function showTip(event, e) {
    const v = weightOf(e);
    if (!v) return hideTip();
    shown = e;
    tip.attr("hidden", null);
    const W = sym.W(e.i, e.j, e.l, v.wide);
    const text = `${W} = ${texNum(v.w, DIGITS)} \\quad ${sym.d("C", W)} = ${v.g === null ? "\\,?" : texNum(v.g, DIGITS)}`;
    if (text !== tipText) tex(tip.node(), (tipText = text));
    tip.attr("data-l", e.l).attr("data-i", e.i).attr("data-j", e.j).attr("data-weight", String(v.w))
      .attr("data-grad", v.g === null ? null : String(v.g));
    if (!event) return;
    const box = container.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    tip.style("left", `${Math.min(x + 14, box.width - 250)}px`).style("top", `${Math.max(4, y - 46)}px`);
  }

  function hideTip() {
    tip.attr("hidden", "");
    tipText = null;
    shown = null;
  }

  const nodeOf = (el) => ({ kind: "node", l: +el.dataset.l, i: +el.dataset.i });

  svg.on("pointermove", (event) => {
    const e = edgeAt(event);
    // the pointer cursor where no SVG line gives it: a line on the canvas, a matrix's cell
    svg.classed("over-edge", !!e && !event.target.closest?.(".edge"));
    onHover(e);
    if (e) showTip(event, e);
    else hideTip();
  });
  svg.on("pointerleave", () => {
    onHover(null);
    hideTip();
  });
  svg.on("click", (event) => {
    const e = edgeAt(event);
    // a tap or a click: the card it opens is brought into view (a phone shows it below the graph)
    if (e) return onSelect({ kind: "W", l: e.l, i: e.i, j: e.j }, { reveal: true });
    const n = event.target.closest?.(".node");
    onSelect(n ? nodeOf(n) : null, { reveal: !!n });
  });
  svg.on("keydown", (event) => {
    const n = event.target.closest?.(".node");
    if (n && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      onSelect(nodeOf(n));
    }
  });

  /**
   * After a redraw: the tooltip shows the weight's new numbers where it was, or hides when the layout
   * changed (the pointer may now be over another weight, or none) or the weight is gone.
   */
  function refresh(layoutChanged) {
    if (!shown) return;
    if (layoutChanged) {
      onHover(null);
      return hideTip();
    }
    showTip(null, shown); // the same place: the layout, and so the pointer's weight, are as they were
  }
  return { refresh };
}
