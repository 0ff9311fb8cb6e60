import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, messageOf } from "../../api";
import { Alert, Button, Card } from "../../ui";

/**
 * For admins: turns off someone's two-step sign-in when they lost both their phone and their
 * recovery codes. Their sessions end; they sign in with their password and set it up again.
 */
export function TwoFactorResetCard({ personId, name }: { personId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const reset = useMutation({
    mutationFn: () => api.delete(`/people/${personId}/totp`),
    onSettled: () => setConfirming(false),
  });
  return (
    <Card
      title="Two-step sign-in"
      description={`For when ${name} has lost both their authenticator and their recovery codes.`}
    >
      <div className="space-y-3 text-sm">
        {reset.isSuccess ? (
          <Alert tone="success">
            Two-step sign-in is off for {name}, and their sessions have ended. They sign in with
            their password and can set it up again from their account page.
          </Alert>
        ) : null}
        {reset.isError ? <Alert tone="error">{messageOf(reset.error)}</Alert> : null}
        <p className="text-stone-700">
          Check who is asking first (in person or on a call you placed): resetting lets anyone who
          knows the password sign in with it alone. The reset is recorded in the audit trail.
        </p>
        {confirming ? (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              busy={reset.isPending}
              busyLabel="Resetting…"
              onClick={() => reset.mutate()}
            >
              Yes, turn it off for {name}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Reset two-step sign-in
          </Button>
        )}
      </div>
    </Card>
  );
}
