import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { MAX_BODY_BYTES } from "../../api/app.js";
import { AppError, statusOf } from "../../api/errors.js";
import { findTooDeep, findUnstorableText, type Router } from "../../api/hono.js";
import type { Deps } from "../../deps.js";
import { errorResponse } from "./scim.rules.js";
import { resourceTypes, schemas, serviceProviderConfig } from "./scim.schemas.js";
import {
  authenticateScim,
  createGroup,
  createUser,
  deleteGroup,
  deleteUser,
  getGroup,
  getUser,
  listGroups,
  listUsers,
  patchGroupById,
  patchUserById,
  replaceGroup,
  replaceUser,
  type ScimCaller,
  ScimError,
  scimBaseUrl,
  scimProblemOf,
} from "./scim.service.js";
import type { ScimProblem } from "./scim.types.js";

type ScimEnv = { Variables: { caller: ScimCaller } };

const SCIM_JSON = "application/scim+json; charset=utf-8";

function scimJson(c: Context, body: unknown, status = 200, headers: Record<string, string> = {}) {
  return c.body(JSON.stringify(body), status as 200, { "content-type": SCIM_JSON, ...headers });
}

/** The body as SCIM clients send it: application/scim+json, or application/json. */
async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (type && !/^application\/(scim\+)?json\b/i.test(type.trim()))
    throw new ScimError({
      status: 415,
      detail: "Send the body as JSON, with the header Content-Type: application/scim+json.",
    });
  const text = await c.req.text();
  if (!text.trim())
    throw new ScimError({ status: 400, scimType: "invalidSyntax", detail: "The body is empty." });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ScimError({
      status: 400,
      scimType: "invalidSyntax",
      detail: "The body is not valid JSON.",
    });
  }
  const tooDeep = findTooDeep(body);
  if (tooDeep)
    throw new ScimError({
      status: 400,
      scimType: "invalidValue",
      detail: `Values are nested too deeply (at ${tooDeep}).`,
    });
  const unstorable = findUnstorableText(body);
  if (unstorable.length)
    throw new ScimError({
      status: 400,
      scimType: "invalidValue",
      detail: `Remove the NUL character or broken Unicode from ${unstorable.slice(0, 3).join(", ")}.`,
    });
  return body;
}

function problemOf(err: unknown, deps: Deps): ScimProblem {
  if (err instanceof ScimError) return err.problem;
  if (err instanceof AppError && statusOf(err.code) < 500) return scimProblemOf(err);
  if (err instanceof HTTPException && err.status < 500)
    return { status: err.status, detail: err.message || "The request was refused." };
  deps.logger.error({ err }, "unexpected error in SCIM");
  return { status: 500, detail: "Something went wrong on our side. It has been logged." };
}

const listQuery = (c: Context) => ({
  filter: c.req.query("filter"),
  startIndex: c.req.query("startIndex"),
  count: c.req.query("count"),
  attributes: c.req.query("attributes"),
  excludedAttributes: c.req.query("excludedAttributes"),
});

/**
 * SCIM 2.0 at /scim/v2 (RFC 7644): its own schema, content type and error format, outside the
 * OpenAPI app. Every request needs a SCIM token (`Authorization: Bearer hw_scim_…`).
 */
