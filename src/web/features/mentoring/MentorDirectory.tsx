import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebounced } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import { Badge, Button, Dialog, EmptyState, Input, Loading } from "../../ui";
import { useSignedIn } from "../layout/session";
import { PersonPicker, type PickedPerson } from "../people/PersonPicker";
import { MentorProfileForm } from "./MentorProfileForm";
import { MentorshipRequestForm } from "./MentorshipRequestForm";
import { useMentorDirectory } from "./mentoringApi";
import type { MentorProfile } from "./types";

/**
 * The mentor directory: people who volunteer to mentor, with their skills, free places and
 * availability. Everyone can search it and ask a mentor for themselves; L&D and admins
 * (mentor.manage) also see profiles that are switched off, and add or edit mentors.
 */
export function MentorDirectory({ className }: { className?: string }) {
  const me = useSignedIn();
  const searchId = useId();
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  const directory = useMentorDirectory(q ? { q } : {});
  const manage = Boolean(me.abilities["mentor.manage"]);
  const [params, setParams] = useSearchParams();
  const [addingNow, setAdding] = useState(false);
  // A link straight to the form (the L&D home's "Add a mentor"): ?add=mentor opens it.
  const adding = addingNow || (manage && params.get("add") === "mentor");
  const stopAdding = () => {
    setAdding(false);
    if (params.has("add")) {
      const next = new URLSearchParams(params);
      next.delete("add");
      setParams(next, { replace: true });
    }
  };
  const [editing, setEditing] = useState<MentorProfile | null>(null);
  const [asking, setAsking] = useState<MentorProfile | null>(null);

  return (
    <section className={className} aria-labelledby={`${searchId}-title`}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={`${searchId}-title`} className="text-lg font-semibold text-stone-900">
            Mentors
          </h2>
          <p className="max-w-prose text-sm text-stone-600">
            Colleagues who volunteer to mentor, outside your reporting line. Ask one for yourself,
            or find one for a report from their page.
          </p>
        </div>
        {manage ? (
          <Button onClick={() => setAdding(true)} size="sm">
            Add a mentor
          </Button>
        ) : null}
      </div>
      <div className="mb-4 max-w-md">
        <label htmlFor={`${searchId}-q`} className="block text-sm font-medium text-stone-800">
          Search by skill, name or team
        </label>
        <Input
          id={`${searchId}-q`}
          type="search"
          className="mt-1.5"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          autoComplete="off"
        />
      </div>
      {directory.isPending ? (
        <Loading />
      ) : directory.isError ? (
        <QueryError error={directory.error} onRetry={() => void directory.refetch()} />
      ) : directory.data.items.length === 0 ? (
        q ? (
          <EmptyState title={`No mentor matches “${q}”.`}>
            Try another skill or a shorter word. L&D can add mentors with the skill you need.
          </EmptyState>
        ) : (
          <EmptyState
            title="No mentors yet."
            action={
              manage ? (
                <Button onClick={() => setAdding(true)}>Add the first mentor</Button>
              ) : undefined
            }
          >
            {manage
              ? "Add colleagues who volunteer to mentor, with their skills and how many mentees they can take."
              : "Volunteer yourself on the Mentoring page, or ask L&D to add mentors."}
          </EmptyState>
        )
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {directory.data.items.map((m) => (
            <MentorCard
              key={m.person.id}
              mentor={m}
              isMe={m.person.id === me.person.id}
              manage={manage}
              onEdit={() => setEditing(m)}
              onAsk={() => setAsking(m)}
            />
          ))}
        </ul>
      )}

      <Dialog
        open={adding}
        onClose={stopAdding}
        title="Add a mentor"
        description="Pick a colleague who has agreed to mentor, and fill in their profile. They are told, and can change it themselves."
      >
        {adding ? <AddMentor onDone={stopAdding} /> : null}
      </Dialog>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `Mentor profile: ${editing.person.name}` : "Mentor profile"}
      >
        {editing ? (
          <MentorProfileForm
            key={editing.person.id}
            personId={editing.person.id}
            profile={editing}
            self={editing.person.id === me.person.id}
            submitLabel="Save the profile"
            onSaved={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? `Ask ${asking.person.name} to mentor you` : "Ask a mentor"}
        description="They can accept or decline. Your manager is not told unless you tell them."
      >
        {asking ? (
          <AskForMyself mentor={asking} menteeId={me.person.id} onDone={() => setAsking(null)} />
        ) : null}
      </Dialog>
    </section>
  );
}

function MentorCard({
  mentor,
  isMe,
  manage,
  onEdit,
  onAsk,
}: {
  mentor: MentorProfile;
  isMe: boolean;
  manage: boolean;
  onEdit: () => void;
  onAsk: () => void;
}) {
  const { person } = mentor;
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-stone-900">{person.name}</p>
          <p className="text-sm text-stone-600">
            {[person.title, person.department].filter(Boolean).join(" · ")}
          </p>
        </div>
        {!mentor.active ? (
          <Badge>Not in the directory</Badge>
        ) : mentor.freeCapacity > 0 ? (
          <Badge tone="success">
            {mentor.freeCapacity} of {mentor.capacity} {mentor.capacity === 1 ? "place" : "places"}{" "}
            free
          </Badge>
        ) : mentor.capacity === 0 ? (
          <Badge>Not taking mentees now</Badge>
        ) : (
          <Badge tone="warning">Full</Badge>
        )}
      </div>
      {mentor.skills.length ? (
        <ul aria-label="Skills" className="mt-3 flex flex-wrap gap-1.5">
          {mentor.skills.map((s) => (
            <li key={s}>
              <Badge tone="accent">{s}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {mentor.availability ? (
        <p className="mt-2 text-sm text-stone-700">
          <span className="font-medium">Available:</span> {mentor.availability}
        </p>
      ) : null}
      {mentor.bio ? <p className="mt-2 text-sm text-stone-600">{mentor.bio}</p> : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {!isMe && mentor.active && mentor.freeCapacity > 0 ? (
          <Button size="sm" variant="secondary" onClick={onAsk}>
            Ask to be mentored
            <span className="sr-only"> by {person.name}</span>
          </Button>
        ) : null}
        {manage ? (
          <Button size="sm" variant="ghost" onClick={onEdit}>
            Edit<span className="sr-only"> the profile of {person.name}</span>
          </Button>
        ) : null}
      </div>
    </li>
  );
}

function AddMentor({ onDone }: { onDone: () => void }) {
  const [person, setPerson] = useState<PickedPerson | null>(null);
  return (
    <div className="space-y-4">
      <PersonPicker
        legend="Mentor"
        value={person}
        onChange={setPerson}
        searchLabel="Find the colleague"
        chooseSuffix=" as a mentor"
        emptyText="No one chosen yet"
      />
      <MentorProfileForm
        key={person?.id ?? "none"}
        personId={person?.id ?? null}
        profile={null}
        self={false}
        submitLabel="Add to the directory"
        onSaved={onDone}
        onCancel={onDone}
      />
    </div>
  );
}

/** Asking a mentor for oneself. */
export function AskForMyself({
  mentor,
  menteeId,
  onDone,
}: {
  mentor: MentorProfile;
  menteeId: string;
  onDone: () => void;
}) {
  return (
    <MentorshipRequestForm
      mentorId={mentor.person.id}
      menteeId={menteeId}
      topicLabel="What would you like to work on?"
      topicHint={`A few words ${mentor.person.name} will see, e.g. “SQL for reporting”.`}
      messageLabel="A message"
      secondary={{ label: "Cancel", onClick: onDone }}
      onDone={onDone}
    />
  );
}
