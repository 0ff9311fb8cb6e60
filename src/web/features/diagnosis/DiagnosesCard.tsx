import { Link } from "react-router";
import { messageOf } from "../../api";
import { formatDate } from "../../lib/format";
import { Alert, Badge, Card, LinkButton } from "../../ui";
import { useSignedIn } from "../layout/session";
import { causeLabelOf, isNotFound, useDiagnoses, useGuide } from "./diagnosisApi";

// Diagnostic conversations on a person's page: for their manager and HR in scope, the list and a
// way to start one; for the person, the ones completed with them.

const firstName = (name: string) => name.split(" ")[0] ?? name;

export function DiagnosesCard({ personId, name }: { personId: string; name: string }) {
  const list = useDiagnoses(personId);
  const guide = useGuide();
  const me = useSignedIn();
  const isSelf = me.person.id === personId;
  if (list.isPending || (list.isError && isNotFound(list.error))) return null;
  if (list.isError)
    return (
      <Card title="Diagnostic conversations">
        <Alert tone="error" title="The diagnostic conversations could not be loaded.">
          {messageOf(list.error)}
        </Alert>
      </Card>
    );
  const { items, abilities } = list.data;
  if (items.length === 0 && !abilities.create) return null;
  const first = firstName(name);
  return (
    <Card
      title="Diagnostic conversations"
      description={
        isSelf
          ? "Conversations about what gets in the way of your work, and what would help. You can read each one once it is completed."
          : `Before any goal is written: a guided conversation with ${first} about what gets in the way, and what would help.`
      }
      actions={
        abilities.create ? (
          <LinkButton to={`/people/${personId}/diagnosis/new`} size="sm">
            Run the diagnostic guide
          </LinkButton>
        ) : undefined
      }
    >
      {items.length === 0 ? (
        <p className="text-sm text-stone-600">
          None yet. When something is not going well, start here: ask before you conclude.
        </p>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Diagnostic conversations">
          {items.map((d) => (
            <li key={d.id} className="py-3 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <Link
                  to={`/diagnoses/${d.id}`}
                  className="font-medium text-teal-800 underline-offset-2 hover:underline"
                >
                  Conversation of {formatDate(d.createdAt)}
                </Link>
                {d.status === "completed" ? (
                  <Badge tone="success">Completed</Badge>
                ) : (
                  <Badge tone="accent">In progress</Badge>
                )}
              </div>
              <p className="mt-1 text-sm text-stone-700">
                {d.causes.length
                  ? d.causes.map((c) => causeLabelOf(guide.data, c)).join(" · ")
                  : "No cause chosen yet"}
              </p>
              {!isSelf ? (
                <p className="mt-0.5 text-xs text-stone-500">With {d.manager.name}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
