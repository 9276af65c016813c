// A small DOM builder. Text always goes in as text (textContent), never as markup, so a value
// from a file or a server message cannot inject elements or scripts.

/** el("td", {class: "num", dataset: {value: "1"}}, "text", childNode, …) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "on") for (const [type, fn] of Object.entries(v)) node.addEventListener(type, fn);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * Write a node's text, or an attribute (null: remove it), only when it changed: a write of the same
 * value still invalidates the element's style, layout and paint (and text replaces its text node),
 * which live training pays on every frame.
 */
export function setText(node, text) {
  const only = node.firstChild;
  if (only && only === node.lastChild && only.nodeType === 3 && text) {
    if (only.data !== text) only.data = text; // the same text node: nothing inserted, nothing to lay out anew
  } else if (node.textContent !== text) node.textContent = text;
}
export function setAttr(node, name, value) {
  if (value === null) node.removeAttribute(name);
  else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}
export function setClass(node, name, on) {
  if (node.classList.contains(name) !== on) node.classList.toggle(name, on);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Run fn once the next frame is painted: work that must not hold up what was just drawn. */
export function afterPaint(fn) {
  requestAnimationFrame(() => setTimeout(fn, 0));
}
