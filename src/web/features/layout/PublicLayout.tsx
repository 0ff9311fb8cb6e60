import { Link, Outlet } from "react-router";
import { Brand } from "./Brand";

/** Pages for people who are not signed in: one calm column. */
export function PublicLayout() {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-teal-800 shadow focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="px-4 pt-10 pb-6 text-center">
        <Link to="/sign-in" className="inline-block rounded-md" aria-label="Headway, sign in">
          <Brand />
        </Link>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 px-4 pb-16 outline-none">
        <div className="mx-auto w-full max-w-md">
          <Outlet />
        </div>
      </main>
      <footer className="px-4 pb-8 text-center text-xs text-stone-500">
        Headway: continuous coaching and fair success plans.
      </footer>
    </div>
  );
}
