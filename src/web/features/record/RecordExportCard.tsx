/** Filled in by its feature. */
export function RecordExportCard(_props: Record<string, never>) {
  return null;
}
