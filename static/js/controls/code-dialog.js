// The dialog that shows the page's current request as code (curl, Python), with a Copy button.

/** @param {{copy(text)}} intents */
export function createCodeDialog(dialog, { copy }) {
  const title = dialog.querySelector("#code-title");
  const code = dialog.querySelector("#code-text");
  dialog.querySelector("#code-copy").addEventListener("click", () => copy(code.textContent));
  dialog.querySelector("#code-close").addEventListener("click", () => dialog.close());

  /** {kind, title, text} */
  function show(c) {
    title.textContent = c.title;
    code.textContent = c.text;
    dialog.dataset.kind = c.kind;
    dialog.showModal();
  }
  return { show };
}
