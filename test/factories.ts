import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { write } from "../src/db/transaction.js";
import type { Deps } from "../src/deps.js";
import { loadActor, setPasswords } from "../src/modules/auth/auth.service.js";
import { people } from "../src/modules/org/org.table.js";

type NewPerson = Partial<typeof people.$inferInsert>;

let counter = 0;

/** A person with readable defaults; override what the test is about. */
export async function makePerson(deps: Deps, overrides: NewPerson = {}) {
  counter += 1;
  const name = overrides.name ?? `Person ${counter}`;
  return write(deps, async (w) => {
    const [row] = await w.tx
      .insert(people)
      .values({
        name,
        email:
          overrides.email ??
          `${name.toLowerCase().replace(/\W+/g, ".")}.${randomBytes(3).toString("hex")}@example.com`,
        title: "Engineer",
        department: "Engineering",
        ...overrides,
      })
      .returning();
    await w.audit({
      actor: { kind: "system", label: "test" },
      action: "person.created",
      subjectType: "person",
      subjectId: row!.id,
    });
    return row!;
  });
}

/** A person who can sign in with `password`. */
export async function makeUser(
  deps: Deps,
  overrides: NewPerson = {},
  password = "a long test password",
) {
  const person = await makePerson(deps, overrides);
  await setPasswords(deps, { personIds: [person.id], password });
  return { ...person, password };
}

export async function actorFor(deps: Deps, personId: string) {
  const [row] = await deps.database.db.select().from(people).where(eq(people.id, personId));
  return loadActor(deps.database.db, row!);
}

/** Signs in through the API and returns the cookie header to send on later requests. */
export async function signInCookie(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  email: string,
  password: string,
) {
  const res = await app.request("/api/v1/auth/sign-in", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
}
