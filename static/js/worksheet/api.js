// POST /api/v1/derivation: the worksheet's one request, as JSON (to draw) or as a document's text
// (to download). A refusal becomes the page's ApiError, with the API's sentence.
import { ApiError } from "../app/api.js";
import { requestBody } from "../app/state.js";

export async function derivation(base, state, format) {
  let response;
  try {
    response = await fetch(`${base}/derivation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(requestBody(state, { format })),
    });
  } catch {
    throw new ApiError(0, "The server did not answer: is it running?");
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    const detail = typeof data?.detail === "string" ? data.detail : `the server answered ${response.status}`;
    throw new ApiError(response.status, detail, Array.isArray(data?.errors) ? data.errors : []);
  }
  return format === "json" ? response.json() : response.text();
}
