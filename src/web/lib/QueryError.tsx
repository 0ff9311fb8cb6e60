import { messageOf } from "../api";
import { Alert, Button } from "../ui";

/** A failed load: the server's message and a way to try again. */
export function QueryError({
  error,
  onRetry,
  title = "This could not be loaded.",
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  return (
    <Alert
      tone="error"
      title={title}
      actions={
        onRetry ? (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    >
      {messageOf(error)}
    </Alert>
  );
}
