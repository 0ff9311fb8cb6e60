import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type {
  AuditEvent,
  AuditPage as AuditPageData,
  AuditVerification,
  PersonPage,
} from "../../types";
import {
  Alert,
  Button,
  Card,
  EmptyState,
  Field,
  Loading,
  PageHeader,
  Select,
  Spinner,
  Table,
  TBody,
  Td,
  THead,
  Th,
} from "../../ui";
import { NotAvailable } from "../layout/NotFoundPage";
import { useSignedIn } from "../layout/session";
import { actionName, actionPrefixes, subjectNames, summarise } from "./describe";

const PAGE_SIZE = 50;

export function AuditPage() {
  useDocumentTitle("Audit trail");
  const me = useSignedIn();
  if (!me.abilities["audit.view"]) return <NotAvailable title="Audit trail" />;
  return (
    <AuditBrowser
      canVerify={Boolean(me.abilities["audit.view_all"])}
      scoped={!me.abilities["audit.view_all"]}
    />
  );
}

function AuditBrowser({ canVerify, scoped }: { canVerify: boolean; scoped: boolean }) {
  const [params, setParams] = useSearchParams();
  const action = params.get("action") ?? "";
  const subjectId = params.get("subjectId") ?? "";
  const subjectType = params.get("subjectType") ?? "";
  const events = useInfiniteQuery({
    queryKey: ["audit", { action, subjectId }],
    queryFn: ({ pageParam }) =>
      api.get<AuditPageData>("/audit", {
        action,
        subjectId,
        before: pageParam,
        limit: PAGE_SIZE,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit trail"
        description={
          scoped
            ? "Every change to the people in your HR scope, newest first. Events cannot be edited or removed."
            : "Every change in Headway, newest first. Events are chained by hash, so an edited or removed event is detected."
        }
      />
      {canVerify ? <VerifyCard /> : null}
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <Field label="Kind of event" className="w-full sm:w-64">
          {(p) => (
            <Select
              {...p}
              value={action}
              onChange={(e) =>
                setParams((prev) => {
                  const next = new URLSearchParams(prev);
                  if (e.target.value) next.set("action", e.target.value);
                  else next.delete("action");
                  return next;
                })
              }
            >
              <option value="">All events</option>
              {actionPrefixes.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {subjectId ? (
          <div className="flex items-center gap-2 text-sm">
            <span>
              About{" "}
              {subjectType && subjectType !== "person" ? (
                (subjectNames[subjectType] ?? subjectType)
              ) : (
                <SubjectName id={subjectId} />
              )}
            </span>
            <Button
              size="sm"
              variant="ghost"
              onClick={() =>
                setParams((prev) => {
                  const next = new URLSearchParams(prev);
                  next.delete("subjectId");
                  next.delete("subjectType");
                  return next;
                })
              }
            >
              Show everyone
            </Button>
          </div>
        ) : null}
      </div>

      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <QueryError error={events.error} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No events match.">
          {action || subjectId
            ? "Try another kind of event, or show everyone."
            : "Nothing has happened yet."}
        </EmptyState>
      ) : (
        <>
          <Card padded={false} className="hidden md:block">
            <Table caption="Audit events, newest first">
              <THead>
                <tr>
                  <Th>Time</Th>
                  <Th>Who</Th>
                  <Th>What</Th>
                  <Th>About</Th>
                  <Th>Details</Th>
                </tr>
              </THead>
              <TBody>
                {items.map((e) => (
                  <tr key={e.seq}>
                    <Td className="whitespace-nowrap text-stone-600">
                      <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                    </Td>
                    <Td>
                      <Actor event={e} />
                    </Td>
                    <Td>
                      <span className="font-medium">{actionName(e.action)}</span>
                      <span className="block font-mono text-xs text-stone-500">{e.action}</span>
                    </Td>
                    <Td>
                      <Subject event={e} />
                    </Td>
                    <Td className="max-w-md break-words text-stone-700">{summarise(e) || "—"}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </Card>
          <ul className="space-y-2 md:hidden" aria-label="Audit events, newest first">
            {items.map((e) => (
              <li
                key={e.seq}
                className="rounded-lg border border-stone-200 bg-white p-3 text-sm [overflow-wrap:anywhere] shadow-sm"
              >
                <p className="font-medium">{actionName(e.action)}</p>
                <p className="text-stone-600">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time> · <Actor event={e} />
                </p>
                <p className="mt-1">
                  About <Subject event={e} />
                </p>
                {summarise(e) ? <p className="mt-1 text-stone-700">{summarise(e)}</p> : null}
              </li>
            ))}
          </ul>
          <div className="mt-5 flex items-center gap-3" aria-live="polite">
            {events.hasNextPage ? (
              <Button
                variant="secondary"
                busy={events.isFetchingNextPage}
                busyLabel="Loading…"
                onClick={() => void events.fetchNextPage()}
              >
                Load more
              </Button>
            ) : (
              <p className="text-sm text-stone-600">
                {items.length} {items.length === 1 ? "event" : "events"}: that is all.
              </p>
            )}
            {events.isFetching && !events.isFetchingNextPage ? <Spinner label="Updating…" /> : null}
          </div>
        </>
      )}
    </>
  );
}

function Actor({ event }: { event: AuditEvent }) {
  if (event.actorId)
    return (
      <Link to={`/people/${event.actorId}`} className="text-teal-800 underline underline-offset-2">
        {event.actorLabel}
      </Link>
    );
  return <span className="text-stone-600">{event.actorLabel} (system)</span>;
}

function Subject({ event }: { event: AuditEvent }) {
  if (event.subjectType === "person" && event.subjectId)
    return <SubjectName id={event.subjectId} />;
  const name = subjectNames[event.subjectType] ?? event.subjectType;
  // A plan's whole history, its views ("who viewed") included, is one filter away.
  if (event.subjectType === "plan" && event.subjectId)
    return (
      <Link
        to={`?subjectId=${encodeURIComponent(event.subjectId)}&subjectType=plan`}
        className="text-teal-800 underline underline-offset-2"
        title="Every event about this plan, and who viewed it"
      >
        {name}
      </Link>
    );
  return <span className="text-stone-700">{name}</span>;
}

/** A person's name, fetched once and shared with their page. */
function SubjectName({ id }: { id: string }) {
  const person = useQuery({
    queryKey: ["person", id],
    queryFn: () => api.get<PersonPage>(`/people/${encodeURIComponent(id)}`),
    staleTime: 5 * 60_000,
  });
  return (
    <Link to={`/people/${id}`} className="text-teal-800 underline underline-offset-2">
      {person.data?.person.name ??
        (person.error instanceof ApiError ? "a person no longer listed" : "a person")}
    </Link>
  );
}

function VerifyCard() {
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerification>("/audit/verify"),
  });
  return (
    <Card className="mb-5">
      <div className="flex flex-wrap items-center gap-4">
        <div className="min-w-0 flex-1 basis-72">
          <h2 className="text-base font-semibold">Verify the chain</h2>
          <p className="text-sm text-stone-600">
            Recomputes every event's hash to prove nothing was edited, removed or added out of
            order.
          </p>
        </div>
        <Button
          variant="secondary"
          busy={verify.isPending}
          busyLabel="Verifying…"
          onClick={() => verify.mutate()}
        >
          Verify the chain
        </Button>
      </div>
      <div aria-live="polite">
        {verify.isSuccess ? (
          verify.data.ok ? (
            <Alert tone="success" className="mt-4" title="The audit trail is intact">
              ok {verify.data.count} {verify.data.count === 1 ? "event" : "events"} verified.
            </Alert>
          ) : (
            <Alert tone="error" className="mt-4" title="The audit trail has been tampered with">
              Problem at event {verify.data.seq}: {verify.data.problem} ({verify.data.count} events
              checked before it).
            </Alert>
          )
        ) : null}
        {verify.isError ? (
          <Alert tone="error" className="mt-4">
            {messageOf(verify.error)}
          </Alert>
        ) : null}
      </div>
    </Card>
  );
}
