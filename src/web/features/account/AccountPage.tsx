import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { formatDate, hrScopeText, roleName } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { ApiToken, NewApiToken } from "../../types";
import {
  Alert,
  Badge,
  Button,
  Card,
  DetailList,
  Input,
  LinkButton,
  Loading,
  PageHeader,
  Table,
  TBody,
  Td,
  TextField,
  THead,
  Th,
} from "../../ui";
import { CalendarFeedCard } from "../growth/CalendarFeedCard";
import { useSignedIn, useSignOut } from "../layout/session";
import { RecordExportCard } from "../record/RecordExportCard";
import { SessionsCard } from "./SessionsCard";
import { TwoFactorCard } from "./TwoFactorCard";

const tokensKey = ["tokens"] as const;

export function AccountPage() {
  useDocumentTitle("Your account");
  const me = useSignedIn();
  const signOut = useSignOut();
  return (
    <>
      <PageHeader
        title="Your account"
        actions={
          <>
            <LinkButton to={`/people/${me.person.id}`}>Your page</LinkButton>
            <Button variant="secondary" busy={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </>
        }
      />
      <div className="space-y-5">
        <Card title="You">
          <DetailList
            items={[
              { label: "Name", value: me.person.name },
              { label: "Email", value: me.person.email },
              {
                label: "Roles",
                value: (
                  <span className="flex flex-wrap gap-1">
                    {me.roles.map((r) => (
                      <Badge key={r} tone={r === "employee" ? "neutral" : "accent"}>
                        {roleName(r)}
                      </Badge>
                    ))}
                  </span>
                ),
              },
              ...(me.roles.includes("hr")
                ? [{ label: "HR scope", value: hrScopeText(me.hrScope) }]
                : []),
            ]}
          />
        </Card>
        <CalendarFeedCard />
        <TwoFactorCard />
        <SessionsCard />
        <RecordExportCard />
        <TokensCard />
      </div>
    </>
  );
}

function TokensCard() {
  const queryClient = useQueryClient();
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: () => api.get<{ items: ApiToken[] }>("/me/tokens"),
  });
  const [name, setName] = useState("");
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const create = useMutation({
    mutationFn: () => api.post<NewApiToken>("/me/tokens", { name: name.trim() }),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/me/tokens/${id}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate();
  };

  return (
    <Card
      title="API tokens"
      description="Personal tokens let scripts use the Headway API as you. Send one as “Authorization: Bearer …”. Revoke any you no longer use."
    >
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <TextField
          label="Token name"
          hint="Something to recognise it by later, such as “Nightly HR sync”."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldErrors.name}
          className="min-w-0 flex-1 basis-64"
          autoComplete="off"
        />
        <Button type="submit" busy={create.isPending} busyLabel="Creating…" className="mb-7">
          Create token
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

      <div className="mt-5">
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <p className="text-sm text-stone-600">You have no API tokens.</p>
        ) : (
          <div className="rounded-md border border-stone-200">
            <Table caption="Your API tokens">
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
                {tokens.data.items.map((t) => (
                  <tr key={t.id}>
                    <Td className="font-medium">{t.name}</Td>
                    <Td className="font-mono text-xs">{t.prefix}…</Td>
                    <Td className="whitespace-nowrap">{formatDate(t.createdAt)}</Td>
                    <Td>
                      {t.revokedAt ? (
                        <Badge>Revoked {formatDate(t.revokedAt)}</Badge>
                      ) : t.expiresAt && new Date(t.expiresAt) < new Date() ? (
                        <Badge tone="warning">Expired</Badge>
                      ) : (
                        <Badge tone="success">Active</Badge>
                      )}
                    </Td>
                    <Td className="text-right">
                      {t.revokedAt ? null : (
                        <Button
                          size="sm"
                          variant="danger"
                          busy={revoke.isPending && revoke.variables === t.id}
                          aria-label={`Revoke ${t.name}`}
                          onClick={() => {
                            if (
                              window.confirm(`Revoke “${t.name}”? Scripts using it stop working.`)
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
    </Card>
  );
}

function NewToken({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <Alert tone="success" className="mt-3" title={`Token “${token.name}” created`}>
      <p>Copy it now: it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <label htmlFor="new-token" className="sr-only">
          Your new token
        </label>
        <Input
          id="new-token"
          readOnly
          value={token.token}
          className="min-w-0 flex-1 basis-64 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          Copy
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p className="mt-1 min-h-5" aria-live="polite">
        {copied === "yes" ? "Copied to the clipboard." : null}
        {copied === "no" ? "Could not copy automatically; select the token and copy it." : null}
      </p>
    </Alert>
  );
}
