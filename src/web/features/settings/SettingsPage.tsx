import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { InvitationsSent, OrgSettings } from "../../types";
import {
  Alert,
  Button,
  buttonClass,
  Card,
  Checkbox,
  DetailList,
  Loading,
  PageHeader,
  TextField,
} from "../../ui";
import { InsightSettingsPanel } from "../insight/InsightSettingsPanel";
import { NotAvailable } from "../layout/NotFoundPage";
import { useSignedIn } from "../layout/session";
import { ImportPanel } from "./ImportPanel";
import { ProvisioningPanel } from "./ProvisioningPanel";
import { RetentionPanel } from "./RetentionPanel";
import { ReviewPolicyPanel } from "./ReviewPolicyPanel";
import { SealingPanel } from "./SealingPanel";
import { SignInPanel } from "./SignInPanel";

export const settingsKey = ["settings"] as const;

export function SettingsPage() {
  useDocumentTitle("Settings");
  const me = useSignedIn();
  const a = me.abilities;
  const location = useLocation();

  // Links such as /settings#import land on the section, after it has rendered.
  useEffect(() => {
    if (!location.hash) return;
    const t = setTimeout(
      () => document.getElementById(location.hash.slice(1))?.scrollIntoView(),
      50,
    );
    return () => clearTimeout(t);
  }, [location.hash]);

  if (
    !a["org.view_settings"] &&
    !a["org.import"] &&
    !a["org.manage_retention"] &&
    !a["org.manage_sealing"]
  )
    return <NotAvailable title="Settings" />;
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organisation, its people, how they get their accounts, and how success plans are reviewed."
      />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5">
          {a["org.import"] ? <ImportPanel /> : null}
          {a["org.view_settings"] ? (
            <ReviewPolicyPanel canEdit={Boolean(a["org.update_review_policy"])} />
          ) : null}
          {a["org.manage_sign_in"] ? <SignInPanel /> : null}
          {a["org.manage_provisioning"] ? <ProvisioningPanel /> : null}
          {a["org.manage_retention"] ? <RetentionPanel /> : null}
          {a["org.manage_sealing"] ? <SealingPanel /> : null}
          {a["org.manage_insight"] ? <InsightSettingsPanel /> : null}
        </div>
        <div className="space-y-5">
          {a["org.view_settings"] ? (
            <OrganisationCard canEdit={Boolean(a["org.update_settings"])} />
          ) : null}
          {a["org.invite"] ? <InviteCard canSeeOutbox={Boolean(a["mail.view_outbox"])} /> : null}
          {a["org.export"] ? (
            <Card title="Export" level={2}>
              <p className="text-sm text-stone-600">
                Everyone in the organisation as a CSV in the import format: edit it in a spreadsheet
                and import it back.
              </p>
              <a
                href="/api/v1/exports/people.csv"
                download="people.csv"
                className={buttonClass({ variant: "secondary", className: "mt-3" })}
              >
                Download people.csv
              </a>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}

function OrganisationCard({ canEdit }: { canEdit: boolean }) {
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => api.get<OrgSettings>("/org/settings"),
  });
  return (
    <Card title="Organisation">
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : canEdit ? (
        <SettingsForm key={JSON.stringify(settings.data)} initial={settings.data} />
      ) : (
        <>
          <DetailList
            items={[
              { label: "Name", value: settings.data.name },
              {
                label: "Skip-level reports",
                value: settings.data.skipLevelVisible
                  ? "Managers see the records of people further down their line"
                  : "Managers see only their direct reports",
              },
            ]}
          />
          <p className="mt-4 text-sm text-stone-600">Only admins can change these settings.</p>
        </>
      )}
    </Card>
  );
}

function SettingsForm({ initial }: { initial: OrgSettings }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial.name);
  const [skipLevelVisible, setSkipLevelVisible] = useState(initial.skipLevelVisible);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api.patch<OrgSettings>("/org/settings", { name: name.trim(), skipLevelVisible }),
    onSuccess: (data) => {
      queryClient.setQueryData(settingsKey, data);
      void queryClient.invalidateQueries({ queryKey: ["team"] });
      void queryClient.invalidateQueries({ queryKey: ["me"] });
      setSaved(true);
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const dirty = name.trim() !== initial.name || skipLevelVisible !== initial.skipLevelVisible;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      {save.isError && !Object.keys(fieldErrors).length ? (
        <Alert tone="error">{messageOf(save.error)}</Alert>
      ) : null}
      <TextField
        label="Organisation name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldErrors.name}
        hint="Shown in invitations and emails."
        required
      />
      <Checkbox
        label="Managers see their skip-level reports"
        hint="Managers of managers can read the records of the people further down their line."
        checked={skipLevelVisible}
        onChange={(e) => setSkipLevelVisible(e.target.checked)}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={!dirty}>
          Save settings
        </Button>
        <p aria-live="polite" className="text-sm text-green-800">
          {saved && !dirty ? "Saved." : ""}
        </p>
      </div>
    </form>
  );
}

export function InviteCard({ canSeeOutbox }: { canSeeOutbox: boolean }) {
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: () => api.post<InvitationsSent>("/invitations"),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["outbox"] });
      void queryClient.invalidateQueries({ queryKey: ["audit"] });
      void queryClient.invalidateQueries({ queryKey: ["home"] });
    },
  });
  return (
    <Card title="Invitations">
      <p className="text-sm text-stone-600">
        Email a link to choose a password to everyone who does not have one yet. Sending again gives
        them a fresh link.
      </p>
      <Button
        className="mt-3"
        busy={invite.isPending}
        busyLabel="Sending…"
        onClick={() => invite.mutate()}
      >
        Invite everyone without an account
      </Button>
      <div aria-live="polite" className="mt-3">
        {invite.isSuccess ? (
          <Alert tone="success">
            {invite.data.invited === 0
              ? "Everyone already has an account. No invitations were needed."
              : `${invite.data.invited} ${invite.data.invited === 1 ? "invitation" : "invitations"} sent.`}
            {canSeeOutbox && invite.data.invited > 0 ? (
              <>
                {" "}
                <Link to="/outbox" className="font-medium underline underline-offset-2">
                  Open the outbox
                </Link>
              </>
            ) : null}
          </Alert>
        ) : null}
        {invite.isError ? <Alert tone="error">{messageOf(invite.error)}</Alert> : null}
      </div>
    </Card>
  );
}
