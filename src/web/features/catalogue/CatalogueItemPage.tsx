import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { CauseKind } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  DetailList,
  EmptyState,
  Loading,
  PageHeader,
  Table,
  TBody,
  Td,
  TextField,
  THead,
  Th,
} from "../../ui";
import { causeLabel } from "../plans/labels";
import { CatalogueItemForm } from "./CatalogueItemForm";
import { ManageButtons, TagList } from "./CataloguePage";
import { catalogueKey, formatHours, seatsLeft, useCatalogueItem } from "./catalogueApi";
import type { CatalogueItem, CatalogueSession, CatalogueUsage } from "./types";
import { UsageChart } from "./UsageChart";

/** One resource: what it is, its workshop dates, and (for L&D, HR, admins) how it was used. */
export function CatalogueItemPage() {
  const { id = "" } = useParams();
  const detail = useCatalogueItem(id);
  useDocumentTitle(detail.data?.item.title ?? "Catalogue");
  const [editing, setEditing] = useState(false);

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <>
        <PageHeader title="Catalogue" eyebrow={<BackLink />} />
        {missing ? (
          <EmptyState title="This resource is not in the catalogue." action={<BackLink button />}>
            It may have been archived. Search the catalogue for another one.
          </EmptyState>
        ) : (
          <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
        )}
      </>
    );
  }
  const { item, usage, abilities } = detail.data;
  const mayManage = abilities["catalogue.manage"];

  return (
    <>
      <PageHeader
        eyebrow={<BackLink />}
        title={item.title}
        description={item.provider ? `${item.kindLabel} by ${item.provider}` : item.kindLabel}
        actions={mayManage ? <ManageButtons item={item} onEdit={() => setEditing(true)} /> : null}
      />
      <div className="space-y-6">
        {!item.active ? (
          <Alert tone="info">
            This resource is archived: managers no longer find it, and the goals that used it keep
            it. Restore it to offer it again.
          </Alert>
        ) : null}
        <Card title="About this resource">
          <DetailList
            items={[
              { label: "Kind", value: item.kindLabel },
              { label: "Format", value: item.formatLabel },
              { label: "Duration", value: formatHours(item.durationHours) },
              {
                label: "Link",
                value: item.link ? (
                  <a
                    href={item.link}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="break-all text-teal-800 underline underline-offset-2"
                  >
                    {item.link}
                  </a>
                ) : (
                  "—"
                ),
              },
              { label: "Skills", value: <TagList tags={item.skills} /> },
              {
                label: "Root causes it fits",
                value: item.causes.length
                  ? item.causes.map((c) => causeLabel[c as CauseKind] ?? c).join(", ")
                  : "—",
              },
            ]}
          />
          {item.description ? (
            <p className="mt-4 max-w-prose whitespace-pre-line text-sm text-stone-800">
              {item.description}
            </p>
          ) : null}
        </Card>

        {item.kind === "workshop" ? <Sessions item={item} mayManage={mayManage} /> : null}

        {usage ? <UsageSection usage={usage} title={item.title} /> : null}
      </div>
      {mayManage ? (
        <CatalogueItemForm
          key={`${item.id}:${item.version}`}
          open={editing}
          item={item}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </>
  );
}

function BackLink({ button = false }: { button?: boolean }) {
  return (
    <Link
      to="/catalogue"
      className={
        button
          ? "font-medium text-teal-800 underline underline-offset-2"
          : "text-teal-800 underline-offset-2 hover:underline"
      }
    >
      {button ? "Search the catalogue" : "← Resource catalogue"}
    </Link>
  );
}

function Sessions({ item, mayManage }: { item: CatalogueItem; mayManage: boolean }) {
  const [adding, setAdding] = useState(false);
  const sessions = item.sessions;
  return (
    <Card
      title="Workshop dates"
      description="Seats are taken when a manager adds this date to a goal; a goal where it was not delivered frees its seat."
      actions={
        mayManage && !adding ? (
          <Button size="sm" onClick={() => setAdding(true)}>
            Add a date
          </Button>
        ) : null
      }
    >
      <div className="space-y-4">
        {adding ? <SessionForm itemId={item.id} onDone={() => setAdding(false)} /> : null}
        {sessions.length === 0 ? (
          <p className="text-sm text-stone-600">
            {mayManage
              ? "No upcoming dates. Add a date so managers can book seats."
              : "No upcoming dates. Ask L&D when the next one is."}
          </p>
        ) : (
          <Table caption="Workshop dates">
            <THead>
              <tr>
                <Th>When</Th>
                <Th>Where</Th>
                <Th className="text-right">Seats left</Th>
                {mayManage ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </THead>
            <TBody>
              {sessions.map((s) => (
                <SessionRow key={s.id} session={s} mayManage={mayManage} />
              ))}
            </TBody>
          </Table>
        )}
      </div>
    </Card>
  );
}

function SessionRow({ session: s, mayManage }: { session: CatalogueSession; mayManage: boolean }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => api.post(`/catalogue/sessions/${encodeURIComponent(s.id)}/cancel`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: catalogueKey }),
  });
  return (
    <tr>
      <Td>
        {formatDateTime(s.startsAt)}
        {s.endsAt ? (
          <span className="block text-xs text-stone-600">until {formatDateTime(s.endsAt)}</span>
        ) : null}
        {s.cancelled ? (
          <Badge tone="neutral" className="mt-1">
            Cancelled
          </Badge>
        ) : null}
      </Td>
      <Td>{s.location || "—"}</Td>
      <Td className="text-right tabular-nums">
        {seatsLeft(s)} of {s.seats}
      </Td>
      {mayManage ? (
        <Td className="text-right">
          {!s.cancelled ? (
            <Button
              size="sm"
              variant="danger"
              busy={cancel.isPending}
              onClick={() => cancel.mutate()}
            >
              Cancel date<span className="sr-only"> {formatDate(s.startsAt)}</span>
            </Button>
          ) : null}
          {cancel.isError ? (
            <p className="mt-1 text-sm text-red-700">{messageOf(cancel.error)}</p>
          ) : null}
        </Td>
      ) : null}
    </tr>
  );
}

