import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api";
import { useDocumentTitle } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { PersonPage } from "../../types";
import { Alert, Card, LinkButton, Loading } from "../../ui";
import { useSignedIn } from "../layout/session";
import type { PickedPerson } from "../people/PersonPicker";
import { FeedbackForm } from "./FeedbackForm";
import { feedbackApi, type NewFeedback, useFeedbackWrite, useRequests } from "./feedbackApi";
import type { FeedbackDetail } from "./types";

function Header({ title }: { title: string }) {
  return (
    <div className="mb-6">
      <p className="mb-1 text-sm text-stone-600">
        <Link to="/feedback/given" className="text-teal-800 underline-offset-2 hover:underline">
          Feedback
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight text-stone-900">{title}</h1>
      <p className="mt-1 max-w-prose text-sm text-stone-600">
        Name the situation, the behaviour and its impact: what you saw or heard and what it led to,
        not what you think of the person. Feedback that describes can be acted on.
      </p>
    </div>
  );
}

/**
 * Give feedback: to anyone (`?to=` chooses the person), or as the answer to a request asked of
 * you (`?request=`), which goes to the person it is about.
 */
export function GiveFeedbackPage() {
  useDocumentTitle("Give feedback");
  const me = useSignedIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requestId = params.get("request");
  const to = params.get("to");
  const requests = useRequests(Boolean(requestId));
  const preset = useQuery({
    queryKey: ["people", "detail", to],
    queryFn: () => api.get<PersonPage>(`/people/${to}`),
    enabled: Boolean(to) && !requestId,
  });
  // undefined until the person chooses: the one named in the address is the default.
  const [picked, setPicked] = useState<PickedPerson | null | undefined>(undefined);
  const give = useFeedbackWrite(
    (input: NewFeedback) => feedbackApi.give(input),
    (f: FeedbackDetail) => navigate(`/feedback/${f.id}`),
  );

  if (requestId) {
    if (requests.isPending) return <Loading />;
    if (requests.isError)
      return <QueryError error={requests.error} onRetry={() => void requests.refetch()} />;
    const request = requests.data.incoming.find((r) => r.id === requestId);
    if (!request)
      return (
        <>
          <Header title="Give feedback" />
          <Alert
            tone="info"
            title="This request is no longer waiting for you."
            actions={<LinkButton to="/feedback/give">Give feedback without it</LinkButton>}
          >
            It may have been answered or declined already.
          </Alert>
        </>
      );
    const aboutSelf = request.about.id === request.requester.id;
    return (
      <>
        <Header title={`Feedback for ${request.about.name}`} />
        <Card>
          <Alert tone="info" className="mb-6">
            {request.requester.name} asked you for feedback
            {aboutSelf ? "" : ` about ${request.about.name}`}
            {request.prompt ? `: “${request.prompt}”` : "."}
          </Alert>
          <FeedbackForm
            recipient={{ id: request.about.id, name: request.about.name }}
            recipientFixed
            answersRequest
            busy={give.isPending}
            error={give.error}
            onSubmit={(v) => give.mutate({ ...v, recipientId: request.about.id, requestId })}
          />
        </Card>
      </>
    );
  }

  if (to && preset.isPending) return <Loading />;
  const presetPerson: PickedPerson | null =
    preset.data && preset.data.person.id !== me.person.id
      ? {
          id: preset.data.person.id,
          name: preset.data.person.name,
          title: preset.data.person.title,
          department: preset.data.person.department,
        }
      : null;
  const recipient = picked === undefined ? presetPerson : picked;
  return (
    <>
      <Header title="Give feedback" />
      <Card>
        <FeedbackForm
          recipient={recipient}
          onRecipientChange={setPicked}
          excludeIds={[me.person.id]}
          busy={give.isPending}
          error={give.error}
          onSubmit={(v) => {
            if (recipient) give.mutate({ ...v, recipientId: recipient.id });
          }}
        />
      </Card>
    </>
  );
}
