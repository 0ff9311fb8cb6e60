import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime, hrScopeText, roleName, tenure } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { InvitationSent, PersonPage as PersonPageData } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  DetailList,
  EmptyState,
  LinkButton,
  Loading,
  PageHeader,
} from "../../ui";
import { DiagnosesCard } from "../diagnosis/DiagnosesCard";
import { CoachingProfileCard } from "../growth/CoachingProfileCard";
import { DiscussionsCard } from "../growth/DiscussionsCard";
import { GrowthGoalsCard } from "../growth/GrowthGoalsCard";
import { OnboardingCard } from "../growth/OnboardingCard";
import { useSignedIn } from "../layout/session";
import { MentoringCard } from "../mentoring/MentoringCard";
import { LegalHoldCard } from "../retention/LegalHoldCard";
import { AccessForm } from "./AccessForm";
import { DemographicsCard } from "./DemographicsCard";
import { EditPersonForm } from "./EditPersonForm";
import { Avatar, PersonRow } from "./PersonBits";
import { ProtectedActivitiesCard } from "./ProtectedActivitiesCard";
import { TwoFactorResetCard } from "./TwoFactorResetCard";

export const personKey = (id: string) => ["person", id] as const;

export function PersonPage() {
  const { id = "" } = useParams();
  const page = useQuery({
    queryKey: personKey(id),
    queryFn: () => api.get<PersonPageData>(`/people/${encodeURIComponent(id)}`),
  });
  useDocumentTitle(page.data?.person.name ?? "Person");

  if (page.isPending) return <Loading />;
  if (page.isError) {
    if (page.error instanceof ApiError && page.error.status === 404) {
      return (
        <>
          <PageHeader title="Person not found" />
          <EmptyState
            title="No such person, or you do not have access to them."
            action={<LinkButton to="/people">Back to the directory</LinkButton>}
          />
        </>
      );
    }
    return <QueryError error={page.error} onRetry={() => void page.refetch()} />;
  }
  return <PersonView data={page.data} onReload={() => void page.refetch()} />;
}