export function registerScimProtocol(app: Router, deps: Deps) {
  const scim = new Hono<ScimEnv>();

  scim.onError((err, c) => {
    const problem = problemOf(err, deps);
    return scimJson(
      c,
      errorResponse(problem),
      problem.status,
      problem.status === 401 ? { "www-authenticate": 'Bearer realm="Headway SCIM"' } : {},
    );
  });

  scim.use("*", async (c, next) => {
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
    const caller = await authenticateScim(deps, bearer);
    if (!caller)
      throw new ScimError({
        status: 401,
        detail:
          "Send a SCIM token as Authorization: Bearer hw_scim_…. An admin creates one in Settings, under Provisioning.",
      });
    c.set("caller", caller);
    await next();
  });
  scim.use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ScimError({
          status: 413,
          detail: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send fewer operations at once.`,
        });
      },
    }),
  );

  // Discovery (RFC 7644 §4).
  scim.get("/ServiceProviderConfig", (c) => scimJson(c, serviceProviderConfig(scimBaseUrl(deps))));
  scim.get("/ResourceTypes", (c) => {
    const items = resourceTypes(scimBaseUrl(deps));
    return scimJson(c, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: items.length,
      startIndex: 1,
      itemsPerPage: items.length,
      Resources: items,
    });
  });
  scim.get("/ResourceTypes/:name", (c) => {
    const found = resourceTypes(scimBaseUrl(deps)).find((r) => r.id === c.req.param("name"));
    if (!found) throw new ScimError({ status: 404, detail: "No such resource type." });
    return scimJson(c, found);
  });
  scim.get("/Schemas", (c) => {
    const items = schemas(scimBaseUrl(deps));
    return scimJson(c, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: items.length,
      startIndex: 1,
      itemsPerPage: items.length,
      Resources: items,
    });
  });
  scim.get("/Schemas/:id", (c) => {
    const found = schemas(scimBaseUrl(deps)).find((s) => s.id === c.req.param("id"));
    if (!found) throw new ScimError({ status: 404, detail: "No such schema." });
    return scimJson(c, found);
  });

  // Users.
  scim.get("/Users", async (c) => scimJson(c, await listUsers(deps, listQuery(c))));
  scim.post("/Users", async (c) => {
    const user = await createUser(deps, { caller: c.get("caller"), body: await readJson(c) });
    return scimJson(c, user, 201, { location: user.meta.location });
  });
  scim.get("/Users/:id", async (c) => scimJson(c, await getUser(deps, { id: c.req.param("id") })));
  scim.put("/Users/:id", async (c) =>
    scimJson(
      c,
      await replaceUser(deps, {
        caller: c.get("caller"),
        id: c.req.param("id"),
        body: await readJson(c),
      }),
    ),
  );
  scim.patch("/Users/:id", async (c) =>
    scimJson(
      c,
      await patchUserById(deps, {
        caller: c.get("caller"),
        id: c.req.param("id"),
        body: await readJson(c),
      }),
    ),
  );
  scim.delete("/Users/:id", async (c) => {
    await deleteUser(deps, { caller: c.get("caller"), id: c.req.param("id") });
    return c.body(null, 204);
  });

  // Groups.
  scim.get("/Groups", async (c) => scimJson(c, await listGroups(deps, listQuery(c))));
  scim.post("/Groups", async (c) => {
    const group = await createGroup(deps, { caller: c.get("caller"), body: await readJson(c) });
    return scimJson(c, group, 201, { location: `${scimBaseUrl(deps)}/Groups/${group.id}` });
  });
  scim.get("/Groups/:id", async (c) =>
    scimJson(
      c,
      await getGroup(deps, {
        id: c.req.param("id"),
        query: {
          attributes: c.req.query("attributes"),
          excludedAttributes: c.req.query("excludedAttributes"),
        },
      }),
    ),
  );
  scim.put("/Groups/:id", async (c) =>
    scimJson(
      c,
      await replaceGroup(deps, {
        caller: c.get("caller"),
        id: c.req.param("id"),
        body: await readJson(c),
      }),
    ),
  );
  scim.patch("/Groups/:id", async (c) =>
    scimJson(
      c,
      await patchGroupById(deps, {
        caller: c.get("caller"),
        id: c.req.param("id"),
        body: await readJson(c),
      }),
    ),
  );
  scim.delete("/Groups/:id", async (c) => {
    await deleteGroup(deps, { caller: c.get("caller"), id: c.req.param("id") });
    return c.body(null, 204);
  });

  scim.all("*", (c) => {
    throw new ScimError({
      status: 404,
      detail: `There is nothing at ${c.req.method} ${c.req.path}.`,
    });
  });

  app.route("/scim/v2", scim);
}
