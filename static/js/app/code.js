// The page's current request as code to take away: curl for a terminal, Python with requests.

const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

export function asCurl(url, body) {
  return `curl -s ${shellQuote(url)} \\\n  -H 'content-type: application/json' \\\n  -d ${shellQuote(JSON.stringify(body))}`;
}

/** A Python literal for a JSON value (True/False/None, repr-safe strings). */
export function toPython(v) {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(toPython).join(", ")}]`;
  return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${toPython(x)}`).join(", ")}}`;
}

// What each endpoint's script prints of the answer.
const PRINTS = {
  backprop: ['print("C =", result["loss"])', 'print("dC/dW =", result["gradients"]["weights"])'],
  train: ['print("steps:", result["optimizer_state"]["step"])', 'print("C =", result["loss"])', 'print("W =", result["network"]["weights"])'],
};

/** endpoint: "backprop" or "train", what the script prints of the answer. */
export function asPython(url, body, endpoint = "backprop") {
  return [
    "import requests",
    "",
    `body = ${toPython(body)}`,
    `response = requests.post(${JSON.stringify(url)}, json=body)`,
    "response.raise_for_status()",
    "result = response.json()",
    ...PRINTS[endpoint],
  ].join("\n");
}