function PersonView({ data, onReload }: { data: PersonPageData; onReload: () => void }) {
  const { person, manager, reports, record, demographics, abilities } = data;
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const saved = (text: string) => setNotice({ tone: "success", text });
  const me = useSignedIn();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link to="/people" className="text-teal-800 underline underline-offset-2">
          People
        </Link>
        <span aria-hidden="true" className="mx-2 text-stone-400">
          /
        </span>
        <span aria-current="page" className="text-stone-600">
          {person.name}
        </span>
      </nav>
      <div className="mb-6 flex flex-wrap items-center gap-4">
        <Avatar name={person.name} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            {person.name}
            {!person.active ? <Badge>Inactive</Badge> : null}
          </h1>
          <p className="text-stone-700">
            {[person.title, person.department].filter(Boolean).join(" · ") || "No title yet"}
          </p>
          <p className="text-sm text-stone-600">
            <a href={`mailto:${person.email}`} className="underline-offset-2 hover:underline">
              {person.email}
            </a>
            {person.location ? ` · ${person.location}` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {me.abilities["audit.view"] && record ? (
            <LinkButton to={`/audit?subjectId=${person.id}`}>History</LinkButton>
          ) : null}
          {abilities["person.send_password_reset"] && record ? (
            <InviteButton
              personId={person.id}
              name={person.name}
              email={person.email}
              hasAccount={record.hasAccount}
              active={person.active}
              onResult={setNotice}
            />
          ) : null}
        </div>
      </div>

      <div aria-live="polite">
        {notice ? (
          <Alert
            tone={notice.tone}
            className="mb-5"
            actions={
              <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
                Dismiss
              </Button>
            }
          >
            {notice.text}
          </Alert>
        ) : null}
      </div>
      {/* On a phone: record, then who they work with, then the forms. */}
      <div className="grid items-start gap-5 lg:grid-cols-3 lg:grid-rows-[auto_1fr]">
        <div className="space-y-5 lg:col-span-2">
          {record ? (
            <Card title="Record">
              <DetailList
                items={[
                  { label: "Employee id", value: record.employeeId ?? "—" },
                  {
                    label: "Hire date",
                    value: record.hireDate
                      ? `${formatDate(record.hireDate)} (${tenure(record.hireDate)})`
                      : "—",
                  },
                  {
                    label: "Roles",
                    value: (
                      <span className="flex flex-wrap gap-1">
                        {(record.roles.length ? record.roles : ["employee"]).map((r) => (
                          <Badge key={r} tone={r === "employee" ? "neutral" : "accent"}>
                            {roleName(r)}
                          </Badge>
                        ))}
                      </span>
                    ),
                  },
                  ...(record.roles.includes("hr")
                    ? [{ label: "HR scope", value: hrScopeText(record.hrScope) }]
                    : []),
                  {
                    label: "Account",
                    value: record.hasAccount ? (
                      <Badge tone="success">Password chosen</Badge>
                    ) : (
                      <Badge tone="warning">No password yet</Badge>
                    ),
                  },
                ]}
              />
            </Card>
          ) : null}
          <CoachingProfileCard personId={person.id} />
          <GrowthGoalsCard personId={person.id} name={person.name} />
          {demographics ? (
            <DemographicsCard
              personId={person.id}
              demographics={demographics}
              canEdit={Boolean(abilities["person.update_demographics"])}
            />
          ) : null}
          {abilities["person.view_protected_activities"] ? (
            <ProtectedActivitiesCard
              personId={person.id}
              name={person.name}
              canRecord={Boolean(abilities["person.record_protected_activity"])}
            />
          ) : null}
          {abilities["person.place_legal_hold"] ? (
            <LegalHoldCard personId={person.id} name={person.name} />
          ) : null}
        </div>

        <div className="space-y-5 lg:row-span-2">
          <Card title="Manager">
            {manager ? (
              <PersonRow person={manager} />
            ) : (
              <p className="text-sm text-stone-600">{person.name} has no manager in Headway.</p>
            )}
          </Card>
          <Card
            title="Direct reports"
            description={
              reports.length
                ? `${reports.length} ${reports.length === 1 ? "person" : "people"}`
                : undefined
            }
          >
            {reports.length ? (
              <ul className="space-y-3">
                {reports.map((r) => (
                  <li key={r.id}>
                    <PersonRow person={r} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-stone-600">No one reports to {person.name}.</p>
            )}
          </Card>
          <OnboardingCard personId={person.id} name={person.name} hireDate={record?.hireDate} />
          <DiscussionsCard personId={person.id} name={person.name} />
          <DiagnosesCard personId={person.id} name={person.name} />
          <MentoringCard
            personId={person.id}
            name={person.name}
            canRequest={Boolean(abilities["mentoring.request"])}
          />
        </div>

        <div className="space-y-5 lg:col-span-2">
          {abilities["person.update"] && record ? (
            <EditPersonForm
              key={record.version}
              data={data}
              record={record}
              onReload={onReload}
              onSaved={saved}
            />
          ) : null}
          {abilities["person.manage_access"] && record ? (
            <AccessForm
              key={`access-${record.version}`}
              personId={person.id}
              name={person.name}
              record={record}
              onSaved={saved}
            />
          ) : null}
          {abilities["person.send_password_reset"] && record ? (
            <TwoFactorResetCard personId={person.id} name={person.name} />
          ) : null}
        </div>
      </div>
    </>
  );
}

function InviteButton({
  personId,
  name,
  email,
  hasAccount,
  active,
  onResult,
}: {
  personId: string;
  name: string;
  email: string;
  hasAccount: boolean;
  active: boolean;
  onResult: (notice: { tone: "success" | "error"; text: string }) => void;
}) {
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: () => api.post<InvitationSent>(`/people/${personId}/invite`),
    onSuccess: (sent) => {
      onResult({
        tone: "success",
        text: `${hasAccount ? "A password reset link" : "An invitation"} was sent to ${email}. The link works until ${formatDateTime(sent.expiresAt)}.`,
      });
      void queryClient.invalidateQueries({ queryKey: ["outbox"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
    },
    onError: (error) => onResult({ tone: "error", text: messageOf(error) }),
  });
  return (
    <Button
      variant="secondary"
      busy={invite.isPending}
      busyLabel="Sending…"
      disabled={!active}
      title={active ? undefined : `${name} is inactive; reactivate them first.`}
      onClick={() => invite.mutate()}
    >
      {hasAccount ? "Send password reset" : "Send invitation"}
    </Button>
  );
}
