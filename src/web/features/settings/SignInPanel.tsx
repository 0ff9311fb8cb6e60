/** Filled in by its feature. */
export function SignInPanel(_props: Record<string, never>) {
  return null;
}
