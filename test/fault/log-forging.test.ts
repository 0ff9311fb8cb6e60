import pino from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import { cliLogLine } from "../../src/cli/context.js";
import { createTestDeps, send } from "../helpers.js";

// Log lines cannot be forged (OWASP ASVS 7.3.1): the server logs pino JSON, where every value
// (a path, an error message, whatever a client sent) is a JSON string with its newlines escaped,
// so one event is one line whatever it holds. The CLI's readable log lines escape control
// characters. A forged line is one that a log reader would take for an event of its own.

const FORGED = '\n{"level":30,"time":0,"msg":"forged: admin signed in"}\r\n';

const deps = await createTestDeps();
const written: string[] = [];
const logger = pino({ level: "info" }, { write: (line: string) => void written.push(line) });
const app = createApp({ ...deps, logger, webDir: null });
// A handler that fails with the client's text in its error, as a driver or parser error quoting
// its input would: the app's error handler logs it.
app.post("/fault/fails/:name", async (c) => {
  const body = (await c.req.json()) as { note: string };
  throw new Error(`could not handle ${c.req.param("name")}: ${body.note}`);
});

/** Every line the logger wrote, parsed. A forged line would show up as an entry of its own. */
function entries() {
  const text = written.join("");
  const lines = text.split("\n").filter((line) => line !== "");
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the server's log", () => {
  it("writes one line for one failed request whose path and body carry a forged line", async () => {
    written.length = 0;
    const res = await send(app, `/fault/fails/${encodeURIComponent(FORGED)}`, {
      body: { note: FORGED },
    });
    expect(res.status).toBe(500);
    expect(written).toHaveLength(1);
    expect(written[0]!.endsWith("\n")).toBe(true);
    expect(written[0]!.slice(0, -1)).not.toMatch(/[\n\r]/);
    const [entry] = entries();
    expect(entries()).toHaveLength(1);
    expect(entry!.msg).toBe("unexpected error");
    // The text is all there, as data inside the one line.
    const err = entry!.err as { message: string };
    expect(err.message).toContain(FORGED);
    expect(String(entry!.path)).toContain("fails");
    expect(entries().some((e) => e.msg === "forged: admin signed in")).toBe(false);
  });

  it("writes no line at all for a refused request, however its body is built", async () => {
    written.length = 0;
    for (const body of [FORGED, `{"email":${JSON.stringify(FORGED)}}`, `${FORGED}{`]) {
      const res = await send(app, "/api/v1/auth/sign-in", { body });
      expect(res.status).toBeLessThan(500);
    }
    const res = await send(app, `/api/v1/people/${encodeURIComponent(FORGED)}`);
    expect(res.status).toBe(401);
    expect(entries()).toEqual([]);
  });

  it("cannot be handed a header with a line break: HTTP refuses it before the app sees it", () => {
    expect(() => new Headers({ "user-agent": `curl${FORGED}` })).toThrow();
  });
});

describe("the CLI's readable log lines", () => {
  const line = (entry: object) => `${JSON.stringify(entry)}\n`;

  it("print one line for a message that holds line breaks, with them shown escaped", () => {
    const out = cliLogLine(line({ level: 40, msg: `mail delivery failed${FORGED}` }))!;
    expect(out.split("\n")).toEqual([
      'headway: mail delivery failed\\u000a{"level":30,"time":0,"msg":"forged: admin signed in"}\\u000d\\u000a',
      "",
    ]);
  });

  it("escape an error's text, terminal escape sequences and Unicode line separators", () => {
    const out = cliLogLine(
      line({
        level: 50,
        msg: "job failed",
        err: { message: "550 no\u001b[2J\u2028such user\r\nok" },
      }),
    )!;
    expect(out).toBe("headway: job failed: 550 no\\u001b[2J\\u2028such user\\u000d\\u000aok\n");
    const controls = [...out.slice(0, -1)].filter((ch) => ch < " " || ch === "\u2028");
    expect(controls).toEqual([]);
  });

  it("print text that is not JSON as one escaped line, and skip entries without a message", () => {
    expect(cliLogLine("plain\ntext\n")).toBe("headway: plain\\u000atext\n");
    expect(cliLogLine(line({ level: 30, postgres: "ready" }))).toBeNull();
    expect(cliLogLine(line({ level: 30, msg: "Headway is running" }))).toBe(
      "headway: Headway is running\n",
    );
  });
});
