import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { api, messageOf } from "../../api";
import { Alert, Button, Card, DetailList, Input } from "../../ui";

const label = (key: string) => {
  const text = key.replace(/^demographic_/, "").replace(/[_-]+/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * Self-declared fields kept for fairness analysis. The server only sends them to the person
 * themselves and HR in scope, so this card appears only for them.
 */
export function DemographicsCard({
  personId,
  demographics,
  canEdit,
}: {
  personId: string;
  demographics: Record<string, string>;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const entries = Object.entries(demographics);
  return (
    <Card
      title="Demographics"
      description="Self-declared, optional, and visible only to this person and HR in scope."
      actions={
        canEdit && !editing ? (
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        ) : undefined
      }
    >
      {editing ? (
        <DemographicsForm
          personId={personId}
          demographics={demographics}
          onDone={() => setEditing(false)}
        />
      ) : entries.length ? (
        <DetailList items={entries.map(([k, v]) => ({ label: label(k), value: v || "—" }))} />
      ) : (
        <p className="text-sm text-stone-600">Nothing declared.</p>
      )}
    </Card>
  );
}

function DemographicsForm({
  personId,
  demographics,
  onDone,
}: {
  personId: string;
  demographics: Record<string, string>;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(
    Object.entries(demographics).map(([key, value], i) => ({ id: i, key, value })),
  );
  const [nextId, setNextId] = useState(rows.length);
  const save = useMutation({
    mutationFn: () =>
      api.put(`/people/${personId}/demographics`, {
        demographics: Object.fromEntries(
          rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value.trim()]),
        ),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["person", personId] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
      {rows.map((row, i) => (
        <div key={row.id} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
          <div>
            <label htmlFor={`dem-key-${row.id}`} className="text-sm font-medium">
              Field {i + 1}
            </label>
            <Input
              id={`dem-key-${row.id}`}
              value={row.key}
              placeholder="e.g. gender"
              onChange={(e) =>
                setRows((rs) =>
                  rs.map((r) => (r.id === row.id ? { ...r, key: e.target.value } : r)),
                )
              }
            />
          </div>
          <div>
            <label htmlFor={`dem-value-${row.id}`} className="text-sm font-medium">
              Value {i + 1}
            </label>
            <Input
              id={`dem-value-${row.id}`}
              value={row.value}
              onChange={(e) =>
                setRows((rs) =>
                  rs.map((r) => (r.id === row.id ? { ...r, value: e.target.value } : r)),
                )
              }
            />
          </div>
          <Button
            variant="ghost"
            aria-label={`Remove field ${i + 1}`}
            onClick={() => setRows((rs) => rs.filter((r) => r.id !== row.id))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setRows((rs) => [...rs, { id: nextId, key: "", value: "" }]);
            setNextId((n) => n + 1);
          }}
        >
          Add a field
        </Button>
      </div>
      <div className="flex gap-2">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
