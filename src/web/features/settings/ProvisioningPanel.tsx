import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JSONParsed } from "hono/utils/types";
import { type FormEvent, useState } from "react";
import type {
  createScimToken,
  getProvisioning,
  mapGroup,
} from "../../../modules/scim/scim.service";
import type { ScimRole } from "../../../modules/scim/scim.types";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, formatDateTime, hrScopeText, roleName } from "../../lib/format";
import { QueryError } from "../../lib/QueryError";
import type { Department } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Dialog,
  EmptyState,
  Input,
  Loading,
  Radio,
  Table,
  TBody,
  Td,
  TextField,
  THead,
  Th,
} from "../../ui";

// Provisioning from an identity provider over SCIM 2.0: where to point it, the tokens it uses,
// which of its groups give which role, and what it did lately. For admins.

type Wire<F extends (...args: never[]) => unknown> = JSONParsed<Awaited<ReturnType<F>>>;
type Provisioning = Wire<typeof getProvisioning>;
type ScimToken = Provisioning["tokens"][number];
type ScimGroup = Provisioning["groups"][number];
type NewScimToken = Wire<typeof createScimToken>;
type GroupMapping = Wire<typeof mapGroup>;

const provisioningKey = ["provisioning"] as const;

const roleChoices: { value: ScimRole | null; label: string; hint: string }[] = [
  {
    value: null,
    label: "No role",
    hint: "Members are ordinary employees (and managers, if they have reports).",
  },
  {
    value: "hr",
    label: "HR partner",
    hint: "Members see and edit records within the HR scope below; they review plans.",
  },
  {
    value: "ld",
    label: "L&D",
    hint: "Members see aggregate insight and look after learning resources.",
  },
  {
    value: "admin",
    label: "Admin",
    hint: "Members configure the organisation, its people and its integrations.",
  },
];

export function ProvisioningPanel(_props: Record<string, never>) {
  const provisioning = useQuery({
    queryKey: provisioningKey,
    queryFn: () => api.get<Provisioning>("/settings/provisioning"),
  });
  return (
    <section id="provisioning" aria-label="Provisioning" className="scroll-mt-4">
      <Card
        title="Provisioning (SCIM)"
        description="Let your identity provider (Okta, Microsoft Entra ID, …) create, update and deactivate people, their reporting lines, and the groups that give HR, L&D and admin roles."
      >
        {provisioning.isPending ? (
          <Loading />
        ) : provisioning.isError ? (
          <QueryError error={provisioning.error} onRetry={() => void provisioning.refetch()} />
        ) : (
          <div className="space-y-8">
            <Connection baseUrl={provisioning.data.baseUrl} />
            <Tokens tokens={provisioning.data.tokens} />
            <Groups groups={provisioning.data.groups} />
            <Activity activity={provisioning.data.activity} />
          </div>
        )}
      </Card>
    </section>
  );
}

function useCopy() {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  const message =
    copied === "yes"
      ? "Copied to the clipboard."
      : copied === "no"
        ? "Could not copy automatically; select the text and copy it."
        : null;
  return { copy, message };
}

function Connection({ baseUrl }: { baseUrl: string }) {
  const { copy, message } = useCopy();
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-900">1. Point your identity provider here</h3>
      <p className="mt-1 text-sm text-stone-600">
        In the provider's SCIM app, use this base URL with “Bearer token” authentication, then paste
        a SCIM token from step 2. Map the user attributes userName (the work email), name,
        displayName, title, active and externalId, and from the enterprise extension department,
        employeeNumber and manager.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <label htmlFor="scim-base-url" className="sr-only">
          SCIM base URL
        </label>
        <Input
          id="scim-base-url"
          readOnly
          value={baseUrl}
          className="min-w-0 flex-1 basis-64 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy(baseUrl)}>
          Copy URL
        </Button>
      </div>
      <p className="mt-1 min-h-5 text-sm" aria-live="polite">
        {message}
      </p>
    </div>
  );
}

