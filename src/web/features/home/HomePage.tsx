import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { api, messageOf } from "../../api";
import { formatDateTime, hrScopeText, roleName } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type {
  AuditPage,
  AuditVerification,
  Directory,
  InvitationsSent,
  Me,
  OrgSettings,
  Outbox,
  PersonPage,
} from "../../types";
import {
  Alert,
  Badge,
  type BadgeTone,
  Button,
  Card,
  EmptyState,
  LinkButton,
  Loading,
  Spinner,
} from "../../ui";
import { ConcernsHomeCard } from "../concerns/ConcernsHomeCard";
import { InsightHomeCard } from "../insight/InsightHomeCard";
import { useSignedIn } from "../layout/session";
import { Avatar, PersonLink, PersonRow, roleLine } from "../people/PersonBits";
import { EngagementSignalsCard } from "../plans/EngagementSignalsCard";
import { PlansHomeCard } from "../plans/PlansHomeCard";
import { CoachingHealthCard } from "../team/CoachingHealth";
import { LdGuidance, LdHome } from "./LdHome";

export function HomePage() {
  useDocumentTitle("Home");
  const me = useSignedIn();
  const self = useQuery({
    queryKey: ["person", me.person.id],
    queryFn: () => api.get<PersonPage>(`/people/${me.person.id}`),
  });
  const firstName = me.person.name.split(/\s+/)[0] ?? me.person.name;
  const isAdmin = me.roles.includes("admin");
  const isHr = me.roles.includes("hr");
  const isManager = me.roles.includes("manager");
  const isLd = me.roles.includes("ld");

  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Welcome, {firstName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-1.5 text-sm text-stone-600">
          <span>You are signed in as</span>
          {me.roles
            .filter((r) => r !== "employee" || me.roles.length === 1)
            .map((r) => (
              <Badge key={r} tone="accent">
                {roleName(r)}
              </Badge>
            ))}
        </p>
      </div>
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          <PlansHomeCard me={me} />
          {isAdmin ? <AdminChecklist me={me} /> : null}
          {isManager ? <CoachingHealthCard /> : null}
          {isManager ? <TeamGlance page={self.data} loading={self.isPending} /> : null}
          {isHr ? <HrCard me={me} /> : null}
          {isHr ? <InsightHomeCard me={me} /> : null}
          {isHr ? <EngagementSignalsCard /> : null}
          {isLd ? <LdHome me={me} /> : null}
          {!isAdmin && !isManager && !isHr && !isLd ? <EmployeeCard /> : null}
        </div>
        <div className="space-y-5">
          <ConcernsHomeCard />
          <Card title="You">
            {self.isPending ? (
              <Loading />
            ) : self.isError ? (
              <QueryError error={self.error} onRetry={() => void self.refetch()} />
            ) : (
              <div className="space-y-4">
                <div className="flex items-center gap-3">
                  <Avatar name={self.data.person.name} />
                  <div className="min-w-0">
                    <p className="font-medium">
                      <PersonLink person={self.data.person} />
                    </p>
                    <p className="text-sm text-stone-600">{roleLine(self.data.person)}</p>
                  </div>
                </div>
                <div>
                  <h3 className="text-xs font-medium tracking-wide text-stone-500 uppercase">
                    Your manager
                  </h3>
                  <div className="mt-2">
                    {self.data.manager ? (
                      <PersonRow person={self.data.manager} />
                    ) : (
                      <p className="text-sm text-stone-600">You have no manager in Headway.</p>
                    )}
                  </div>
                </div>
              </div>
            )}
          </Card>
        </div>
      </div>
      {isLd ? <LdGuidance me={me} /> : null}
    </>
  );
}

