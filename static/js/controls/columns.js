// The page's columns follow the mode: in train mode the training settings appear under the network
// editor, and the right column shows the run or the selection's details (a tab each).

/** The right column's tabs in each mode that has them: the first opens by default. */
export const TABS = { train: ["training", "details"], derive: ["derive", "details"] };

/**
 * @param {{body, trainControls, tabs, training, derive, detail, aside}} parts
 * @param {{showTab(tab)}} intents
 */
export function createColumns({ body, trainControls, tabs, training, derive, detail, aside }, { showTab }) {
  const tabButtons = [...tabs.querySelectorAll("button")];
  for (const b of tabButtons) b.addEventListener("click", () => showTab(b.dataset.tab));
  let shownTab = null;

  function update({ mode, tab: asked }) {
    const tabbed = TABS[mode] ?? [];
    const tab = tabbed.includes(asked) ? asked : tabbed[0];
    body.dataset.mode = mode;
    trainControls.hidden = mode !== "train";
    tabs.hidden = !tabbed.length;
    training.hidden = mode !== "train" || tab !== "training";
    derive.hidden = mode !== "derive" || tab !== "derive";
    detail.hidden = tabbed.length > 0 && tab !== "details";
    for (const b of tabButtons) {
      b.hidden = !tabbed.includes(b.dataset.tab);
      b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    }
    if (shownTab !== null && tab !== shownTab) aside.scrollTop = 0; // another tab opens at its top
    shownTab = tab;
  }

  /**
   * A card opened by a tap on the graph: when the right column sits below the graph (a phone, a narrow
   * window) and out of sight, scroll the page to it; beside the graph it is in view already.
   */
  function reveal() {
    const top = aside.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 80) {
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      aside.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
    }
  }
  return { update, reveal };
}
