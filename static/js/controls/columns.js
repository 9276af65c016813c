// The page's columns follow the mode: in train mode the training settings appear under the network
// editor, and the right column shows the run or the selection's details (a tab each).

/**
 * @param {{body, trainControls, tabs, training, detail, aside}} parts
 * @param {{showTab(tab)}} intents
 */
export function createColumns({ body, trainControls, tabs, training, detail, aside }, { showTab }) {
  const tabButtons = [...tabs.querySelectorAll("button")];
  for (const b of tabButtons) b.addEventListener("click", () => showTab(b.dataset.tab));
  let shownTab = null;

  function update({ mode, tab }) {
    const train = mode === "train";
    body.dataset.mode = mode;
    trainControls.hidden = !train;
    tabs.hidden = !train;
    training.hidden = !train || tab !== "training";
    detail.hidden = train && tab !== "details";
    for (const b of tabButtons) b.setAttribute("aria-selected", String(b.dataset.tab === tab));
    if (shownTab !== null && tab !== shownTab) aside.scrollTop = 0; // another tab opens at its top
    shownTab = tab;
  }
  return { update };
}