/** A local date-time input value ("2026-05-04T09:00") as an ISO instant, or null. */
const instant = (value: string) => {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
};

function SessionForm({ itemId, onDone }: { itemId: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [location, setLocation] = useState("");
  const [seats, setSeats] = useState("12");
  const add = useMutation({
    mutationFn: () =>
      api.post(`/catalogue/items/${encodeURIComponent(itemId)}/sessions`, {
        startsAt: instant(startsAt) ?? startsAt,
        endsAt: instant(endsAt),
        location,
        seats: Number(seats),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: catalogueKey });
      onDone();
    },
  });
  const errors = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add a workshop date"
      className="space-y-4 rounded-md border border-stone-200 bg-stone-50 p-4"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Starts"
          type="datetime-local"
          required
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          error={errors.startsAt}
        />
        <TextField
          label="Ends"
          optional
          type="datetime-local"
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={errors.endsAt}
        />
        <TextField
          label="Location"
          optional
          hint="A room, a city, or “Online”."
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          error={errors.location}
        />
        <TextField
          label="Seats"
          type="number"
          min={1}
          max={1000}
          required
          value={seats}
          onChange={(e) => setSeats(e.target.value)}
          error={errors.seats}
        />
      </div>
      {add.isError && !Object.keys(errors).some((k) => k !== "kind") ? (
        <Alert tone="error">{messageOf(add.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={add.isPending} busyLabel="Adding…">
          Add date
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function UsageSection({ usage, title }: { usage: CatalogueUsage; title: string }) {
  return (
    <Card
      title="How it was used"
      description="Counts over every plan goal and growth goal that used it. No plan or person is ever named here."
    >
      {usage.uses === 0 ? (
        <p className="text-sm text-stone-600">
          No goal has used this resource yet. Figures appear once a manager adds it to a goal.
        </p>
      ) : (
        <div className="space-y-5">
          <UsageChart usage={usage} title={`How the goals using ${title} went`} />
          <DetailList
            items={[
              { label: "Goals that used it", value: usage.uses },
              { label: "Success plans using it", value: usage.plansUsing },
              { label: "Of those, closed", value: usage.plansClosed },
              { label: "Closed with goals met", value: usage.plansGoalsMet },
              { label: "Growth goals using it", value: usage.growthGoalsUsing },
            ]}
          />
        </div>
      )}
    </Card>
  );
}
