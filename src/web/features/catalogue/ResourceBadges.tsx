import { formatDateTime } from "../../lib/format";
import { Badge, type BadgeTone } from "../../ui";

// How a goal's resource shows where it came from: L&D's catalogue (with the workshop date it
// takes a seat on) and, for a mentor, where the request stands.

type MentorshipStatus = "requested" | "active" | "declined" | "ended" | "withdrawn";

const mentorAnswer: Record<MentorshipStatus, { label: string; tone: BadgeTone }> = {
  requested: { label: "Mentor asked — waiting for an answer", tone: "warning" },
  active: { label: "Mentor accepted", tone: "success" },
  declined: { label: "Mentor declined", tone: "danger" },
  ended: { label: "Mentoring ended", tone: "neutral" },
  withdrawn: { label: "Request withdrawn", tone: "neutral" },
};

export function ResourceBadges({
  resource,
}: {
  resource: {
    catalogueItemId?: string | null;
    sessionStartsAt?: string | null;
    mentorshipStatus?: string | null;
  };
}) {
  const answer = resource.mentorshipStatus
    ? mentorAnswer[resource.mentorshipStatus as MentorshipStatus]
    : undefined;
  if (!resource.catalogueItemId && !answer) return null;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {resource.catalogueItemId ? <Badge tone="accent">From the catalogue</Badge> : null}
      {resource.sessionStartsAt ? (
        <Badge>
          Workshop on{" "}
          <time dateTime={resource.sessionStartsAt} className="ml-1">
            {formatDateTime(resource.sessionStartsAt)}
          </time>
        </Badge>
      ) : null}
      {answer ? <Badge tone={answer.tone}>{answer.label}</Badge> : null}
    </span>
  );
}
