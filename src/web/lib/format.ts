const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** "2024-03-31" or an ISO timestamp → "31 Mar 2024". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Time since a hire date, in words: "2 years, 3 months", "5 weeks", "starts 1 Jun 2025". */
export function tenure(hireDate: string | null | undefined, now: Date = new Date()): string {
  if (!hireDate) return "—";
  const start = new Date(`${hireDate}T00:00:00`);
  if (Number.isNaN(start.getTime())) return "—";
  if (start > now) return `starts ${formatDate(hireDate)}`;
  let months = (now.getFullYear() - start.getFullYear()) * 12 + (now.getMonth() - start.getMonth());
  if (now.getDate() < start.getDate()) months -= 1;
  if (months < 1) {
    const days = Math.floor((now.getTime() - start.getTime()) / 86_400_000);
    return days < 7 ? plural(days, "day") : plural(Math.floor(days / 7), "week");
  }
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return plural(rest, "month");
  return rest ? `${plural(years, "year")}, ${plural(rest, "month")}` : plural(years, "year");
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase() || "?";
}

const roleNames: Record<string, string> = {
  admin: "Admin",
  hr: "HR partner",
  ld: "L&D",
  manager: "Manager",
  employee: "Employee",
};

export function roleName(role: string): string {
  return roleNames[role] ?? role;
}

export function hrScopeText(scope: { all: boolean; departments: string[] }): string {
  if (scope.all) return "the whole organisation";
  if (scope.departments.length === 0) return "no departments yet";
  return scope.departments.join(", ");
}
