// The header: the cost C with its formula, the mode switch, and the actions (presets, link,
// export/import, the request as curl or Python). Receives the header element; emits intents.
import { el, setAttr, setText } from "../lib/dom.js";
import { tex } from "../lib/math.js";
import { fmt } from "../lib/format.js";
import { PRESETS } from "../app/presets.js";
import { LOSSES } from "../app/vocabulary.js";
import { sizes } from "../app/state.js";
import { toFragment } from "../app/fragment.js";
import { linkOf, whenLinkIsCheap } from "../app/link.js";
import { costTex } from "../detail/tex.js";
import { markStale } from "./stale.js";

export function createHeader(header, intents) {
  const value = header.querySelector("#cost-value");
  const kind = header.querySelector("#cost-kind");
  const box = header.querySelector("#cost-formula");
  const modes = [...header.querySelectorAll("#mode button")];
  for (const b of modes) b.addEventListener("click", () => intents.setMode(b.dataset.mode));
  const root = document.body.dataset.api.replace(/\/api\/v1$/, ""); // the app's root path (BACKPROP_ROOT_PATH)
  const worksheet = actions(header.querySelector("#actions"), intents);
  // under the name: the API's documentation (a small link at every width, not one more button in the row)
  header.querySelector(".tagline").after(el("p", { class: "brand-links" }, el("a", { id: "api-docs", href: `${root}/docs`, target: "_blank", rel: "noopener",
    title: "The API's documentation: every endpoint, its fields and its errors, with examples" }, "API docs")));
  const teach = header.querySelector("#teach");

  // The worksheet's address encodes the whole state (a millisecond a frame while training): while
  // training live it is written when the menu that holds it opens, else with every update.
  let linked = null; // the state the worksheet's address holds
  let latest = null;
  const link = (state) => {
    if (linked === state) return;
    linked = state;
    whenLinkIsCheap(state, () => (worksheet.href = `${root}/worksheet${toFragment(linkOf(state))}`));
  };
  teach.addEventListener("toggle", () => teach.open && latest && link(latest));

  /**
   * {state, result, live: steps taken when the result is a training frame, else null, cost: C as shown
   * (Derive mode: the learner's own, null before they have one)}
   */
  function update({ state, result, live, cost = result.loss }) {
    setText(value, cost === null ? "?" : fmt(cost, 6));
    setAttr(value, "data-value", cost === null ? null : String(cost));
    setAttr(value, "title", cost === null ? "Derive C yourself: it shows here once your answer is in" : String(cost));
    const B = state.input.length;
    setText(kind, live !== null
      ? `step ${live} · ${B} samples`
      : `${LOSSES[state.loss]?.short ?? state.loss}${B > 1 ? ` · mean of ${B} samples` : ""}`);
    const formula = costTex(state.loss, sizes(state).at(-1));
    if (box.dataset.tex !== formula) {
      tex(box, formula); // typesetting costs milliseconds: only when the formula changes
      box.dataset.tex = formula;
    }
    for (const b of modes) setAttr(b, "aria-pressed", String(b.dataset.mode === state.view.mode));
    latest = state;
    if (live === null || teach.open) link(state);
  }
  const cost = header.querySelector(".cost");
  return { update, stale: (on) => markStale(cost, on, { last: true }) };
}

/** The header's buttons; returns the worksheet's link, whose address follows the state. */
function actions(container, intents) {
  const worksheet = el("a", { id: "worksheet", class: "button", target: "_blank", rel: "noopener", dataset: { control: "worksheet" },
    title: "The whole derivation of this network as a printable worksheet (and its answer key)" }, "Worksheet");
  const preset = el("select", { id: "preset", class: "compact", dataset: { control: "presets" }, on: { change: (e) => { if (e.target.value) intents.preset(e.target.value); e.target.value = ""; } } },
    el("option", { value: "" }, "Presets…"), PRESETS.map((p) => el("option", { value: p.id }, p.name)));
  const file = el("input", { type: "file", id: "import-file", accept: ".json,application/json", class: "visually-hidden",
    on: { change: (e) => { const f = e.target.files[0]; if (f) intents.importFile(f); e.target.value = ""; } } });
  container.append(
    el("label", { for: "preset", class: "visually-hidden" }, "Load a preset"), preset,
    el("button", { type: "button", id: "copy-link", dataset: { control: "link" }, on: { click: () => intents.copyLink() } }, "Copy link"),
    el("button", { type: "button", id: "export", dataset: { control: "export" }, on: { click: () => intents.exportJson() } }, "Export"),
    el("span", { class: "action-group", dataset: { control: "import" } },
      el("label", { for: "import-file", class: "button", tabindex: 0, id: "import-label",
        on: { keydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); file.click(); } } } }, "Import"), file),
    el("span", { class: "action-group", dataset: { control: "code" } },
      el("button", { type: "button", id: "copy-curl", on: { click: () => intents.showCode("curl") } }, "curl"),
      el("button", { type: "button", id: "copy-python", on: { click: () => intents.showCode("python") } }, "Python")),
    el("details", { class: "menu", id: "teach", dataset: { control: "teach" } },
      el("summary", { class: "button", title: "What a teacher takes away: a worksheet, an embed, a lesson link" }, "Teach"),
      el("div", { class: "menu-list", role: "menu" }, worksheet,
        el("button", { type: "button", id: "embed", dataset: { control: "embed" }, title: "This page as an <iframe> for another site",
          on: { click: (e) => { e.target.closest("details").open = false; intents.showEmbed(); } } }, "Embed"),
        el("button", { type: "button", id: "lesson", dataset: { control: "lesson" }, title: "A link that hides and locks controls, with a task",
          on: { click: (e) => { e.target.closest("details").open = false; intents.openLesson(); } } }, "Lesson link…"))),
  );
  return worksheet;
}
