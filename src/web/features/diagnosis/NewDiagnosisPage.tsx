import { PageHeader } from "../../ui";

// Being built: replaced by the enablement work before it lands.
export function NewDiagnosisPage() {
  return <PageHeader title="Diagnostic guide" />;
}
