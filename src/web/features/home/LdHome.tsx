import { useQuery } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import { Link } from "react-router";
import type { getCatalogueUsage } from "../../../modules/catalogue/catalogue.service";
import { catalogueKinds, catalogueLabels } from "../../../modules/catalogue/catalogue.types";
import type { listMentors } from "../../../modules/mentoring/mentoring.profiles.service";
import { api } from "../../api";
import { QueryError } from "../../lib/QueryError";
import type { Me } from "../../types";
import { Card, LinkButton, Loading, Table, TBody, Td, THead, Th } from "../../ui";
import { GuidanceStats } from "../guidance/GuidanceStats";
import { InsightHomeCard } from "../insight/InsightHomeCard";

// L&D's home: the catalogue, the mentors and the guidance, in counts. Aggregates only: nothing
// here names a person on a plan or opens anyone's plan (L&D sees the catalogue and totals).

type CatalogueUsage = JSONParsed<Awaited<ReturnType<typeof getCatalogueUsage>>>;
type UsageItem = CatalogueUsage["items"][number];

type MentorList = JSONParsed<Awaited<ReturnType<typeof listMentors>>>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function Figure({ value, label }: { value: number; label: string }) {
  return (
    <div className="rounded-md border border-stone-200 px-3 py-2">
      <dt className="text-xs font-medium text-stone-600">{label}</dt>
      <dd className="text-2xl font-semibold text-stone-900">{value}</dd>
    </div>
  );
}

function CatalogueGlance({ me }: { me: Me }) {
  const usage = useQuery({
    queryKey: ["catalogue", "usage"],
    queryFn: () => api.get<CatalogueUsage>("/catalogue/usage"),
    enabled: Boolean(me.abilities["catalogue.view_stats"]),
  });
  const canManage = Boolean(me.abilities["catalogue.manage"]);
  return (
    <Card
      title="The catalogue at a glance"
      description="What managers can add to a goal, and how it has been used."
      actions={
        <>
          <LinkButton to="/catalogue" size="sm">
            Open the catalogue
          </LinkButton>
          {canManage ? (
            <LinkButton to="/catalogue?add=resource" size="sm" variant="primary">
              Add a resource
            </LinkButton>
          ) : null}
        </>
      }
    >
      {usage.isPending ? (
        <Loading />
      ) : usage.isError ? (
        <QueryError error={usage.error} onRetry={() => void usage.refetch()} />
      ) : (
        <CatalogueFigures items={usage.data.items} />
      )}
    </Card>
  );
}

function CatalogueFigures({ items }: { items: UsageItem[] }) {
  const offered = items.filter((i) => i.active);
  if (offered.length === 0)
    return (
      <p className="text-sm text-stone-700">
        The catalogue is empty. Add the courses, workshops, tools and internal guides people can
        use: managers find them by skill and by root cause when they resource a goal.
      </p>
    );
  const byKind = catalogueKinds.map((kind) => ({
    kind,
    count: offered.filter((i) => i.kind === kind).length,
  }));
  const used = items
    .filter((i) => i.uses > 0)
    .sort((a, b) => b.uses - a.uses || a.title.localeCompare(b.title));
  const delivered = items.reduce((n, i) => n + i.delivered, 0);
  const notDelivered = items.reduce((n, i) => n + i.notDelivered, 0);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Resources offered, by kind">
        {byKind.map(({ kind, count }) => (
          <Figure
            key={kind}
            value={count}
            label={kind === "guide" ? "Internal guides" : `${catalogueLabels.kind[kind]}s`}
          />
        ))}
      </dl>
      {used.length === 0 ? (
        <p className="text-sm text-stone-700">
          No goal uses a catalogue resource yet. When managers add one to a plan goal or a growth
          goal, you will see here how often, and whether it was delivered.
        </p>
      ) : (
        <>
          <p className="text-sm text-stone-700">
            Goals have used catalogue resources{" "}
            {plural(
              used.reduce((n, i) => n + i.uses, 0),
              "time",
            )}
            : {delivered} delivered, {notDelivered} not delivered.
          </p>
          <Table caption="Most used resources: how often goals used them, and whether they were delivered">
            <THead>
              <tr>
                <Th>Resource</Th>
                <Th className="text-right">Used on goals</Th>
                <Th className="text-right">Delivered</Th>
                <Th className="text-right">Not delivered</Th>
                <Th className="text-right">Plans ended with goals met</Th>
              </tr>
            </THead>
            <TBody>
              {used.slice(0, 5).map((i) => (
                <tr key={i.itemId}>
                  <Td>
                    <Link
                      to={`/catalogue/${i.itemId}`}
                      className="font-medium text-teal-800 underline underline-offset-2"
                    >
                      {i.title}
                    </Link>
                    <span className="block text-xs text-stone-600">{i.kindLabel}</span>
                  </Td>
                  <Td className="text-right tabular-nums">{i.uses}</Td>
                  <Td className="text-right tabular-nums">{i.delivered}</Td>
                  <Td className="text-right tabular-nums">{i.notDelivered}</Td>
                  <Td className="text-right tabular-nums">
                    {i.plansClosed ? `${i.plansGoalsMet} of ${i.plansClosed}` : "None closed yet"}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </div>
  );
}

function MentorsGlance({ me }: { me: Me }) {
  const mentors = useQuery({
    queryKey: ["mentors", "all"],
    queryFn: () => api.get<MentorList>("/mentors"),
  });
  const canManage = Boolean(me.abilities["mentor.manage"]);
  const active = mentors.data?.items.filter((m) => m.active) ?? [];
  const free = active.reduce((n, m) => n + Math.max(0, m.freeCapacity), 0);
  const full = active.filter((m) => m.freeCapacity <= 0).length;
  return (
    <Card
      title="Mentors"
      actions={
        <>
          <LinkButton to="/mentoring" size="sm">
            Open mentoring
          </LinkButton>
          {canManage ? (
            <LinkButton to="/mentoring?add=mentor" size="sm" variant="primary">
              Add a mentor
            </LinkButton>
          ) : null}
        </>
      }
    >
      {mentors.isPending ? (
        <Loading />
      ) : mentors.isError ? (
        <QueryError error={mentors.error} onRetry={() => void mentors.refetch()} />
      ) : active.length === 0 ? (
        <p className="text-sm text-stone-700">
          No one volunteers as a mentor yet. Add the people who have offered, with their skills and
          how many mentees they can take: managers are offered them by skill.
        </p>
      ) : (
        <dl className="grid grid-cols-3 gap-3" aria-label="Mentors and their places">
          <Figure value={active.length} label={active.length === 1 ? "Mentor" : "Mentors"} />
          <Figure value={free} label={free === 1 ? "Free place" : "Free places"} />
          <Figure value={full} label="Mentors with no free place" />
        </dl>
      )}
    </Card>
  );
}

/** The home of someone with the L&D role: plan outcomes, the catalogue and the mentors. */
export function LdHome({ me }: { me: Me }) {
  return (
    <>
      {/* HR partners who are also L&D see it once, with the HR cards. */}
      {me.roles.includes("hr") ? null : <InsightHomeCard me={me} />}
      <CatalogueGlance me={me} />
      <MentorsGlance me={me} />
    </>
  );
}

/** L&D's guidance counts, under the columns: the table and its chart need the full width. */
export function LdGuidance({ me }: { me: Me }) {
  if (!me.abilities["guidance.view_stats"]) return null;
  return (
    <div className="mt-5">
      <GuidanceStats />
    </div>
  );
}
