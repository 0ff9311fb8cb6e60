import { Link } from "react-router";
import { initials } from "../../lib/format";
import type { PersonCard } from "../../types";
import { Badge, cx } from "../../ui";

export function Avatar({ name, size = "md" }: { name: string; size?: "sm" | "md" | "lg" }) {
  const sizes = { sm: "size-8 text-xs", md: "size-10 text-sm", lg: "size-14 text-lg" };
  return (
    <span
      aria-hidden="true"
      className={cx(
        "inline-flex shrink-0 items-center justify-center rounded-full bg-teal-100 font-semibold text-teal-900",
        sizes[size],
      )}
    >
      {initials(name)}
    </span>
  );
}

export function PersonLink({ person }: { person: Pick<PersonCard, "id" | "name"> }) {
  return (
    <Link
      to={`/people/${person.id}`}
      className="font-medium text-teal-800 underline-offset-2 hover:underline"
    >
      {person.name}
    </Link>
  );
}

/** Title · department, or whichever of them is known. */
export function roleLine(p: Pick<PersonCard, "title" | "department">): string {
  return [p.title, p.department].filter(Boolean).join(" · ") || "No title or department yet";
}

/** A compact person row: avatar, linked name, title and department. */
export function PersonRow({
  person,
  extra,
}: {
  person: Pick<PersonCard, "id" | "name" | "title" | "department"> & { active?: boolean };
  extra?: React.ReactNode;
}) {
  return (
    <div className="flex items-center gap-3">
      <Avatar name={person.name} size="sm" />
      <div className="min-w-0 flex-1">
        <p className="truncate">
          <PersonLink person={person} />
          {person.active === false ? (
            <Badge tone="neutral" className="ml-2">
              Inactive
            </Badge>
          ) : null}
        </p>
        <p className="truncate text-sm text-stone-600">{roleLine(person)}</p>
      </div>
      {extra}
    </div>
  );
}
