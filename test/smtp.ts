import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll } from "vitest";

/**
 * A real SMTP receiver on a free port, closed after the test file. Every accepted message is kept
 * raw. With `hold`, each message is accepted only after `release()`, to prove who waits for mail.
 */
export async function startSmtpReceiver({ hold = false }: { hold?: boolean } = {}) {
  const messages: string[] = [];
  let release: () => void = () => {};
  const gate = hold
    ? new Promise<void>((resolve) => {
        release = resolve;
      })
    : Promise.resolve();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void gate.then(() => {
          messages.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port, messages, release };
}
