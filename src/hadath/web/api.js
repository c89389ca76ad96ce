// Thin client for the hadath HTTP API (same origin).

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.type = err.type || "HTTPError";
    this.detail = err.detail === undefined ? null : err.detail;
  }
}

async function handle(resp) {
  let body = null;
  const type = resp.headers.get("content-type") || "";
  if (type.includes("json")) body = await resp.json();
  if (!resp.ok) throw new ApiError(resp.status, body);
  return body;
}

/** Query string from an object, dropping empty values. */
export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : "";
}

export async function get(path, params) {
  return handle(await fetch(`v1/${path}${qs(params)}`, { headers: { Accept: "application/json" } }));
}

export async function post(path, body) {
  return handle(
    await fetch(`v1/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

/** A same-origin URL for a download link (format=csv|geojson). */
export function url(path, params) {
  return `v1/${path}${qs(params)}`;
}
