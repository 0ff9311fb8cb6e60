import { useDocumentTitle } from "../../lib/hooks";
import { EmptyState, LinkButton, PageHeader } from "../../ui";

export function NotFoundPage() {
  useDocumentTitle("Page not found");
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState
        title="There is no page at this address."
        action={
          <>
            <LinkButton to="/" variant="primary">
              Go to the home page
            </LinkButton>
            <LinkButton to="/people">Open the directory</LinkButton>
          </>
        }
      >
        Check the address for a typo, or start again from the home page.
      </EmptyState>
    </>
  );
}

/** For pages a person's abilities do not include: the same calm answer as a missing page. */
export function NotAvailable({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <>
      <PageHeader title={title} />
      <EmptyState
        title="This page is not available to you."
        action={
          <LinkButton to="/" variant="primary">
            Go to the home page
          </LinkButton>
        }
      >
        If you think you need it, ask an admin of your organisation.
      </EmptyState>
    </>
  );
}
