/**
 * The one error type. A dotted code names what went wrong; the HTTP status is derived once,
 * here, from the code. Messages are for people: say what to do next.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}

const exact: Record<string, number> = {
  "validation.failed": 400,
  "request.invalid_json": 400,
  "request.too_large": 413,
  "request.unsupported_media_type": 415,
  "auth.unauthenticated": 401,
  "auth.invalid_credentials": 401,
  "auth.session_expired": 401,
  "auth.totp_enrolment_required": 401,
  "auth.rate_limited": 429,
  "auth.setup_done": 409,
  "auth.cross_site_forbidden": 403,
  "route.not_found": 404,
  "plan.incomplete": 400,
  "plan.no_manager": 400,
  "plan.not_running": 409,
  "plan.review_blocked": 409,
  "review.finding_not_found": 409,
  "review.not_overridable": 409,
  "review.override_exists": 409,
  "thread.not_support": 409,
  "catalogue.session_full": 409,
  "catalogue.resource_exists": 409,
  "mentor.not_available": 409,
  "mentor.no_capacity": 409,
  "oneonone.ended": 409,
  // The installation's keys, not the request: an operator must act.
  "keys.master_key_mismatch": 500,
  "keys.unknown_version": 500,
  "keys.decrypt_failed": 500,
};

const bySuffix: [string, number][] = [
  [".not_found", 404],
  [".invalid", 400],
  [".invalid_transition", 409],
  [".conflict", 409],
  [".exists", 409],
  [".expired", 410],
  [".forbidden", 403],
  [".rate_limited", 429],
];

export function statusOf(code: string): number {
  const direct = exact[code];
  if (direct) return direct;
  if (code.startsWith("internal.")) return 500;
  for (const [suffix, status] of bySuffix) if (code.endsWith(suffix)) return status;
  return 400;
}

export function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** Shorthand for the 404 that also answers "forbidden": never hint that an object exists. */
export function notFound(what: string, code = `${what}.not_found`): AppError {
  return new AppError(code, `No such ${what}, or you do not have access to it.`);
}
