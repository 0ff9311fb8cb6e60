import { useQuery } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { getSsoStatus, SsoErrorCode } from "../../../modules/auth/auth.sso";
import { api, withQuery } from "../../api";
import { Alert, buttonClass } from "../../ui";

type SsoStatus = JSONParsed<Awaited<ReturnType<typeof getSsoStatus>>>;

export const ssoStatusKey = ["auth", "sso"] as const;

/** Whether the sign-in page offers single sign-on, and whether passwords are switched off. */
export function useSsoStatus() {
  return useQuery({
    queryKey: ssoStatusKey,
    queryFn: () => api.get<SsoStatus>("/auth/sso"),
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * Why single sign-on came back without signing the person in. The server sends a code, never
 * words: nobody can put their own message on this page with a link.
 */
const ssoErrors: Record<SsoErrorCode, { title: string; message: string }> = {
  not_configured: {
    title: "Single sign-on is not set up",
    message: "Sign in with your email and password, or ask an admin to set up single sign-on.",
  },
  provider_unreachable: {
    title: "Your identity provider did not answer",
    message:
      "Headway could not reach your organisation's identity provider. Try again in a few minutes; if it keeps happening, tell an admin.",
  },
  cancelled: {
    title: "Sign-in was cancelled",
    message:
      "Your identity provider did not sign you in (you cancelled, or it refused access). Try again when you are ready.",
  },
  expired: {
    title: "That took too long",
    message: "Sign-in at your identity provider must finish within 10 minutes. Start again.",
  },
  invalid_state: {
    title: "This sign-in could not be completed",
    message:
      "It was started in another browser or tab, was already used, or the link was changed. Start again from this page.",
  },
  verification_failed: {
    title: "Your identity provider's answer could not be verified",
    message:
      "You were not signed in. Try again; if it keeps happening, tell an admin (the server log has the details).",
  },
  no_verified_email: {
    title: "No verified email address",
    message:
      "Your identity provider did not share a verified email address, so Headway cannot tell which account is yours. Ask an admin to check the provider's settings.",
  },
  unknown_account: {
    title: "No Headway account for you yet",
    message:
      "Your identity provider signed you in, but no active Headway account has your email address. Accounts are not created at sign-in: ask an admin or HR to add you.",
  },
  deactivated: {
    title: "Your account is deactivated",
    message: "Ask an admin if you think this is a mistake.",
  },
  rate_limited: {
    title: "Please wait",
    message: "Too many sign-ins were started from your network. Wait a few minutes and try again.",
  },
};

const fallbackError = {
  title: "Single sign-on did not sign you in",
  message: "Try again, or tell an admin if it keeps happening.",
};

/** The single sign-on button of the sign-in page, and the reason a single sign-on failed. */
export function SsoButton(_props: Record<string, never>) {
  const status = useSsoStatus();
  const [params] = useSearchParams();
  const code = params.get("sso_error");
  const error = code ? (ssoErrors[code as SsoErrorCode] ?? fallbackError) : null;
  const sso = status.data;
  return (
    <>
      {error ? (
        <Alert tone="error" title={error.title} className="mt-4">
          {error.message}
        </Alert>
      ) : null}
      {sso?.enabled ? (
        <div className="mt-6">
          {/* A plain link: the browser leaves for the provider and comes back signed in. */}
          <a
            href={withQuery("/api/v1/auth/oidc/start", { next: params.get("next") })}
            className={buttonClass({ className: "w-full" })}
          >
            {sso.label}
          </a>
          {sso.ssoOnly ? null : (
            <div className="mt-6 flex items-center gap-3 text-sm text-stone-500" aria-hidden="true">
              <span className="h-px flex-1 bg-stone-200" />
              or with your password
              <span className="h-px flex-1 bg-stone-200" />
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}

/**
 * With "SSO only" on, the password form waits behind a link: it is there for the break-glass
 * admin, for when the identity provider is down.
 */
export function PasswordSignInGate({ children }: { children: ReactNode }) {
  const status = useSsoStatus();
  const [open, setOpen] = useState(false);
  const opened = useRef<HTMLDivElement>(null);
  // The link that opened the form is gone: keyboard focus goes to the form's first field.
  useEffect(() => {
    if (open) opened.current?.querySelector<HTMLElement>("input, button")?.focus();
  }, [open]);
  if (status.isPending) return null;
  if (open) return <div ref={opened}>{children}</div>;
  if (!status.data?.ssoOnly) return <>{children}</>;
  return (
    <p className="mt-6 text-center text-sm text-stone-600">
      Your organisation signs in with single sign-on only.{" "}
      <button
        type="button"
        className="font-medium text-teal-800 underline underline-offset-2"
        onClick={() => setOpen(true)}
      >
        Break-glass sign-in
      </button>
      <span className="block">For the organisation's emergency admin account.</span>
    </p>
  );
}
