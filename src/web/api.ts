/**
 * A small fetch wrapper for the Headway API. Every failure becomes an ApiError carrying the
 * server's dotted code, its message (written for people) and any details (field paths, lines).
 */

export type FieldProblem = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field-level problems from a validation failure, keyed by field path. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const d of this.details as Partial<FieldProblem>[]) {
      if (typeof d?.path === "string" && typeof d.message === "string" && !out[d.path])
        out[d.path] = d.message;
    }
    return out;
  }
}

const SIGNED_OUT_CODES = [
  "auth.unauthenticated",
  "auth.session_expired",
  "auth.totp_enrolment_required",
];

export const SIGN_IN_NOTICE_KEY = "headway.signInNotice";

function rememberSignInNotice(error: ApiError) {
  try {
    sessionStorage.setItem(
      SIGN_IN_NOTICE_KEY,
      JSON.stringify({ code: error.code, message: error.message }),
    );
  } catch {
    // Storage may be off; the sign-in page then just asks to sign in.
  }
}

type UnauthenticatedHandler = () => void;
let onUnauthenticated: UnauthenticatedHandler = () => {
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
};

/** The app replaces the default (a full page load) with a router navigation. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler) {
  onUnauthenticated = handler;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function request<T>(
  method: string,
  path: string,
  { body, query }: { body?: unknown; query?: Query } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, query), {
      method,
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(
      0,
      "network.unreachable",
      "Headway could not be reached. Check your connection and try again.",
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } })
      ?.error;
    const apiError = new ApiError(
      res.status,
      error?.code ?? `http.${res.status}`,
      error?.message ?? `The server answered ${res.status}. Try again in a moment.`,
      error?.details,
    );
    // A session that ended (expired, signed out elsewhere) sends the person to sign in again.
    // Wrong credentials are also a 401, but those are shown on the sign-in form instead.
    if (res.status === 401 && SIGNED_OUT_CODES.includes(apiError.code)) {
      // The sign-in page says why (a timeout; a second factor to set up first).
      if (apiError.code !== "auth.unauthenticated") rememberSignInNotice(apiError);
      onUnauthenticated();
    }
    throw apiError;
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, { body }),
  delete: <T = void>(path: string) => request<T>("DELETE", path),
};

/** A readable message for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong. Try again.";
}