function TeamGlance({ page, loading }: { page?: PersonPage; loading: boolean }) {
  const reports = page?.reports ?? [];
  return (
    <Card
      title="Your team"
      actions={
        <LinkButton to="/team" size="sm">
          Open my team
        </LinkButton>
      }
    >
      {loading ? (
        <Loading />
      ) : reports.length === 0 ? (
        <p className="text-sm text-stone-600">No one reports to you at the moment.</p>
      ) : (
        <>
          <p className="text-sm text-stone-700">
            <strong className="text-2xl font-semibold text-stone-900">{reports.length}</strong>{" "}
            {reports.length === 1 ? "direct report" : "direct reports"}
          </p>
          <ul className="mt-4 grid gap-3 sm:grid-cols-2">
            {reports.slice(0, 6).map((r) => (
              <li key={r.id}>
                <PersonRow person={r} />
              </li>
            ))}
          </ul>
          {reports.length > 6 ? (
            <p className="mt-3 text-sm">
              <Link to="/team" className="text-teal-800 underline underline-offset-2">
                And {reports.length - 6} more
              </Link>
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}

function HrCard({ me }: { me: Me }) {
  return (
    <Card title="HR partner">
      <p className="text-sm text-stone-700">
        Your scope: <strong>{hrScopeText(me.hrScope)}</strong>. You can see and update the records
        of the people in it, and follow every change in the audit trail.
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <LinkButton to="/people">Open the directory</LinkButton>
        {me.abilities["audit.view"] ? (
          <LinkButton to="/audit">Open the audit trail</LinkButton>
        ) : null}
      </div>
    </Card>
  );
}

function EmployeeCard() {
  return (
    <Card title="Getting started">
      <p className="text-sm text-stone-700">
        Headway is where you and your manager keep your 1:1s, feedback and growth goals in one
        place. Everything written about you is visible to you.
      </p>
      <div className="mt-4">
        <LinkButton to="/people">Open the directory</LinkButton>
      </div>
    </Card>
  );
}

// ---------- the admin's setup checklist ----------

function ChecklistItem({
  title,
  status,
  tone = "neutral",
  children,
  action,
}: {
  title: string;
  status?: ReactNode;
  tone?: BadgeTone;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0 sm:flex-row sm:items-start">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-medium text-stone-900">{title}</h3>
          {status ? <Badge tone={tone}>{status}</Badge> : null}
        </div>
        {children ? <div className="mt-1 text-sm text-stone-600">{children}</div> : null}
      </div>
      {action ? <div className="flex shrink-0 flex-wrap gap-2">{action}</div> : null}
    </li>
  );
}

function AdminChecklist({ me }: { me: Me }) {
  const a = me.abilities;
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ["settings"],
    queryFn: () => api.get<OrgSettings>("/org/settings"),
    enabled: Boolean(a["org.view_settings"]),
  });
  const people = useQuery({
    queryKey: ["people", { limit: 1 }],
    queryFn: () => api.get<Directory>("/people", { limit: 1 }),
  });
  const outbox = useQuery({
    queryKey: ["outbox"],
    queryFn: () => api.get<Outbox>("/mail/outbox", { limit: 200 }),
    enabled: Boolean(a["mail.view_outbox"]),
  });
  const lastInvite = useQuery({
    queryKey: ["audit", { action: "auth.invitations_sent", limit: 1 }],
    queryFn: () => api.get<AuditPage>("/audit", { action: "auth.invitations_sent", limit: 1 }),
    enabled: Boolean(a["audit.view"]),
  });
  const verify = useQuery({
    queryKey: ["audit", "verify"],
    queryFn: () => api.get<AuditVerification>("/audit/verify"),
    enabled: Boolean(a["audit.view_all"]),
  });
  const invite = useMutation({
    mutationFn: () => api.post<InvitationsSent>("/invitations"),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["outbox"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
  });

  if (people.isPending) return <Loading />;
  if (people.isError)
    return <QueryError error={people.error} onRetry={() => void people.refetch()} />;

  // The admin is the first person; anyone else means the organisation has been brought in.
  const total = people.data.total;
  const imported = total > 1;
  const lastInviteAt = lastInvite.data?.items[0]?.at;
  const held = outbox.data?.items.filter((m) => m.transport === "outbox").length ?? 0;

  if (!imported) {
    return (
      <EmptyState
        title="Import your organisation from a CSV"
        action={
          <>
            <LinkButton to="/settings#import" variant="primary">
              Import people
            </LinkButton>
            <LinkButton to="/settings">Organisation settings</LinkButton>
          </>
        }
      >
        Headway is ready. Bring in your people with their titles, departments and who reports to
        whom; then invite them to choose a password. You will see a preview before anything is
        saved.
      </EmptyState>
    );
  }

  return (
    <Card
      title="Set up your organisation"
      description="The steps that bring everyone into Headway, and how they stand."
    >
      <ol className="divide-y divide-stone-100">
        <ChecklistItem
          title="Organisation name"
          status={settings.data?.name}
          tone="accent"
          action={
            <LinkButton to="/settings" size="sm">
              Change
            </LinkButton>
          }
        >
          Shown in invitations and emails.
        </ChecklistItem>
        <ChecklistItem
          title="Import people"
          status={`${total} ${total === 1 ? "person" : "people"}`}
          tone="success"
          action={
            <LinkButton to="/settings#import" size="sm">
              Import again
            </LinkButton>
          }
        >
          Re-import the same CSV at any time: only what changed is updated.
        </ChecklistItem>
        <ChecklistItem
          title="Invite people without an account"
          status={lastInviteAt ? `Last sent ${formatDateTime(lastInviteAt)}` : "Not sent yet"}
          tone={lastInviteAt ? "success" : "warning"}
          action={
            <Button
              size="sm"
              busy={invite.isPending}
              busyLabel="Sending…"
              onClick={() => invite.mutate()}
            >
              Invite everyone without an account
            </Button>
          }
        >
          Each person gets an email with a link to choose their password.
          <span aria-live="polite" className="block">
            {invite.isSuccess ? (
              <span className="font-medium text-green-800">
                {invite.data.invited === 0
                  ? "Everyone already has an account."
                  : `${invite.data.invited} ${invite.data.invited === 1 ? "invitation" : "invitations"} sent.`}
              </span>
            ) : null}
            {invite.isError ? (
              <span className="font-medium text-red-700">{messageOf(invite.error)}</span>
            ) : null}
          </span>
        </ChecklistItem>
        {a["mail.view_outbox"] ? (
          <ChecklistItem
            title="Outbox"
            status={
              outbox.isPending
                ? undefined
                : outbox.data?.transport === "outbox"
                  ? `${held} ${held === 1 ? "email" : "emails"} held`
                  : "Sending by SMTP"
            }
            tone={outbox.data?.transport === "outbox" && held ? "warning" : "neutral"}
            action={
              <LinkButton to="/outbox" size="sm">
                Open the outbox
              </LinkButton>
            }
          >
            {outbox.data?.transport === "outbox"
              ? "No mail server is set up, so emails wait here for you to pass on."
              : "Every email Headway sends, with its status."}
          </ChecklistItem>
        ) : null}
        {a["audit.view_all"] ? (
          <ChecklistItem
            title="Audit trail"
            status={
              verify.isPending
                ? undefined
                : verify.data?.ok
                  ? `Intact: ${verify.data.count} events`
                  : verify.data
                    ? "Broken"
                    : "Not checked"
            }
            tone={verify.data?.ok ? "success" : verify.data ? "danger" : "neutral"}
            action={
              <LinkButton to="/audit" size="sm">
                Open the audit trail
              </LinkButton>
            }
          >
            {verify.isPending ? <Spinner label="Verifying the chain…" /> : null}
            {verify.data && !verify.data.ok ? (
              <Alert tone="error" className="mt-2">
                Problem at event {verify.data.seq}: {verify.data.problem}
              </Alert>
            ) : null}
            {verify.data?.ok
              ? "Every event is chained to the one before it; nothing has been altered."
              : null}
            {verify.isError ? messageOf(verify.error) : null}
          </ChecklistItem>
        ) : null}
      </ol>
    </Card>
  );
}
