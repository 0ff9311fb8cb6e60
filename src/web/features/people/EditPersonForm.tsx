import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import type { PersonCard, PersonPage, PersonRecord } from "../../types";
import { Alert, Button, Card, Checkbox, TextField } from "../../ui";
import { PersonPicker } from "./PersonPicker";

type Manager = Pick<PersonCard, "id" | "name" | "title" | "department">;

/** HR in scope and admins change a person. The version stops one edit silently overwriting another. */
export function EditPersonForm({
  data,
  record,
  onReload,
  onSaved,
}: {
  data: PersonPage;
  record: PersonRecord;
  onReload: () => void;
  onSaved: (message: string) => void;
}) {
  const { person } = data;
  const queryClient = useQueryClient();
  const initial = {
    name: person.name,
    email: person.email,
    title: person.title,
    department: person.department,
    location: person.location,
    employeeId: record.employeeId ?? "",
    hireDate: record.hireDate ?? "",
    active: person.active,
  };
  const [form, setForm] = useState(initial);
  const [manager, setManager] = useState<Manager | null>(data.manager);
  const set = <K extends keyof typeof initial>(key: K, value: (typeof initial)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  const patch = () => {
    const out: Record<string, unknown> = {};
    for (const key of ["name", "email", "title", "department", "location"] as const)
      if (form[key].trim() !== initial[key]) out[key] = form[key].trim();
    if (form.employeeId.trim() !== initial.employeeId)
      out.employeeId = form.employeeId.trim() || null;
    if (form.hireDate !== initial.hireDate) out.hireDate = form.hireDate || null;
    if (form.active !== initial.active) out.active = form.active;
    if ((manager?.id ?? null) !== person.managerId) out.managerId = manager?.id ?? null;
    return out;
  };
  const changes = patch();
  const dirty = Object.keys(changes).length > 0;

  const save = useMutation({
    mutationFn: () =>
      api.patch<PersonCard>(`/people/${person.id}`, { version: record.version, ...changes }),
    onSuccess: async () => {
      onSaved(`Changes to ${form.name.trim() || person.name} saved.`);
      await queryClient.invalidateQueries({ queryKey: ["person"] });
      void queryClient.invalidateQueries({ queryKey: ["people"] });
      void queryClient.invalidateQueries({ queryKey: ["departments"] });
      void queryClient.invalidateQueries({ queryKey: ["team"] });
    },
  });
  const error = save.error;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const conflict = error instanceof ApiError && error.code === "person.conflict";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dirty) save.mutate();
  };

  return (
    <Card
      title="Edit details"
      description="Changes are recorded in the audit trail with your name."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        {conflict ? (
          <Alert
            tone="warning"
            title="This person was changed while you were editing"
            actions={
              <Button variant="secondary" size="sm" onClick={onReload}>
                Reload their latest details
              </Button>
            }
          >
            {messageOf(error)} Your unsaved changes will be cleared when you reload.
          </Alert>
        ) : error ? (
          <Alert tone="error">{messageOf(error)}</Alert>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
            error={fieldErrors.name}
            autoComplete="off"
            required
          />
          <TextField
            label="Email"
            type="email"
            value={form.email}
            onChange={(e) => set("email", e.target.value)}
            error={fieldErrors.email}
            autoComplete="off"
            required
          />
          <TextField
            label="Title"
            value={form.title}
            onChange={(e) => set("title", e.target.value)}
            error={fieldErrors.title}
          />
          <TextField
            label="Department"
            value={form.department}
            onChange={(e) => set("department", e.target.value)}
            error={fieldErrors.department}
          />
          <TextField
            label="Location"
            value={form.location}
            onChange={(e) => set("location", e.target.value)}
            error={fieldErrors.location}
          />
          <TextField
            label="Employee id"
            value={form.employeeId}
            onChange={(e) => set("employeeId", e.target.value)}
            error={fieldErrors.employeeId}
            optional
          />
          <TextField
            label="Hire date"
            type="date"
            value={form.hireDate}
            onChange={(e) => set("hireDate", e.target.value)}
            error={fieldErrors.hireDate}
            optional
          />
        </div>
        <PersonPicker
          legend="Manager"
          value={manager}
          onChange={(p) =>
            setManager(p ? { ...p, title: p.title ?? "", department: p.department ?? "" } : null)
          }
          excludeIds={[person.id]}
          error={fieldErrors.managerId}
          emptyText="No manager"
          searchLabel="Find the new manager"
          chooseSuffix=" as manager"
        />
        <Checkbox
          label="Active"
          hint="Inactive people cannot sign in and do not appear in teams."
          checked={form.active}
          onChange={(e) => set("active", e.target.checked)}
        />
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={!dirty}>
            Save changes
          </Button>
          {dirty ? (
            <Button
              variant="ghost"
              onClick={() => {
                setForm(initial);
                setManager(data.manager);
                save.reset();
              }}
            >
              Undo changes
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
