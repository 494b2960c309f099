// @ts-check
// The JSON API under /api, with the CSRF token and the sign-in redirect.
import { navigate } from "./nav.js";
import { keepWorkOnExpiry } from "./resume.js";
import { state, t } from "./state.js";

let csrf =
  /** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="csrf-token"]'))
    ?.content || "";
// ---------- API ----------
/** An answer of the API that is not a success; `status` 0 when the network failed. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{ error?: { code?: string, message?: string } } | null} body
   */
  constructor(status, body) {
    super(body?.error?.message || t("networkError"));
    this.status = status;
    this.body = body;
  }
}
/**
 * A call of the JSON API; resolves with the answer's JSON (null for 204).
 * @param {"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>} the answer, typed by the page that reads it
 */
export async function api(method, path, body, retried = false) {
  /** @type {Record<string, string>} */
  const headers = { "accept-language": state.lang === "en" ? "en" : "zh-CN" };
  if (method !== "GET") headers["x-csrf-token"] = csrf;
  // A FormData body (a photo upload) sets its own multipart content type.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers["content-type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.status === 403 && data?.error?.code === "csrf.invalid" && !retried) {
    csrf = (await api("GET", "/api/csrf")).csrfToken;
    return api(method, path, body, true);
  }
  if (response.status === 401 && path !== "/api/session") {
    // The session ran out: what was being typed is kept for after signing in again.
    if (state.me) keepWorkOnExpiry(state.me.id);
    state.me = null;
    navigate("/console/sign-in", true);
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}
