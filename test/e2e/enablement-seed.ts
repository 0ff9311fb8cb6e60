import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildWeb, launchChromium, startServer } from "./harness.js";
import { PlansWorld, password } from "./plans-seed.js";

// The organisation of the enablement journey: the plans' small organisation plus L&D, a second
// engineering manager (who will take the employee over) and an engineer who mentors in SQL.

export const enablementOrg = [
  "employee_id,email,name,title,department,location,hire_date,manager_email,roles,hr_scope",
  "P1,dana.whitfield@example.com,Dana Whitfield,Chief Operating Officer,Operations,London,2016-02-01,,,",
  "P2,marcus.lee@example.com,Marcus Lee,Engineering Manager,Engineering,London,2019-05-13,dana.whitfield@example.com,,",
  "P3,ines.duarte@example.com,Ines Duarte,Engineering Manager,Engineering,Lisbon,2018-03-05,dana.whitfield@example.com,,",
  "P4,sofia.rossi@example.com,Sofia Rossi,Backend Engineer,Engineering,Milan,2021-03-01,marcus.lee@example.com,,",
  "P5,tariq.aziz@example.com,Tariq Aziz,Data Engineer,Engineering,London,2020-01-06,ines.duarte@example.com,,",
  "P6,hannah.cole@example.com,Hannah Cole,HR Partner,People,London,2018-07-09,dana.whitfield@example.com,hr,Engineering",
  "P7,grace.okoro@example.com,Grace Okoro,Learning & Development Lead,People,London,2019-06-03,dana.whitfield@example.com,ld,",
].join("\n");

/** Everyone who signs in during the journey. */
export const people = {
  ld: { email: "grace.okoro@example.com", name: "Grace Okoro" },
  manager: { email: "marcus.lee@example.com", name: "Marcus Lee" },
  newManager: { email: "ines.duarte@example.com", name: "Ines Duarte" },
  employee: { email: "sofia.rossi@example.com", name: "Sofia Rossi" },
  mentor: { email: "tariq.aziz@example.com", name: "Tariq Aziz" },
  hr: { email: "hannah.cole@example.com", name: "Hannah Cole" },
};

export class EnablementWorld extends PlansWorld {
  /** Person ids by email, from the import. */
  readonly ids = new Map<string, string>();

  /** The organisation through the API: the first admin, the import, everyone's password. */
  override async seed() {
    const token = new URL(this.server.setupLink).searchParams.get("token");
    const setup = await this.api("/api/v1/setup", {
      body: { token, name: "Alex Admin", email: "alex.admin@example.com", password },
    });
    const cookie = setup.headers.get("set-cookie")!.split(";")[0]!;
    this.adminCookie = cookie;
    const imported = await (
      await this.api("/api/v1/imports/people/commit", { body: { csv: enablementOrg }, cookie })
    ).json();
    expect(imported).toMatchObject({ create: 7, problems: 0 });
    await this.api("/api/v1/invitations", { method: "POST", cookie });
    const outbox = (await (await this.api("/api/v1/mail/outbox?limit=50", { cookie })).json()) as {
      items: { to: string; text: string }[];
    };
    for (const { email } of Object.values(people)) {
      const mail = outbox.items.find((m) => m.to.includes(email));
      const link = mail?.text.match(/\/reset-password\?token=([\w-]+)/)?.[1];
      if (!link) throw new Error(`No invitation for ${email} in the outbox.`);
      await this.api("/api/v1/auth/password-reset/complete", { body: { token: link, password } });
    }
    const directory = (await (await this.api("/api/v1/people?limit=50", { cookie })).json()) as {
      items: { id: string; email: string }[];
    };
    for (const p of directory.items) this.ids.set(p.email, p.id);
  }

  idOf(email: string): string {
    const id = this.ids.get(email);
    if (!id) throw new Error(`${email} is not in the directory.`);
    return id;
  }

  /** A JSON call in a page's own session (its cookie) that must succeed; returns the body. */
  async as<T = unknown>(
    page: Page,
    method: "GET" | "POST" | "PUT" | "PATCH",
    path: string,
    data?: unknown,
  ) {
    const res = await page.request.fetch(`${this.server.baseUrl}/api/v1${path}`, {
      method,
      ...(data === undefined ? {} : { data }),
    });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  }

  /** A JSON call as the first admin, who signs in through no page. */
  async asAdmin<T = unknown>(
    method: "GET" | "PATCH" | "POST" | "PUT",
    path: string,
    body?: unknown,
  ) {
    const res = await fetch(`${this.server.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie: this.adminCookie,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return JSON.parse(text) as T;
  }
}

/** Builds the web app, starts the server and Chromium, seeds the organisation; stops it all after. */
export function setUpEnablementWorld(ready: (world: EnablementWorld) => void) {
  let world: EnablementWorld | undefined;
  beforeAll(async () => {
    buildWeb();
    const server = await startServer();
    try {
      world = new EnablementWorld(server, await launchChromium());
      await world.seed();
      ready(world);
    } catch (err) {
      await server.stop();
      throw err;
    }
  });
  afterAll(async () => {
    await world?.close();
    await world?.browser.close();
    await world?.server.stop();
  });
}
