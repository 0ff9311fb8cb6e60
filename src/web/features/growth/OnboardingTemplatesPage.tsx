import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  cx,
  Field,
  Input,
  Loading,
  PageHeader,
  TextArea,
  TextField,
} from "../../ui";
import { templatesKey, useOnboardingTemplates } from "./growthApi";
import type { OnboardingTemplate, OnboardingTemplateList } from "./types";

// Onboarding templates: the stages a new hire's plan starts from. Admins and HR write them; a
// change applies to plans started afterwards, never to running ones.

type StageDraft = { key: number; day: string; title: string; success: string };
type Draft = { name: string; stages: StageDraft[] };

let nextKey = 1;
const draftOf = (t: OnboardingTemplate | null): Draft => ({
  name: t?.name ?? "",
  stages: (
    t?.stages ?? [
      { day: 30, title: "", success: [] },
      { day: 60, title: "", success: [] },
      { day: 90, title: "", success: [] },
    ]
  ).map((s) => ({
    key: nextKey++,
    day: String(s.day),
    title: s.title,
    success: s.success.join("\n"),
  })),
});

export function OnboardingTemplatesPage() {
  useDocumentTitle("Onboarding templates");
  const templates = useOnboardingTemplates();
  const [selected, setSelected] = useState<string | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (templates.isPending) return <Loading />;
  if (templates.isError)
    return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;
  const { items, abilities } = templates.data;
  const current =
    selected === "new" ? null : (items.find((t) => t.id === selected) ?? items[0] ?? null);
  return (
    <>
      <PageHeader
        title="Onboarding templates"
        description="The stages a new hire's 30/60/90-day plan starts from, and what success looks like at each. A manager or HR picks one when starting a plan; changing a template changes plans started afterwards, never running ones."
        actions={
          abilities.manage ? (
            <Button
              variant="secondary"
              onClick={() => {
                setSelected("new");
                setNotice(null);
              }}
            >
              New template
            </Button>
          ) : undefined
        }
      />
      <div aria-live="polite">
        {notice ? (
          <Alert tone="success" className="mb-5">
            {notice}
          </Alert>
        ) : null}
      </div>
      {!abilities.manage ? (
        <Alert tone="info" className="mb-5">
          Only admins and HR can change onboarding templates.
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card title="Templates" padded={false}>
          <ul className="divide-y divide-stone-100">
            {items.map((t) => {
              const isCurrent = selected !== "new" && current?.id === t.id;
              return (
                <li key={t.id}>
                  <button
                    type="button"
                    aria-current={isCurrent ? "true" : undefined}
                    onClick={() => {
                      setSelected(t.id);
                      setNotice(null);
                    }}
                    className={cx(
                      "block w-full px-4 py-3 text-left text-sm hover:bg-stone-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-teal-700 sm:px-5",
                      isCurrent ? "bg-teal-50" : undefined,
                    )}
                  >
                    <span className="flex flex-wrap items-center gap-2 font-medium text-stone-900">
                      {t.name}
                      {t.isDefault ? <Badge tone="accent">Default</Badge> : null}
                    </span>
                    <span className="text-stone-600">
                      {t.stages.length} {t.stages.length === 1 ? "stage" : "stages"}:{" "}
                      {t.stages.map((s) => `day ${s.day}`).join(", ")}
                    </span>
                  </button>
                </li>
              );
            })}
            {selected === "new" ? (
              <li className="bg-teal-50 px-4 py-3 text-sm font-medium text-stone-900 sm:px-5">
                New template (not saved yet)
              </li>
            ) : null}
          </ul>
        </Card>
        <div className="lg:col-span-2">
          {abilities.manage ? (
            <TemplateEditor
              key={current?.id ?? "new"}
              template={selected === "new" ? null : current}
              onSaved={(t) => {
                setSelected(t.id);
                setNotice(`Saved “${t.name}”. Onboarding plans started from now on use it.`);
              }}
              onCancelNew={() => setSelected(null)}
            />
          ) : current ? (
            <TemplateView template={current} />
          ) : null}
        </div>
      </div>
    </>
  );
}

function TemplateView({ template }: { template: OnboardingTemplate }) {
  return (
    <Card title={template.name}>
      <ol className="space-y-4">
        {template.stages.map((s) => (
          <li key={s.day}>
            <p className="text-sm font-semibold text-stone-900">
              Day {s.day} · {s.title}
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-stone-700">
              {s.success.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function TemplateEditor({
  template,
  onSaved,
  onCancelNew,
}: {
  template: OnboardingTemplate | null;
  onSaved: (t: OnboardingTemplate) => void;
  onCancelNew: () => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: {
      name: string;
      stages: { day: number; title: string; success: string[] }[];
    }) =>
      template
        ? api.patch<OnboardingTemplate>(`/onboarding-templates/${template.id}`, body)
        : api.post<OnboardingTemplate>("/onboarding-templates", body),
    onSuccess: (t) => {
      // In the list at once, so the editor stays on it while the list reloads.
      queryClient.setQueryData<OnboardingTemplateList>(templatesKey, (old) =>
        old
          ? {
              ...old,
              items: old.items.some((x) => x.id === t.id)
                ? old.items.map((x) => (x.id === t.id ? t : x))
                : [...old.items, t],
            }
          : old,
      );
      void queryClient.invalidateQueries({ queryKey: templatesKey });
      onSaved(t);
    },
  });
  const server = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const err = (path: string) =>
    problems[path] ??
    server[path] ??
    Object.entries(server).find(([k]) => k.startsWith(`${path}.`))?.[1] ??
    null;
  const setStage = (key: number, patch: Partial<StageDraft>) => {
    setDraft((d) => ({
      ...d,
      stages: d.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)),
    }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!draft.name.trim()) found.name = "Name the template.";
    if (draft.stages.length === 0) found.stages = "Add at least one stage.";
    const stages = draft.stages.map((s, i) => {
      const day = Number(s.day);
      if (!Number.isInteger(day) || day < 1 || day > 365)
        found[`stages.${i}.day`] = "Use a whole day from 1 to 365 after the start.";
      if (!s.title.trim()) found[`stages.${i}.title`] = "Name the stage.";
      return {
        day,
        title: s.title.trim(),
        success: s.success
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      };
    });
    setProblems(found);
    if (Object.keys(found).length) return;
    save.mutate({ name: draft.name.trim(), stages });
  };
  return (
    <Card
      title={template ? `Edit “${template.name}”` : "A new template"}
      description={
        template
          ? `Last changed ${formatDate(template.updatedAt)}${template.createdBy ? ` · written by ${template.createdBy.name}` : ""}. Plans already started keep their stages.`
          : "Stages come in order of their day after the start. Up to 10 stages."
      }
    >
      <form onSubmit={submit} noValidate className="space-y-5" aria-label="Onboarding template">
        <TextField
          label="Name"
          value={draft.name}
          maxLength={200}
          error={err("name")}
          onChange={(e) => {
            setDraft((d) => ({ ...d, name: e.target.value }));
          }}
        />
        <ol className="space-y-4">
          {draft.stages.map((s, i) => (
            <li key={s.key} className="rounded-md border border-stone-200 p-3">
              <fieldset className="space-y-3">
                <legend className="text-sm font-semibold text-stone-900">Stage {i + 1}</legend>
                <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
                  <Field label="Day" hint="After the start" error={err(`stages.${i}.day`)}>
                    {(p) => (
                      <Input
                        {...p}
                        type="number"
                        min={1}
                        max={365}
                        value={s.day}
                        onChange={(e) => setStage(s.key, { day: e.target.value })}
                      />
                    )}
                  </Field>
                  <TextField
                    label="Title"
                    value={s.title}
                    maxLength={200}
                    error={err(`stages.${i}.title`)}
                    onChange={(e) => setStage(s.key, { title: e.target.value })}
                  />
                </div>
                <Field
                  label="What success looks like"
                  hint="One point per line, up to 20."
                  error={err(`stages.${i}.success`)}
                >
                  {(p) => (
                    <TextArea
                      {...p}
                      rows={4}
                      value={s.success}
                      onChange={(e) => setStage(s.key, { success: e.target.value })}
                    />
                  )}
                </Field>
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={draft.stages.length <= 1}
                  onClick={() => {
                    setDraft((d) => ({ ...d, stages: d.stages.filter((x) => x.key !== s.key) }));
                  }}
                >
                  Remove stage {i + 1}
                </Button>
              </fieldset>
            </li>
          ))}
        </ol>
        {err("stages") ? <p className="text-sm font-medium text-red-700">{err("stages")}</p> : null}
        <Button
          variant="secondary"
          size="sm"
          disabled={draft.stages.length >= 10}
          onClick={() => {
            const last = Number(draft.stages.at(-1)?.day) || 0;
            setDraft((d) => ({
              ...d,
              stages: [
                ...d.stages,
                { key: nextKey++, day: String(Math.min(365, last + 30)), title: "", success: "" },
              ],
            }));
          }}
        >
          Add a stage
        </Button>
        {save.isError && !Object.keys(server).length ? (
          <Alert tone="error">{messageOf(save.error)}</Alert>
        ) : null}
        {Object.keys(problems).length || Object.keys(server).length ? (
          <Alert tone="error">Some fields need a look: see the messages above.</Alert>
        ) : null}
        <div className="flex flex-wrap items-center gap-3 border-t border-stone-100 pt-4">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            {template ? "Save changes" : "Create the template"}
          </Button>
          {!template ? (
            <Button variant="ghost" onClick={onCancelNew}>
              Cancel
            </Button>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
