// fetch wrappers for /api/v1. A 422 (or any refusal) becomes an ApiError carrying the
// server's sentence and the field each message points at.

export class ApiError extends Error {
  constructor(status, detail, errors = []) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.errors = errors; // [{field: "network.weights[1]", message}]
  }
}

export function createApi(base) {
  async function post(path, body) {
    return call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  }
  async function get(path, params = {}) {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    return call(`${path}?${query}`, { method: "GET" });
  }
  async function call(path, init) {
    let response;
    try {
      response = await fetch(`${base}${path}`, init);
    } catch (e) {
      throw new ApiError(0, "The server did not answer: is it running?");
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = data && typeof data.detail === "string" ? data.detail : `the server answered ${response.status}`;
      throw new ApiError(response.status, detail, Array.isArray(data?.errors) ? data.errors : []);
    }
    return data;
  }
  return {
    base,
    backprop: (body) => post("/backprop", body),
    gradcheck: (body) => post("/gradcheck", body),
    costCurve: (body) => post("/cost-curve", body),
    forward: (body) => post("/forward", body),
    meta: () => get("/meta"),
    train: (body) => post("/train", body),
    dataset: (name, params) => get(`/datasets/${encodeURIComponent(name)}`, params),
  };
}

// ---- the same request, for a terminal ----

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

export function asPython(url, body) {
  return [
    "import requests",
    "",
    `body = ${toPython(body)}`,
    `response = requests.post(${JSON.stringify(url)}, json=body)`,
    "response.raise_for_status()",
    "result = response.json()",
    'print("C =", result["loss"])',
    'print("dC/dW =", result["gradients"]["weights"])',
  ].join("\n");
}
