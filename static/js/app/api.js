// Fetch wrappers for /api/v1, used by the store alone (views never fetch). A 422 (or any refusal) becomes an ApiError carrying the
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
  async function call(path, init, as = "json") {
    let response;
    try {
      response = await fetch(`${base}${path}`, init);
    } catch (e) {
      throw new ApiError(0, "The server did not answer: is it running?");
    }
    if (response.ok && as === "text") return response.text();
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
    exercise: (body) => post("/exercises", body),
    /** A Python script (text) that rebuilds the network and prints /backprop's loss and gradients. */
    code: (body) => call("/code", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }, "text"),
    checkAnswers: (body) => post("/exercises/check", body),
  };
}
