import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { settleBackgroundTasks } from "../../db/transaction.js";

/** A real SMTP receiver that holds each message until the test lets it through. */
async function startHoldingReceiver() {
  const received: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void gate.then(() => {
          received.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, received, release };
}

describe("a password reset request", () => {
  it("is answered before its mail is delivered, so its timing cannot tell that the account exists", async () => {
    const smtp = await startHoldingReceiver();
    const deps = await createTestDeps({
      config: {
        smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: null, password: null },
      },
    });
    const app = testApp(deps);
    const user = await makeUser(deps);

    const res = await send(app, "/api/v1/auth/password-reset/request", {
      body: { email: user.email },
    });
    expect(res.status).toBe(202);
    expect(smtp.received).toHaveLength(0);

    smtp.release();
    await settleBackgroundTasks();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatch(/Subject: Reset your Headway password/);
  });
});
