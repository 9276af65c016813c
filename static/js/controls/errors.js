// Where a refusal's messages go: beside the control each error's field points at, else the banner.
// Messages go in as text, never as markup.

/**
 * Put each error's message beside the control its `field` points at (the longest data-field or
 * data-for that prefixes it); what matches nothing goes to the banner. Messages go in as text. A slot
 * marked data-own says it in the page's words, with its fix (a button): it is shown, its text kept.
 */
export function showErrors(root, banner, error) {
  clearErrors(root, banner);
  const slots = [];
  for (const node of root.querySelectorAll("[data-field], .field-error[data-for]")) {
    const keys = (node.dataset.field ?? node.dataset.for).split(" ");
    const slot = node.matches(".field-error") ? node : node.closest(".field, .layer-row, .control-group")?.querySelector(".field-error");
    if (slot) for (const k of keys) slots.push([k, slot, node]);
  }
  const placed = [];
  for (const item of error.errors ?? []) {
    const f = item.field ?? "";
    const match = slots
      .filter(([k]) => f === k || f.startsWith(k + ".") || f.startsWith(k + "["))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (!match) continue;
    const [, slot, control] = match;
    slot.hidden = false;
    if (!("own" in slot.dataset)) slot.textContent = item.message; // an own slot holds its words and its fix already
    if (control.matches("input, select")) control.setAttribute("aria-invalid", "true");
    placed.push(item);
  }
  if (placed.length === 0 || placed.length < (error.errors?.length ?? 0)) {
    banner.hidden = false;
    banner.textContent = error.message;
  }
}

export function clearErrors(root, banner) {
  for (const slot of root.querySelectorAll(".field-error")) {
    slot.hidden = true;
    if (!("own" in slot.dataset)) slot.textContent = "";
  }
  for (const c of root.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  banner.hidden = true;
  banner.textContent = "";
}
