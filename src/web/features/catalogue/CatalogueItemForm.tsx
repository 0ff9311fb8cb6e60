import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ApiError, api, messageOf } from "../../api";
import type { CauseKind } from "../../types";
import { Alert, Button, Checkbox, Dialog, Field, Select, TextArea, TextField } from "../../ui";
import { causeLabel } from "../plans/labels";
import { catalogueKey, formatOptions, kindOptions } from "./catalogueApi";
import type { CatalogueFormat, CatalogueItem, CatalogueItemInput, CatalogueKind } from "./types";

const causes = Object.keys(causeLabel) as CauseKind[];

type Draft = {
  kind: CatalogueKind;
  title: string;
  provider: string;
  link: string;
  description: string;
  durationHours: string;
  format: CatalogueFormat;
  skills: string;
  causes: string[];
};

const emptyDraft: Draft = {
  kind: "course",
  title: "",
  provider: "",
  link: "",
  description: "",
  durationHours: "",
  format: "online",
  skills: "",
  causes: [],
};

const draftOf = (item: CatalogueItem): Draft => ({
  kind: item.kind,
  title: item.title,
  provider: item.provider,
  link: item.link,
  description: item.description,
  durationHours: item.durationHours === null ? "" : String(item.durationHours),
  format: item.format,
  skills: item.skills.join(", "),
  causes: item.causes,
});

function inputOf(d: Draft): CatalogueItemInput | { error: string } {
  const hours = d.durationHours.trim().replace(",", ".");
  const durationHours = hours === "" ? null : Number(hours);
  if (durationHours !== null && !Number.isFinite(durationHours))
    return { error: "Write the duration as a number of hours, like 6 or 1.5." };
  return {
    kind: d.kind,
    title: d.title,
    provider: d.provider,
    link: d.link,
    description: d.description,
    durationHours,
    format: d.format,
    skills: d.skills
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean),
    causes: d.causes,
  };
}

/**
 * Adds a resource to the catalogue, or edits one (with its version, so a change made meanwhile
 * by someone else is reported instead of overwritten). Field errors come from the server.
 */
export function CatalogueItemForm({
  open,
  onClose,
  item,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  item?: CatalogueItem;
  onSaved?: (item: CatalogueItem) => void;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(item ? draftOf(item) : emptyDraft);
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (input: CatalogueItemInput) =>
      item
        ? api.put<CatalogueItem>(`/catalogue/items/${encodeURIComponent(item.id)}`, {
            ...input,
            version: item.version,
          })
        : api.post<CatalogueItem>("/catalogue/items", input),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: catalogueKey });
      if (!item) setDraft(emptyDraft);
      onSaved?.(saved);
      onClose();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = inputOf(draft);
    if ("error" in input) {
      setLocalError(input.error);
      return;
    }
    setLocalError(null);
    save.mutate(input);
  };

  const close = () => {
    save.reset();
    setLocalError(null);
    if (item) setDraft(draftOf(item));
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={item ? `Edit “${item.title}”` : "Add a resource"}
      description="Managers find it when they resource a plan goal or a growth goal: tag it with the skills it builds and the root causes it usually fits."
      className="max-w-2xl"
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Kind" error={errors.kind}>
            {(p) => (
              <Select
                {...p}
                value={draft.kind}
                onChange={(e) => set("kind", e.target.value as CatalogueKind)}
              >
                {kindOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Format" error={errors.format}>
            {(p) => (
              <Select
                {...p}
                value={draft.format}
                onChange={(e) => set("format", e.target.value as CatalogueFormat)}
              >
                {formatOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <TextField
          label="Title"
          required
          value={draft.title}
          onChange={(e) => set("title", e.target.value)}
          error={errors.title}
          maxLength={200}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Provider"
            optional
            value={draft.provider}
            onChange={(e) => set("provider", e.target.value)}
            error={errors.provider}
          />
          <TextField
            label="Duration in hours"
            optional
            inputMode="decimal"
            value={draft.durationHours}
            onChange={(e) => set("durationHours", e.target.value)}
            error={errors.durationHours ?? localError}
          />
        </div>
        <TextField
          label="Link"
          optional
          type="url"
          hint="A web address starting with https:// or http://. Leave it empty for something with no page."
          value={draft.link}
          onChange={(e) => set("link", e.target.value)}
          error={errors.link}
        />
        <Field label="Description" optional error={errors.description}>
          {(p) => (
            <TextArea
              {...p}
              rows={3}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
            />
          )}
        </Field>
        <TextField
          label="Skills"
          optional
          hint="Separate skills with commas, e.g. sql, negotiation. Up to 20."
          value={draft.skills}
          onChange={(e) => set("skills", e.target.value)}
          error={errors.skills}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-stone-800">
            Root causes it usually fits{" "}
            <span className="font-normal text-stone-500">(optional)</span>
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {causes.map((c) => (
              <Checkbox
                key={c}
                label={causeLabel[c]}
                checked={draft.causes.includes(c)}
                onChange={(e) =>
                  set(
                    "causes",
                    e.target.checked ? [...draft.causes, c] : draft.causes.filter((x) => x !== c),
                  )
                }
              />
            ))}
          </div>
          {errors.causes ? (
            <p className="text-sm font-medium text-red-700">{errors.causes}</p>
          ) : null}
        </fieldset>
        {save.isError ? <Alert tone="error">{messageOf(save.error)}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            {item ? "Save changes" : "Add resource"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