function Tokens({ tokens }: { tokens: ScimToken[] }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<NewScimToken | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post<NewScimToken>("/settings/provisioning/tokens", { name: name.trim() }),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/settings/provisioning/tokens/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: provisioningKey }),
  });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-900">2. Give it a SCIM token</h3>
      <p className="mt-1 text-sm text-stone-600">
        A SCIM token may only provision people: it cannot sign in or call the rest of the API. It
        works while the admin who created it is an active admin; deactivating that admin revokes it.
      </p>
      <form onSubmit={submit} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <TextField
          label="Token name"
          hint="The identity provider that will use it, such as “Okta”."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
          className="min-w-0 flex-1 basis-64"
          autoComplete="off"
        />
        <Button type="submit" busy={create.isPending} busyLabel="Creating…" className="mb-7">
          Create SCIM token
        </Button>
      </form>
      <div aria-live="polite">
        {create.isError && !Object.keys(fieldErrors).length ? (
          <Alert tone="error" className="mt-3">
            {messageOf(create.error)}
          </Alert>
        ) : null}
        {created ? <NewToken token={created} onDone={() => setCreated(null)} /> : null}
        {revoke.isError ? (
          <Alert tone="error" className="mt-3">
            {messageOf(revoke.error)}
          </Alert>
        ) : null}
      </div>
      {tokens.length === 0 ? (
        <p className="mt-4 text-sm text-stone-600">
          No SCIM tokens yet. Create one above and paste it into your identity provider.
        </p>
      ) : (
        <div className="mt-4 rounded-md border border-stone-200">
          <Table caption="SCIM tokens">
            <THead>
              <tr>
                <Th>Name</Th>
                <Th>Starts with</Th>
                <Th>Created</Th>
                <Th>Status</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td className="whitespace-nowrap">
                    {formatDate(t.createdAt)}
                    <span className="block text-xs text-stone-500">by {t.createdBy}</span>
                  </Td>
                  <Td>
                    <TokenStatus token={t} />
                  </Td>
                  <Td className="text-right">
                    {t.status === "revoked" ? null : (
                      <Button
                        size="sm"
                        variant="danger"
                        busy={revoke.isPending && revoke.variables === t.id}
                        aria-label={`Revoke ${t.name}`}
                        onClick={() => {
                          if (
                            window.confirm(
                              `Revoke “${t.name}”? The identity provider using it can no longer provision people.`,
                            )
                          )
                            revoke.mutate(t.id);
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </div>
  );
}

function TokenStatus({ token }: { token: ScimToken }) {
  switch (token.status) {
    case "revoked":
      return <Badge>Revoked {formatDate(token.revokedAt)}</Badge>;
    case "expired":
      return <Badge tone="warning">Expired</Badge>;
    case "owner_inactive":
      return (
        <span className="flex flex-col gap-1">
          <Badge tone="warning">Not working</Badge>
          <span className="text-xs text-stone-600">
            {token.createdBy} is no longer an active admin. Create a new token.
          </span>
        </span>
      );
    default:
      return <Badge tone="success">Active</Badge>;
  }
}

function NewToken({ token, onDone }: { token: NewScimToken; onDone: () => void }) {
  const { copy, message } = useCopy();
  return (
    <Alert tone="success" className="mt-3" title={`SCIM token “${token.name}” created`}>
      <p>Copy it now and paste it into your identity provider: it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <label htmlFor="new-scim-token" className="sr-only">
          Your new SCIM token
        </label>
        <Input
          id="new-scim-token"
          readOnly
          value={token.token}
          className="min-w-0 flex-1 basis-64 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy(token.token)}>
          Copy
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p className="mt-1 min-h-5" aria-live="polite">
        {message}
      </p>
    </Alert>
  );
}

function roleText(group: ScimGroup) {
  if (!group.role) return null;
  if (group.role !== "hr") return roleName(group.role);
  return `${roleName("hr")} · ${hrScopeText({
    all: group.departments.length === 0,
    departments: group.departments,
  })}`;
}

function Groups({ groups }: { groups: ScimGroup[] }) {
  const [editing, setEditing] = useState<ScimGroup | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-900">3. Turn groups into roles</h3>
      <p className="mt-1 text-sm text-stone-600">
        Members of a group mapped to a role get it as soon as they join and lose it when they leave.
        A role someone already had, granted on their page, stays when they leave the group. An HR
        group covers the whole organisation unless you choose departments.
      </p>
      <p className="mt-2 min-h-5 text-sm text-green-800" aria-live="polite">
        {saved}
      </p>
      {groups.length === 0 ? (
        <EmptyState title="No groups pushed yet" className="mt-2">
          Assign groups to the Headway app in your identity provider and push them. They appear here
          after the next sync, ready to be mapped to a role.
        </EmptyState>
      ) : (
        <div className="mt-2 rounded-md border border-stone-200">
          <Table caption="Groups pushed by the identity provider">
            <THead>
              <tr>
                <Th>Group</Th>
                <Th>Members</Th>
                <Th>Gives</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </THead>
            <TBody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <Td className="font-medium">{g.displayName}</Td>
                  <Td>{g.members}</Td>
                  <Td>
                    {roleText(g) ? (
                      <Badge tone="accent">{roleText(g)}</Badge>
                    ) : (
                      <span className="text-stone-500">No role</span>
                    )}
                  </Td>
                  <Td className="text-right">
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-label={`Change the role of ${g.displayName}`}
                      onClick={() => {
                        setSaved(null);
                        setEditing(g);
                      }}
                    >
                      Change role
                    </Button>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `Role for “${editing.displayName}”` : "Role"}
        description={
          editing
            ? `${editing.members} ${editing.members === 1 ? "member" : "members"}. The change applies to them at once.`
            : undefined
        }
      >
        {editing ? (
          <MappingForm
            key={editing.id}
            group={editing}
            onCancel={() => setEditing(null)}
            onSaved={(g) => {
              setEditing(null);
              setSaved(`Saved: “${g.displayName}” gives ${roleText(g) ?? "no role"}.`);
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

function MappingForm({
  group,
  onCancel,
  onSaved,
}: {
  group: ScimGroup;
  onCancel: () => void;
  onSaved: (group: GroupMapping) => void;
}) {
  const queryClient = useQueryClient();
  const [role, setRole] = useState<ScimRole | null>(group.role);
  const [scopeAll, setScopeAll] = useState(group.departments.length === 0);
  const [departments, setDepartments] = useState<string[]>(group.departments);
  const known = useQuery({
    queryKey: ["departments"],
    queryFn: () => api.get<{ items: Department[] }>("/departments"),
    enabled: role === "hr",
  });
  const names = [
    ...new Set([...(known.data?.items.map((d) => d.name).filter(Boolean) ?? []), ...departments]),
  ].sort();
  const save = useMutation({
    mutationFn: () =>
      api.put<GroupMapping>(`/settings/provisioning/groups/${group.id}`, {
        role,
        departments: role === "hr" && !scopeAll ? departments : [],
      }),
    onSuccess: (g) => {
      void queryClient.invalidateQueries({ queryKey: provisioningKey });
      void queryClient.invalidateQueries({ queryKey: ["person"] });
      onSaved(g);
    },
  });
  const scopeMissing = role === "hr" && !scopeAll && departments.length === 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!scopeMissing) save.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-5">
      {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-semibold text-stone-800">Members get</legend>
        {roleChoices.map((choice) => (
          <Radio
            key={choice.value ?? "none"}
            name="scim-group-role"
            label={choice.label}
            hint={choice.hint}
            checked={role === choice.value}
            onChange={() => setRole(choice.value)}
          />
        ))}
      </fieldset>
      {role === "hr" ? (
        <fieldset className="space-y-3 rounded-md border border-stone-200 p-4">
          <legend className="px-1 text-sm font-semibold text-stone-800">HR scope</legend>
          <Radio
            name="scim-hr-scope"
            label="The whole organisation"
            checked={scopeAll}
            onChange={() => setScopeAll(true)}
          />
          <Radio
            name="scim-hr-scope"
            label="Only some departments"
            checked={!scopeAll}
            onChange={() => setScopeAll(false)}
          />
          {!scopeAll ? (
            <fieldset className="ml-7 max-h-56 space-y-2 overflow-y-auto">
              <legend className="sr-only">Departments in scope</legend>
              {known.isPending ? (
                <Loading />
              ) : names.length === 0 ? (
                <p className="text-sm text-stone-600">
                  No departments yet. They come with the people your identity provider pushes.
                </p>
              ) : (
                names.map((d) => (
                  <Checkbox
                    key={d}
                    label={d}
                    checked={departments.includes(d)}
                    onChange={(e) =>
                      setDepartments((list) =>
                        e.target.checked ? [...new Set([...list, d])] : list.filter((x) => x !== d),
                      )
                    }
                  />
                ))
              )}
            </fieldset>
          ) : null}
          {scopeMissing ? (
            <p className="text-sm text-amber-800">
              Choose at least one department, or the whole organisation.
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={scopeMissing}>
          Save
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function Activity({ activity }: { activity: Provisioning["activity"] }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-stone-900">Latest provisioning activity</h3>
      {activity.length === 0 ? (
        <p className="mt-1 text-sm text-stone-600">
          Nothing yet. Once your identity provider syncs, each user and group it changes is listed
          here (the full history is in the audit trail).
        </p>
      ) : (
        <ol className="mt-2 divide-y divide-stone-100 rounded-md border border-stone-200">
          {activity.map((a) => (
            <li
              key={a.id}
              className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-2 text-sm"
            >
              <time dateTime={a.at} className="w-40 shrink-0 text-stone-500">
                {formatDateTime(a.at)}
              </time>
              <span className="font-medium text-stone-900">{a.label}</span>
              {a.subject ? <span className="text-stone-700">{a.subject}</span> : null}
              {a.by !== "scim" ? <span className="text-stone-500">by {a.by}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
