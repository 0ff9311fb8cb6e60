import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import { formatDate, tenure } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Team, TeamMember } from "../../types";
import {
  Badge,
  Card,
  EmptyState,
  LinkButton,
  Loading,
  PageHeader,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import { Avatar, PersonLink, PersonRow } from "../people/PersonBits";
import { CoachingHealthCard } from "./CoachingHealth";

export const teamKey = ["team"] as const;

function tenureSentence(hireDate: string | null): string {
  if (!hireDate) return "Hire date not recorded";
  const t = tenure(hireDate);
  return t.startsWith("starts") ? `S${t.slice(1)}` : `With us for ${t}`;
}

export function TeamPage() {
  useDocumentTitle("My team");
  const team = useQuery({ queryKey: teamKey, queryFn: () => api.get<Team>("/team") });

  if (team.isPending) return <Loading />;
  if (team.isError) return <QueryError error={team.error} onRetry={() => void team.refetch()} />;
  const { direct, skipLevel } = team.data;
  return (
    <>
      <PageHeader
        title="My team"
        description="The people you coach. Regular 1:1s and written feedback keep everyone growing, and mean no one is ever surprised."
      />
      {direct.length === 0 ? (
        <EmptyState
          title="No one reports to you."
          action={<LinkButton to="/people">Open the directory</LinkButton>}
        >
          When people are added with you as their manager, they will appear here. If someone is
          missing, ask an admin or HR to update the reporting line.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <CoachingHealthCard />
          <MemberList
            title="Direct reports"
            description={`${direct.length} ${direct.length === 1 ? "person reports" : "people report"} to you.`}
            members={direct}
          />
          {skipLevel.length ? (
            <MemberList
              title="Skip-level reports"
              description="People who report to your reports. You can see their records but they are coached by their own manager."
              members={skipLevel}
              skip
            />
          ) : null}
        </div>
      )}
    </>
  );
}

function MemberList({
  title,
  description,
  members,
  skip = false,
}: {
  title: string;
  description: string;
  members: TeamMember[];
  skip?: boolean;
}) {
  const sorted = [...members].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Card title={title} description={description} padded={false}>
      <div className="hidden md:block">
        <Table caption={title}>
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Title</Th>
              <Th>Department</Th>
              <Th>Tenure</Th>
              <Th>Reports</Th>
            </tr>
          </THead>
          <TBody>
            {sorted.map((m) => (
              <tr key={m.id}>
                <Td>
                  <div className="flex items-center gap-3">
                    <Avatar name={m.name} size="sm" />
                    <PersonLink person={m} />
                  </div>
                </Td>
                <Td>{m.title || "—"}</Td>
                <Td>{m.department || "—"}</Td>
                <Td>
                  {m.hireDate ? (
                    <span title={`Hired ${formatDate(m.hireDate)}`}>{tenure(m.hireDate)}</span>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>
                  {m.reports ? <Badge tone={skip ? "neutral" : "accent"}>{m.reports}</Badge> : "—"}
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </div>
      <ul className="divide-y divide-stone-100 md:hidden" aria-label={title}>
        {sorted.map((m) => (
          <li key={m.id} className="px-4 py-3">
            <PersonRow person={m} />
            <p className="mt-1 pl-11 text-sm text-stone-600">
              {tenureSentence(m.hireDate)}
              {m.reports ? ` · ${m.reports} ${m.reports === 1 ? "report" : "reports"}` : ""}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
