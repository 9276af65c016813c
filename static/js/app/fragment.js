// The state in the URL: #s= + base64url (no padding) of its UTF-8 JSON. The URL is the state: a reload
// or a copied link restores it exactly. Pure: no DOM, so node --test imports it as the browser does.
import { lessonWarning, normalise, unreadProps } from "./url.js";

export function encode(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let bin = "";
  for (let k = 0; k < bytes.length; k += 0x8000) bin += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decode(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
}

// The page writes one state's fragment for its link and its worksheet's address: made once. States
// are never changed in place (an edit makes a new one).
const made = new WeakMap();

export function toFragment(state) {
  if (!made.has(state)) made.set(state, "#s=" + encode(state));
  return made.get(state);
}

/** The JSON in a location.hash as it is, or null when there is none. Throws on a malformed one. */
export function rawFragment(hash) {
  const m = /^#?s=([A-Za-z0-9_-]*)$/.exec(hash || "");
  return m ? decode(m[1]) : null;
}

/** The state in a location.hash, or null when there is none. Throws on a malformed one. */
export function fromFragment(hash) {
  const raw = rawFragment(hash);
  return raw === null ? null : normalise(raw);
}

/**
 * A location.hash read as far as it can be: {state, said}. state: the state to open, or null (none,
 * or none that can be read); said: one sentence on what could not be read, or null when all of it was.
 * Only "#s=…" is a state: another hash is not, and says so (the page's own anchors are link.js's).
 */
export function readFragment(hash) {
  if (!hash || hash === "#") return { state: null, said: null };
  const m = /^#?s=(.*)$/s.exec(hash);
  if (!m) return { state: null, said: "The link's #… part is not a state this page wrote (those start #s=)." };
  let raw;
  try {
    raw = decode(m[1].replace(/=+$/, ""));
  } catch {
    return { state: null, said: "The link's state is cut short or damaged (it does not decode to JSON): copy the whole link again." };
  }
  let state;
  try {
    state = normalise(raw);
  } catch (e) {
    return { state: null, said: `The link's state could not be used: ${e.message}.` };
  }
  const unread = unreadProps(raw);
  const parts = [
    lessonWarning(raw),
    unread.length ? `Part of the link could not be read (${unread.join(", ")}): ${unread.length > 1 ? "those take their" : "it takes its"} default.` : null,
  ].filter(Boolean);
  return { state, said: parts.length ? parts.join(" ") : null };
}
