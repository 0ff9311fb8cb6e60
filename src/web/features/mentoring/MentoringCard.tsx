import { useState } from "react";
import { Link } from "react-router";
import { QueryError } from "../../lib/QueryError";
import {
  Alert,
  Badge,
  Button,
  Card,
  DetailList,
  Dialog,
  LinkButton,
  Loading,
  TextField,
} from "../../ui";
import { useSignedIn } from "../layout/session";
import { MentorshipRequestForm } from "./MentorshipRequestForm";
import { isNotFound, parseSkills, useMentoringSummary, useMentorSuggestions } from "./mentoringApi";
import type { MentorSuggestion } from "./types";

/**
 * Mentoring on a person's page: counts only for a manager or HR (never a topic, never a name),
 * links for the person themselves. Those who may find a mentor for the person (their direct
 * manager, HR in scope) get suggestions outside the person's management chain.
 */
export function MentoringCard({
  personId,
  name,
  canRequest,
}: {
  personId: string;
  name: string;
  canRequest: boolean;
}) {
  const me = useSignedIn();
  const isSelf = me.person.id === personId;
  const summary = useMentoringSummary(personId);
  const [finding, setFinding] = useState(false);
  if (summary.isPending || (summary.isError && isNotFound(summary.error))) return null;
  const first = name.split(" ")[0] ?? name;
  return (
    <Card
      title="Mentoring"
      description={
        isSelf
          ? "Mentors you have and people you mentor."
          : `Counts only: what ${first} and their mentors discuss stays between them.`
      }
      actions={
        isSelf ? (
          <LinkButton to="/mentoring" size="sm" variant="secondary">
            Open Mentoring
          </LinkButton>
        ) : canRequest ? (
          <Button size="sm" variant="secondary" onClick={() => setFinding(true)}>
            Find a mentor
          </Button>
        ) : undefined
      }
    >
      {summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <DetailList
            items={[
              { label: "Mentors now", value: summary.data.activeAsMentee },
              { label: "Mentees now", value: summary.data.activeAsMentor },
              { label: "Sessions in the last 90 days", value: summary.data.sessionsLast90Days },
              { label: "Requests waiting for an answer", value: summary.data.pendingRequests },
            ]}
          />
          {summary.data.isMentor ? (
            <p className="mt-3">
              <Badge tone="accent">In the mentor directory</Badge>
            </p>
          ) : null}
          {isSelf && summary.data.activeAsMentee === 0 ? (
            <p className="mt-3 text-sm text-stone-600">
              No mentor yet? Find one by skill on the{" "}
              <Link className="underline" to="/mentoring">
                Mentoring page
              </Link>
              .
            </p>
          ) : null}
        </>
      )}
      <Dialog
        open={finding}
        onClose={() => setFinding(false)}
        title={`Find a mentor for ${name}`}
        description="Suggestions have a free place and never come from their management chain. The mentor is told who and what, never why."
        className="max-w-2xl"
      >
        {finding ? (
          <FindMentor personId={personId} name={name} onDone={() => setFinding(false)} />
        ) : null}
      </Dialog>
    </Card>
  );
}

function FindMentor({
  personId,
  name,
  onDone,
}: {
  personId: string;
  name: string;
  onDone: () => void;
}) {
  const [skillText, setSkillText] = useState("");
  const [skills, setSkills] = useState<string[]>([]);
  const suggestions = useMentorSuggestions(personId, skills);
  const [chosen, setChosen] = useState<MentorSuggestion | null>(null);

  if (chosen)
    return (
      <AskForSomeone
        mentor={chosen}
        menteeId={personId}
        menteeName={name}
        skills={skills}
        onBack={() => setChosen(null)}
        onDone={onDone}
      />
    );
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setSkills(parseSkills(skillText));
        }}
      >
        <TextField
          className="min-w-0 flex-1"
          label="Skills to grow"
          hint="Separate with commas, e.g. “SQL, reporting”. Leave empty to see every mentor with a free place."
          value={skillText}
          onChange={(e) => setSkillText(e.target.value)}
        />
        <Button type="submit" variant="secondary">
          Suggest mentors
        </Button>
      </form>
      {suggestions.isPending ? (
        <Loading />
      ) : suggestions.isError ? (
        <QueryError error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : suggestions.data.items.length === 0 ? (
        <Alert tone="info" title="No mentor with a free place matches.">
          Try fewer or broader skills, or ask L&D to find a mentor.
        </Alert>
      ) : (
        <ul className="divide-y divide-stone-100" aria-live="polite">
          {suggestions.data.items.map((s) => (
            <li key={s.mentor.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-stone-900">{s.mentor.name}</p>
                <p className="text-stone-600">
                  {[s.mentor.title, s.mentor.department].filter(Boolean).join(" · ")} ·{" "}
                  {s.freeCapacity} {s.freeCapacity === 1 ? "place" : "places"} free
                </p>
                <p className="mt-1 flex flex-wrap gap-1">
                  {s.skills.map((k) => (
                    <Badge key={k} tone={s.matchingSkills.includes(k) ? "accent" : "neutral"}>
                      {k}
                    </Badge>
                  ))}
                </p>
                {s.availability ? <p className="mt-1 text-stone-600">{s.availability}</p> : null}
              </div>
              <Button size="sm" onClick={() => setChosen(s)}>
                Ask<span className="sr-only"> {s.mentor.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AskForSomeone({
  mentor,
  menteeId,
  menteeName,
  skills,
  onBack,
  onDone,
}: {
  mentor: MentorSuggestion;
  menteeId: string;
  menteeName: string;
  skills: string[];
  onBack: () => void;
  onDone: () => void;
}) {
  return (
    <MentorshipRequestForm
      mentorId={mentor.mentor.id}
      menteeId={menteeId}
      skills={skills}
      initialTopic={skills.join(", ")}
      intro={
        <p className="text-sm text-stone-700">
          Ask <span className="font-medium">{mentor.mentor.name}</span> to mentor {menteeName}. Both
          are told; {mentor.mentor.name} accepts or declines.
        </p>
      }
      topicLabel="Topic"
      topicHint="What to work on, in a few words the mentor will see. Do not mention a plan."
      messageLabel="A message for the mentor"
      secondary={{ label: "Back to the suggestions", onClick: onBack }}
      onDone={onDone}
    />
  );
}
