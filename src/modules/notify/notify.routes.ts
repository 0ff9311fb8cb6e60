import { createRoute, z } from "@hono/zod-openapi";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Router } from "../../api/hono.js";
import { requireActor } from "../../api/hono.js";
import { errorResponses, jsonBody, jsonResponse } from "../../api/schemas.js";
import { write } from "../../db/transaction.js";
import type { Deps } from "../../deps.js";
import type { PersonActor } from "../auth/auth.service.js";
import { countUnread, findNotifications } from "./notify.service.js";
import { notifications } from "./notify.table.js";

const tags = ["Notifications"];

const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi("Notification");

/** Your notifications, newest first, with how many are unread. */
export async function listMyNotifications(
  deps: Deps,
  { actor, unreadOnly, limit }: { actor: PersonActor; unreadOnly: boolean; limit: number },
) {
  const db = deps.database.db;
  const rows = await findNotifications(db, { personId: actor.personId, limit, unreadOnly });
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      subjectType: n.subjectType,
      subjectId: n.subjectId,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt ? n.readAt.toISOString() : null,
    })),
    unread: await countUnread(db, actor.personId),
  };
}

/**
 * Marks your own notifications read: some by id, or all. Ids of anyone else's are ignored (never
 * a hint that they exist). A pass that changes nothing writes nothing.
 */
export async function markNotificationsRead(
  deps: Deps,
  { actor, ids, all }: { actor: PersonActor; ids?: string[]; all?: boolean },
) {
  const mine = and(eq(notifications.personId, actor.personId), isNull(notifications.readAt));
  const where = all ? mine : and(mine, inArray(notifications.id, ids ?? []));
  const pending = all || ids?.length ? await deps.database.db.$count(notifications, where) : 0;
  let marked = 0;
  if (pending > 0) {
    marked = await write(deps, async (w) => {
      const rows = await w.tx
        .update(notifications)
        .set({ readAt: w.now })
        .where(where)
        .returning({ id: notifications.id });
      await w.audit({
        actor,
        action: "notification.read",
        subjectType: "person",
        subjectId: actor.personId,
        data: { count: rows.length, all: !!all, requested: ids?.length ?? 0 },
      });
      return rows.length;
    });
  }
  return { marked, unread: await countUnread(deps.database.db, actor.personId) };
}

export function registerNotifyRoutes(app: Router, deps: Deps) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/notifications",
      tags,
      summary: "Your notifications, newest first, and how many are unread",
      request: {
        query: z.object({
          unread: z
            .enum(["true", "false"])
            .optional()
            .transform((v) => v === "true")
            .openapi({ description: "Only unread ones" }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(NotificationSchema), unread: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { unread, limit } = c.req.valid("query");
      return c.json(
        await listMyNotifications(deps, { actor: requireActor(c), unreadOnly: unread, limit }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/notifications/read",
      tags,
      summary: "Mark your notifications read: some by id, or all",
      request: {
        ...jsonBody(
          z
            .object({
              ids: z.array(z.uuid("Use notification ids as listed.")).max(500).optional(),
              all: z.boolean().optional(),
            })
            .refine((b) => b.all === true || (b.ids?.length ?? 0) > 0, {
              message: "Send the ids to mark read, or all: true.",
              path: ["ids"],
            }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ marked: z.number(), unread: z.number() })),
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(
        await markNotificationsRead(deps, { actor: requireActor(c), ...c.req.valid("json") }),
        200,
      ),
  );
}
