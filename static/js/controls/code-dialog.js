// The dialog that shows the page's current request as code: curl; or Python, three ways — calling the
// API (requests), or a standalone script in numpy or PyTorch that rebuilds this exact network and
// prints /backprop's loss and gradients. Copy, and for a script, Download.
import { el, clear } from "../lib/dom.js";
import { download } from "../lib/files.js";

const VARIANTS = [["requests", "requests (calls the API)"], ["numpy", "numpy (standalone)"], ["pytorch", "PyTorch (standalone)"]];
const FILES = { numpy: "backprop_numpy.py", pytorch: "backprop_pytorch.py" };
const NOTES = {
  requests: "The same POST /api/v1/backprop the page sends: its answer holds every number drawn here.",
  numpy: "Needs only numpy, no server: both passes written out step by step, printing {\"C\", \"dC_dW\", \"dC_db\"} as /backprop lays them out.",
  pytorch: "Needs PyTorch (float64, autograd: C.backward()), no server; prints the same JSON as /backprop's loss and gradients.",
};

/** @param {{copy(text)}} intents */
export function createCodeDialog(dialog, { copy }) {
  const title = dialog.querySelector("#code-title");
  const code = dialog.querySelector("#code-text");
  const foot = dialog.querySelector(".dialog-foot span");
  const tabs = el("div", { class: "seg code-variants", role: "radiogroup", "aria-label": "Which Python" });
  const save = el("button", { type: "button", id: "code-download", class: "secondary", hidden: true }, "Download .py");
  dialog.querySelector(".dialog-head").after(tabs);
  dialog.querySelector("#code-copy").before(save);
  dialog.querySelector("#code-copy").addEventListener("click", () => copy(code.textContent));
  dialog.querySelector("#code-close").addEventListener("click", () => dialog.close());
  let current = null;

  /** {kind, title, text, note?, scripts?: {numpy(), pytorch()}}: note, what the request is, in place of the variant's */
  function show(c) {
    current = c;
    title.textContent = c.title;
    dialog.dataset.kind = c.kind;
    tabs.hidden = !c.scripts;
    if (c.scripts) {
      clear(tabs).append(...VARIANTS.map(([v, label]) =>
        el("button", { type: "button", class: "seg-button", role: "radio", id: `code-${v}`, dataset: { variant: v }, on: { click: () => pick(v) } }, label)));
    }
    pick("requests");
    if (!dialog.open) dialog.showModal();
  }

  async function pick(variant) {
    const c = current;
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-checked", String(b.dataset.variant === variant));
    dialog.dataset.variant = variant;
    foot.textContent = c.note ?? NOTES[variant];
    save.hidden = variant === "requests";
    if (variant === "requests") {
      code.textContent = c.text;
      return;
    }
    code.textContent = "Asking the API for the script…";
    try {
      const text = await c.scripts[variant]();
      if (current !== c || dialog.dataset.variant !== variant) return;
      code.textContent = text;
      save.onclick = () => download(new Blob([text], { type: "text/x-python" }), FILES[variant]);
    } catch (e) {
      code.textContent = `The API refused the script: ${e.message}`;
    }
  }
  return { show };
}
