import { describe, expect, it } from "vitest";
import { makeUser } from "../../../test/factories.js";
import { createTestDeps, send, testApp } from "../../../test/helpers.js";
import { startSmtpReceiver } from "../../../test/smtp.js";
import { settleBackgroundTasks } from "../../db/transaction.js";

describe("a password reset request", () => {
  it("is answered before its mail is delivered, so its timing cannot tell that the account exists", async () => {
    const smtp = await startSmtpReceiver({ hold: true });
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
    expect(smtp.messages).toHaveLength(0);

    smtp.release();
    await settleBackgroundTasks();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatch(/Subject: Reset your Headway password/);
  });
});
