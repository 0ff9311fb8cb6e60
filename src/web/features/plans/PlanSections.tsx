import { useState } from "react";
import { api, messageOf } from "../../api";
import { formatDate, formatDateTime } from "../../lib/format";
import type { PlanCause, PlanDetail, PlanEvidence } from "../../types";
import { Alert, Badge, Button, Card, Field, TextArea } from "../../ui";
import { causeLabel } from "./labels";
import { usePlanWrite } from "./planApi";

export type PlanCtx = {
  detail: PlanDetail;
  isEmployee: boolean;
  canRespond: boolean;
};

/** The employee's responses to one section: attached to it for good, never editable. */
export function SectionResponses({
  ctx,
  section,
  sectionTitle,
}: {
  ctx: PlanCtx;
  section: string;
  sectionTitle: string;
}) {
  const responses = ctx.detail.responses.filter((r) => r.section === section);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState("");
  const planId = ctx.detail.plan.id;
  const add = usePlanWrite(
    planId,
    () => api.post(`/plans/${planId}/responses`, { section, body }),
    () => {
      setBody("");
      setOpen(false);
    },
  );
  if (!responses.length && !ctx.canRespond) return null;
  return (
    <div className="mt-4 border-t border-stone-100 pt-3">
      {responses.length ? (
        <ul className="space-y-2">
          {responses.map((r) => (
            <li
              key={r.id}
              className="rounded-md border-l-4 border-sky-300 bg-sky-50 px-3 py-2 text-sm"
            >
              <p className="text-xs font-medium text-sky-900">
                {ctx.isEmployee ? "Your response" : `Response from ${r.author.name}`} ·{" "}
                {formatDateTime(r.createdAt)}
              </p>
              <p className="mt-1 whitespace-pre-wrap text-stone-900">{r.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {ctx.canRespond ? (
        open ? (
          <form
            className="mt-3 space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate(undefined);
            }}
          >
            <Field
              label={`Your response to ${sectionTitle}`}
              hint="Your response stays attached to this section for good and is part of the record. It cannot be edited later, but you can add another."
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={4}
                  required
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                />
              )}
            </Field>
            {add.isError ? <Alert tone="error">{messageOf(add.error)}</Alert> : null}
            <div className="flex gap-2">
              <Button type="submit" size="sm" busy={add.isPending}>
                Add response
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            className="mt-2"
            aria-label={`Respond to this section: ${sectionTitle}`}
            onClick={() => setOpen(true)}
          >
            Respond to this section
          </Button>
        )
      ) : null}
    </div>
  );
}

export function StandardSection({ ctx }: { ctx: PlanCtx }) {
  return (
    <Card title="The standard" description="What is expected, in plain words.">
      <p className="whitespace-pre-wrap text-stone-900">
        {ctx.detail.plan.standard || "The standard has not been written yet."}
      </p>
      <SectionResponses ctx={ctx} section="standard" sectionTitle="the standard" />
    </Card>
  );
}

export function EvidenceSection({ ctx }: { ctx: PlanCtx }) {
  const { evidence } = ctx.detail;
  return (
    <Card
      title="Evidence"
      description={
        ctx.isEmployee
          ? "Do you see what your manager sees? Answer each item: your answer and your side stay on the record."
          : "Each item is shown to the employee, who answers it."
      }
    >
      {evidence.length === 0 ? (
        <p className="text-sm text-stone-600">No evidence has been added yet.</p>
      ) : (
        <ol className="space-y-5">
          {evidence.map((e) => (
            <li key={e.id} className="rounded-md border border-stone-200 p-4">
              <EvidenceItem ctx={ctx} item={e} />
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function EvidenceItem({ ctx, item }: { ctx: PlanCtx; item: PlanEvidence }) {
  return (
    <article aria-labelledby={`ev-${item.id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="neutral">{item.kind === "metric" ? "Metric" : "Incident"}</Badge>
        <h3 id={`ev-${item.id}`} className="font-semibold text-stone-900">
          {item.title}
        </h3>
        {item.occurredOn ? (
          <span className="text-sm text-stone-600">{formatDate(item.occurredOn)}</span>
        ) : null}
      </div>
      {item.description ? (
        <p className="mt-2 whitespace-pre-wrap text-sm">{item.description}</p>
      ) : null}
      {item.impact ? (
        <p className="mt-2 text-sm">
          <span className="font-medium">Impact: </span>
          {item.impact}
        </p>
      ) : null}
      {item.kind === "metric" && item.series.length ? (
        <div className="mt-3 overflow-x-auto">
          <table className="text-sm">
            <caption className="text-left text-xs text-stone-600">
              {item.unit ? `Values (${item.unit})` : "Values"}
              {item.source ? ` · source: ${item.source}` : ""}
            </caption>
            <tbody>
              <tr>
                <th scope="row" className="pr-3 text-left font-medium text-stone-600">
                  Date
                </th>
                {item.series.map((p) => (
                  <td key={p.date} className="px-2 whitespace-nowrap">
                    {formatDate(p.date)}
                  </td>
                ))}
              </tr>
              <tr>
                <th scope="row" className="pr-3 text-left font-medium text-stone-600">
                  Value
                </th>
                {item.series.map((p) => (
                  <td key={p.date} className="px-2 font-medium">
                    {p.value}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      <EvidenceAnswer ctx={ctx} item={item} />
      <SectionResponses ctx={ctx} section={`evidence:${item.id}`} sectionTitle={item.title} />
    </article>
  );
}

function EvidenceAnswer({ ctx, item }: { ctx: PlanCtx; item: PlanEvidence }) {
  const [answer, setAnswer] = useState<"same" | "different" | null>(null);
  const [side, setSide] = useState(item.employeeSide);
  const [links, setLinks] = useState(item.employeeLinks.join("\n"));
  const planId = ctx.detail.plan.id;
  const save = usePlanWrite(
    planId,
    () =>
      api.post(`/plans/${planId}/evidence/${item.id}/answer`, {
        answer,
        side,
        links: links
          .split(/\s+/)
          .map((l) => l.trim())
          .filter(Boolean),
      }),
    () => setAnswer(null),
  );
  const who = ctx.isEmployee ? "Your answer" : "The employee's answer";
  return (
    <div className="mt-3 rounded-md bg-stone-50 px-3 py-2 text-sm">
      {item.answer ? (
        <div>
          <p>
            <span className="font-medium">{who}: </span>
            {item.answer === "same" ? "I see it the same way." : "I see it differently."}
          </p>
          {item.employeeSide ? (
            <p className="mt-1 whitespace-pre-wrap">{item.employeeSide}</p>
          ) : null}
          {item.employeeLinks.length ? (
            <ul className="mt-1 list-inside list-disc">
              {item.employeeLinks.map((l) => (
                <li key={l}>
                  <a
                    href={l}
                    className="break-all text-teal-800 underline"
                    rel="noreferrer noopener"
                    target="_blank"
                  >
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="text-stone-600">
          {ctx.isEmployee ? "You have not answered this item yet." : "Not answered yet."}
        </p>
      )}
      {ctx.canRespond ? (
        answer ? (
          <form
            className="mt-3 space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(undefined);
            }}
          >
            <p className="font-medium">
              {answer === "same" ? "You see it the same way." : "You see it differently."}
            </p>
            <Field
              label="Your side"
              optional={answer === "same"}
              hint={
                answer === "different"
                  ? "What happened as you see it, and anything that was missing."
                  : undefined
              }
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={3}
                  required={answer === "different"}
                  value={side}
                  onChange={(e) => setSide(e.target.value)}
                />
              )}
            </Field>
            <Field
              label="Links to your own evidence"
              optional
              hint="One link per line, starting with https://"
            >
              {(p) => (
                <TextArea
                  {...p}
                  rows={2}
                  value={links}
                  onChange={(e) => setLinks(e.target.value)}
                />
              )}
            </Field>
            {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
            <div className="flex gap-2">
              <Button type="submit" size="sm" busy={save.isPending}>
                Save my answer
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setAnswer(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => setAnswer("same")}>
              I see it the same way
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setAnswer("different")}>
              I see it differently
            </Button>
          </div>
        )
      ) : null}
    </div>
  );
}

export function DiagnosisSection({ ctx }: { ctx: PlanCtx }) {
  const { causes } = ctx.detail;
  return (
    <Card
      title="Diagnosis"
      description="What is getting in the way: the root causes, with each side's view."
    >
      {causes.length === 0 ? (
        <p className="text-sm text-stone-600">No causes have been diagnosed yet.</p>
      ) : (
        <ul className="space-y-4">
          {causes.map((c) => (
            <li key={c.id}>
              <CauseItem ctx={ctx} cause={c} />
            </li>
          ))}
        </ul>
      )}
      <SectionResponses ctx={ctx} section="diagnosis" sectionTitle="the diagnosis" />
    </Card>
  );
}

function CauseItem({ ctx, cause }: { ctx: PlanCtx; cause: PlanCause }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(cause.employeeView);
  const planId = ctx.detail.plan.id;
  const save = usePlanWrite(
    planId,
    () => api.post(`/plans/${planId}/causes/${cause.id}/view`, { text }),
    () => setEditing(false),
  );
  const name = causeLabel[cause.cause] ?? cause.label;
  return (
    <div>
      <h3 className="font-medium text-stone-900">{name}</h3>
      {cause.notes ? <p className="mt-1 whitespace-pre-wrap text-sm">{cause.notes}</p> : null}
      {cause.employeeView && !editing ? (
        <p className="mt-2 rounded-md border-l-4 border-sky-300 bg-sky-50 px-3 py-2 text-sm">
          <span className="font-medium">
            {ctx.isEmployee ? "Your view: " : "The employee's view: "}
          </span>
          {cause.employeeView}
        </p>
      ) : null}
      {ctx.canRespond ? (
        editing ? (
          <form
            className="mt-2 space-y-2"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(undefined);
            }}
          >
            <Field label={`Your view of “${name}”`}>
              {(p) => (
                <TextArea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
              )}
            </Field>
            {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
            <div className="flex gap-2">
              <Button type="submit" size="sm" busy={save.isPending}>
                Save my view
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <Button
            size="sm"
            variant="ghost"
            className="mt-1"
            aria-label={`${cause.employeeView ? "Change" : "Add"} your view of ${name}`}
            onClick={() => setEditing(true)}
          >
            {cause.employeeView ? "Change your view" : "Add your view"}
          </Button>
        )
      ) : null}
    </div>
  );
}
