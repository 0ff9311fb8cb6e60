import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, api, messageOf } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import type { Team } from "../../types";
import { Alert, Button, Card, Field, Select, TextArea } from "../../ui";
import { useSignedIn } from "../layout/session";
import { PersonPicker, type PickedPerson } from "../people/PersonPicker";
import { feedbackApi, useFeedbackWrite } from "./feedbackApi";

/** Ask someone for feedback: about yourself, or (a manager) about one of your direct reports. */
export function RequestFeedbackPage() {
  useDocumentTitle("Request feedback");
  const me = useSignedIn();
  const navigate = useNavigate();
  const isManager = me.roles.includes("manager");
  const team = useQuery({
    queryKey: ["team"],
    queryFn: () => api.get<Team>("/team"),
    enabled: isManager,
  });
  const [asked, setAsked] = useState<PickedPerson | null>(null);
  const [aboutId, setAboutId] = useState(me.person.id);
  const [prompt, setPrompt] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const send = useFeedbackWrite(
    () =>
      feedbackApi.request({
        askedId: asked!.id,
        aboutId: aboutId === me.person.id ? undefined : aboutId,
        prompt: prompt.trim(),
      }),
    () => navigate("/feedback/requests"),
  );
  const fieldErrors = send.error instanceof ApiError ? send.error.fieldErrors() : {};
  const reports = team.data?.direct ?? [];

  return (
    <>
      <div className="mb-6">
        <p className="mb-1 text-sm text-stone-600">
          <Link
            to="/feedback/requests"
            className="text-teal-800 underline-offset-2 hover:underline"
          >
            Feedback
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight text-stone-900">Request feedback</h1>
        <p className="mt-1 max-w-prose text-sm text-stone-600">
          Ask a colleague or your manager what they have seen. They are told, and can answer with
          feedback or decline.
        </p>
      </div>
      <Card>
        <form
          aria-label="Request feedback"
          className="space-y-6"
          onSubmit={(e) => {
            e.preventDefault();
            if (!asked) {
              setMissing("Choose whom to ask.");
              return;
            }
            setMissing(null);
            send.mutate(undefined);
          }}
        >
          <PersonPicker
            legend="Whom to ask"
            value={asked}
            onChange={setAsked}
            excludeIds={[me.person.id, ...(aboutId === me.person.id ? [] : [aboutId])]}
            error={missing ?? fieldErrors.askedId}
            searchLabel="Find the person to ask"
            emptyText="No one chosen yet"
          />
          {isManager && reports.length ? (
            <Field
              label="About"
              hint="Managers can also gather feedback about a direct report, from someone who works with them."
              error={fieldErrors.aboutId}
            >
              {(p) => (
                <Select {...p} value={aboutId} onChange={(e) => setAboutId(e.target.value)}>
                  <option value={me.person.id}>Me</option>
                  {reports.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          ) : null}
          <Field
            label="What would you like feedback on?"
            optional
            hint="A project, a meeting, a skill you are working on. Specific questions get specific answers."
            error={fieldErrors.prompt}
          >
            {(p) => (
              <TextArea
                {...p}
                rows={3}
                maxLength={2000}
                value={prompt}
                onChange={(e) => setPrompt(e.target.value)}
              />
            )}
          </Field>
          {send.isError ? <Alert tone="error">{messageOf(send.error)}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => navigate(-1)}>
              Cancel
            </Button>
            <Button type="submit" busy={send.isPending} busyLabel="Sending…">
              Send request
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}
