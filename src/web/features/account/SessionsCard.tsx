import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { QueryError } from "../../lib/QueryError";
import { Alert, Badge, Button, Card, Loading, Table, TBody, Td, THead, Th } from "../../ui";
import { type SessionView, sessionsKey } from "../auth/types";

const browsers: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrome\/|CriOS/, "Chrome"],
  [/Safari\//, "Safari"],
];
const systems: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Windows/, "Windows"],
  [/Linux/, "Linux"],
];

/** "Firefox on Linux" from a user-agent string; the whole string stays in a tooltip. */
export function describeDevice(userAgent: string): string {
  if (!userAgent) return "Unknown device";
  const browser = browsers.find(([re]) => re.test(userAgent))?.[1] ?? null;
  const system = systems.find(([re]) => re.test(userAgent))?.[1] ?? null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? (userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent);
}

const methods: Record<string, string> = {
  password: "Password",
  "password+totp": "Password and code",
  "password:enrol_totp": "Password (two-step sign-in to set up)",
  oidc: "Single sign-on",
};

/** Where the person is signed in, and a way to sign out of any of it. */
export function SessionsCard(_props: Record<string, never>) {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: () => api.get<{ items: SessionView[] }>("/me/sessions"),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: sessionsKey });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/me/sessions/${id}`),
    onSuccess: refresh,
  });
  const others = useMutation({
    mutationFn: () => api.post<{ ended: number }>("/me/sessions/sign-out-others"),
    onSuccess: refresh,
  });
  const items = sessions.data?.items ?? [];
  const otherCount = items.filter((s) => !s.current).length;

  return (
    <Card
      title="Where you are signed in"
      description="A session ends after a while without activity, and after a fixed time whatever happens. Sign out of any you do not recognise, then change your password."
      actions={
        otherCount > 0 ? (
          <Button
            variant="secondary"
            size="sm"
            busy={others.isPending}
            busyLabel="Signing out…"
            onClick={() => others.mutate()}
          >
            Sign out everywhere else
          </Button>
        ) : undefined
      }
    >
      <div aria-live="polite">
        {others.isSuccess ? (
          <Alert tone="success" className="mb-3">
            Signed out of {others.data.ended} other session{others.data.ended === 1 ? "" : "s"}.
          </Alert>
        ) : null}
        {others.isError || revoke.isError ? (
          <Alert tone="error" className="mb-3">
            {messageOf(others.error ?? revoke.error)}
          </Alert>
        ) : null}
      </div>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <div className="rounded-md border border-stone-200">
          <Table caption="Your sessions">
            <THead>
              <tr>
                <Th>Device</Th>
                <Th>Address</Th>
                <Th>Signed in</Th>
                <Th>Last active</Th>
                <Th>How</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {items.map((s) => {
                const device = describeDevice(s.userAgent);
                return (
                  <tr key={s.id}>
                    <Td className="font-medium">
                      <span title={s.userAgent || undefined}>{device}</span>
                    </Td>
                    <Td className="font-mono text-xs">{s.ip || "—"}</Td>
                    <Td className="whitespace-nowrap">{formatDateTime(s.createdAt)}</Td>
                    <Td className="whitespace-nowrap">{formatDateTime(s.lastSeenAt)}</Td>
                    <Td>{methods[s.method] ?? s.method}</Td>
                    <Td className="text-right">
                      {s.current ? (
                        <Badge tone="accent">This browser</Badge>
                      ) : (
                        <Button
                          size="sm"
                          variant="danger"
                          busy={revoke.isPending && revoke.variables === s.id}
                          aria-label={`Sign out ${device}, signed in ${formatDateTime(s.createdAt)}`}
                          onClick={() => revoke.mutate(s.id)}
                        >
                          Sign out
                        </Button>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        </div>
      )}
    </Card>
  );
}
