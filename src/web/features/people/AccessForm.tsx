import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { GrantedRole } from "../../../access/access.types";
import { api, messageOf } from "../../api";
import { meKey } from "../../lib/hooks";
import type { Department, PersonCard, PersonRecord } from "../../types";
import { Alert, Button, Card, Checkbox, Radio } from "../../ui";

/** Every role an admin can grant, with what it means (a missing role fails to compile). */
const grantable: Record<GrantedRole, { label: string; hint: string }> = {
  admin: {
    label: "Admin",
    hint: "Configures the organisation: settings, import, invitations, who may do what.",
  },
  hr: {
    label: "HR partner",
    hint: "Sees and edits people's records within their HR scope; reviews plans.",
  },
  ld: { label: "L&D", hint: "Sees aggregate insight and looks after learning resources." },
};
const grantableRoles = Object.keys(grantable) as GrantedRole[];

export function AccessForm({
  personId,
  name,
  record,
  onSaved,
}: {
  personId: string;
  name: string;
  record: PersonRecord;
  onSaved: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<GrantedRole[]>(
    grantableRoles.filter((r) => record.roles.includes(r)),
  );
  const [scopeAll, setScopeAll] = useState(record.hrScope.all);
  const [scopeDepartments, setScopeDepartments] = useState<string[]>(record.hrScope.departments);
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: () => api.get<{ items: Department[] }>("/departments"),
  });
  const isHr = roles.includes("hr");
  const departmentNames = [
    ...new Set([
      ...(departments.data?.items.map((d) => d.name).filter(Boolean) ?? []),
      ...scopeDepartments,
    ]),
  ].sort();

  const save = useMutation({
    mutationFn: () =>
      api.put<PersonCard>(`/people/${personId}/access`, {
        roles,
        hrScopeAll: isHr && scopeAll,
        hrScopeDepartments: isHr && !scopeAll ? scopeDepartments : [],
      }),
    onSuccess: async () => {
      onSaved(`Access for ${name} saved.`);
      await queryClient.invalidateQueries({ queryKey: ["person", personId] });
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });

  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...new Set([...list, item])] : list.filter((x) => x !== item);

  const scopeMissing = isHr && !scopeAll && scopeDepartments.length === 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Card
      title="Access"
      description="Everyone is an employee; managers are whoever has reports. Grant the other roles here."
    >
      <form onSubmit={submit} className="space-y-5">
        {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
        <fieldset className="space-y-3">
          <legend className="mb-2 text-sm font-semibold text-stone-800">Roles</legend>
          {grantableRoles.map((role) => (
            <Checkbox
              key={role}
              name="roles"
              value={role}
              label={grantable[role].label}
              hint={grantable[role].hint}
              checked={roles.includes(role)}
              onChange={(e) => setRoles((r) => toggle(r, role, e.target.checked))}
            />
          ))}
        </fieldset>
        {isHr ? (
          <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
            <legend className="px-1 text-sm font-semibold text-stone-800">HR scope</legend>
            <Radio
              name="hr-scope"
              label="The whole organisation"
              checked={scopeAll}
              onChange={() => setScopeAll(true)}
            />
            <Radio
              name="hr-scope"
              label="Only some departments"
              checked={!scopeAll}
              onChange={() => setScopeAll(false)}
            />
            {!scopeAll ? (
              <fieldset className="ml-7 space-y-2">
                <legend className="sr-only">Departments in scope</legend>
                {departmentNames.length === 0 ? (
                  <p className="text-sm text-stone-600">
                    No departments yet. Import people with departments first.
                  </p>
                ) : (
                  departmentNames.map((d) => (
                    <Checkbox
                      key={d}
                      label={d}
                      checked={scopeDepartments.includes(d)}
                      onChange={(e) =>
                        setScopeDepartments((list) => toggle(list, d, e.target.checked))
                      }
                    />
                  ))
                )}
                {scopeMissing ? (
                  <p className="text-sm text-amber-800">
                    Choose at least one department, or {name} will see no one's records.
                  </p>
                ) : null}
              </fieldset>
            ) : null}
          </fieldset>
        ) : null}
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save access
        </Button>
      </form>
    </Card>
  );
}
