import { useEffect, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { ApiError } from "../../api";
import { useMe } from "../../lib/hooks";
import { QueryError } from "../../lib/QueryError";
import type { Me } from "../../types";
import { Button, cx, Loading } from "../../ui";
import { NotificationBell } from "../notifications/NotificationBell";
import { usePlanList } from "../plans/planApi";
import { Brand } from "./Brand";
import { MeContext, useSignOut } from "./session";

type NavItem = { to: string; label: string; end?: boolean };

/** Navigation follows what the server says this person may do. */
function navItems(me: Me, hasOwnPlan: boolean): NavItem[] {
  const a = me.abilities;
  const items: NavItem[] = [
    { to: "/", label: "Home", end: true },
    { to: "/people", label: "People" },
  ];
  if (me.roles.includes("manager")) items.push({ to: "/team", label: "My team" });
  // Coaching is for everyone: 1:1s with your manager or reports, feedback given and received.
  items.push({ to: "/one-on-ones", label: "1:1s" }, { to: "/feedback", label: "Feedback" });
  if (me.roles.includes("manager") || a["plan.view_queue"] || hasOwnPlan)
    items.push({ to: "/plans", label: "Success plans" });
  // Courses, workshops, tools and guides, and mentors: anyone may look for help for themselves.
  if (a["catalogue.view"]) items.push({ to: "/catalogue", label: "Catalogue" });
  items.push({ to: "/mentoring", label: "Mentoring" });
  // The confidential channel: everyone may talk to HR; HR finds the inbox (and their own) there.
  items.push({ to: "/concerns", label: a["concern.view_inbox"] ? "Concerns" : "Talk to HR" });
  // Dashboards for HR (named, in scope) and L&D (counts only).
  if (a["insight.view"]) items.push({ to: "/insight", label: "Insight" });
  if (a["audit.view"]) items.push({ to: "/audit", label: "Audit trail" });
  if (a["mail.view_outbox"]) items.push({ to: "/outbox", label: "Outbox" });
  if (a["org.view_settings"] || a["org.import"]) items.push({ to: "/settings", label: "Settings" });
  return items;
}

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cx(
    "rounded-md px-3 py-2 text-sm font-medium transition-colors",
    isActive
      ? "bg-teal-50 text-teal-800"
      : "text-stone-700 hover:bg-stone-100 hover:text-stone-900",
  );

export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const signOut = useSignOut();
  const firstRender = useRef(true);
  // Someone with a plan of their own sees the way to it, whatever their role.
  const ownPlans = usePlanList({ scope: "mine" }, me.isSuccess);

  // After a client-side navigation, move focus to the new page so screen readers announce it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => {
    setMenuOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  if (me.isPending) {
    return (
      <div className="mx-auto max-w-5xl px-4">
        <Loading label="Opening Headway…" />
      </div>
    );
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) {
      // The sign-in redirect is on its way.
      return (
        <div className="mx-auto max-w-5xl px-4">
          <Loading label="Taking you to sign in…" />
        </div>
      );
    }
    return (
      <div className="mx-auto max-w-xl px-4 py-16">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }

  const items = navItems(me.data, Boolean(ownPlans.data?.items.length));
  return (
    <MeContext.Provider value={me.data}>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-teal-800 shadow focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50"
        >
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white">
          {/* Two rows from md up: the brand and the person's own links, then the sections. One
              row cannot hold every section an HR partner or an admin has at 1280 px, and a
              second row keeps each of them one click away (no menu to open first). */}
          <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 pt-2.5 pb-2.5 md:pb-1">
            <Link to="/" className="rounded-md" aria-label="Headway home">
              <Brand />
            </Link>
            <div className="ml-auto flex items-center gap-2">
              <NotificationBell />
              <div className="hidden items-center gap-2 md:flex">
                <NavLink
                  to="/handbook"
                  className={linkClass}
                  title="Guidance on coaching and success plans, in plain language"
                >
                  Handbook
                </NavLink>
                <NavLink to="/account" className={linkClass} title="Your account and API tokens">
                  {me.data.person.name}
                </NavLink>
                <Button
                  variant="secondary"
                  size="sm"
                  busy={signOut.isPending}
                  onClick={() => signOut.mutate()}
                >
                  Sign out
                </Button>
              </div>
              <Button
                variant="secondary"
                size="sm"
                className="md:hidden"
                aria-expanded={menuOpen}
                aria-controls="mobile-menu"
                onClick={() => setMenuOpen((v) => !v)}
              >
                {menuOpen ? "Close menu" : "Menu"}
              </Button>
            </div>
          </div>
          <div className="mx-auto hidden max-w-6xl px-4 pb-2 md:block">
            <nav aria-label="Main">
              <ul className="-mx-3 flex flex-wrap items-center gap-x-0.5 gap-y-1">
                {items.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} className={linkClass}>
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {menuOpen ? (
            <div id="mobile-menu" className="border-t border-stone-100 px-4 pb-4 md:hidden">
              <nav aria-label="Main">
                <ul className="flex flex-col gap-1 pt-2">
                  {items.map((item) => (
                    <li key={item.to}>
                      <NavLink to={item.to} end={item.end} className={linkClass}>
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                  <li>
                    <NavLink to="/handbook" className={linkClass}>
                      Handbook
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/account" className={linkClass}>
                      Your account ({me.data.person.name})
                    </NavLink>
                  </li>
                </ul>
              </nav>
              <Button
                variant="secondary"
                size="sm"
                className="mt-3 w-full"
                busy={signOut.isPending}
                onClick={() => signOut.mutate()}
              >
                Sign out
              </Button>
            </div>
          ) : null}
        </header>
        <main
          id="main"
          ref={mainRef}
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:py-8"
        >
          <Outlet />
        </main>
      </div>
    </MeContext.Provider>
  );
}
