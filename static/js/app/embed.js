// The page's state as an <iframe> for another site: GET /embed with the same #s= fragment. Pure: no DOM,
// so node --test imports it as the browser does. (The server lets only BACKPROP_FRAME_ANCESTORS frame it.)
import { toFragment } from "./fragment.js";
import { sizes } from "./state.js";

/** The frame's default size, and the sizes /embed is laid out for. */
export const FRAME = { width: 800, height: 500, minWidth: 360, minHeight: 300, max: 4000 };

const WHAT = {
  explore: (net) => `the chain rule in a ${net} network`,
  train: (net) => `training a ${net} network`,
  derive: (net) => `derive the gradients of a ${net} network`,
};

/** What the frame shows, for its title (read by screen readers): a lesson's task, else the network and the mode. */
export function embedTitle(state) {
  const task = typeof state.lesson?.task === "string" ? state.lesson.task.replace(/\s+/g, " ").trim() : "";
  if (task) return `backprop-viz: ${task.length > 80 ? `${task.slice(0, 79).replace(/\s\S*$/, "")}…` : task}`;
  return `backprop-viz: ${(WHAT[state.view?.mode] ?? WHAT.explore)(sizes(state).join("-"))}`;
}

/** A size typed in the dialog, as the whole pixels of a width or height attribute. */
export function frameSize(value, fallback, min) {
  const n = Math.round(Number(value));
  return Number.isFinite(n) && n > 0 ? Math.min(Math.max(n, min), FRAME.max) : fallback;
}

/** `<iframe …>` showing `state` from the app at `base` (its origin and root path). */
export function embedSnippet(base, state, { width = FRAME.width, height = FRAME.height } = {}) {
  const w = frameSize(width, FRAME.width, FRAME.minWidth);
  const h = frameSize(height, FRAME.height, FRAME.minHeight);
  const src = `${base}/embed${toFragment(state)}`;
  return `<iframe src="${attr(src)}" width="${w}" height="${h}" title="${attr(embedTitle(state))}" style="border:0"></iframe>`;
}

const attr = (text) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
