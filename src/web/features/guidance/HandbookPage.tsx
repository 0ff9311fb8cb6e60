import { PageHeader } from "../../ui";

// Being built: replaced by the enablement work before it lands.
export function HandbookPage() {
  return <PageHeader title="Handbook" />;
}
