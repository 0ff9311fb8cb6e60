import { describe, expect, it } from "vitest";
import { clientAddress } from "./auth.rules.js";

// Rate limits, sessions and the audit trail name the address a request came from. Behind a
// reverse proxy every socket is the proxy's: only a proxy the organisation trusts may say who
// it is forwarding for, and only its own hop of X-Forwarded-For is believed.

const proxies = ["10.0.0.2", "10.0.0.3"];

describe("the address a request came from", () => {
  it.each([
    {
      case: "a direct request is its socket's address, whatever it claims",
      socket: "203.0.113.9",
      forwardedFor: "198.51.100.1",
      expected: "203.0.113.9",
    },
    {
      case: "through a trusted proxy it is the address the proxy forwarded for",
      socket: "10.0.0.2",
      forwardedFor: "198.51.100.7",
      expected: "198.51.100.7",
    },
    {
      case: "an address the client put in the header itself is not believed",
      socket: "10.0.0.2",
      forwardedFor: "1.2.3.4, 198.51.100.7",
      expected: "198.51.100.7",
    },
    {
      case: "two trusted proxies in a row are both skipped",
      socket: "10.0.0.2",
      forwardedFor: "198.51.100.7, 10.0.0.3",
      expected: "198.51.100.7",
    },
    {
      case: "a trusted proxy that forwards nothing is itself the client",
      socket: "10.0.0.2",
      forwardedFor: undefined,
      expected: "10.0.0.2",
    },
    {
      case: "an IPv4 address seen over IPv6 is the same address",
      socket: "::ffff:10.0.0.2",
      forwardedFor: "198.51.100.7",
      expected: "198.51.100.7",
    },
    {
      case: "no socket address is unknown",
      socket: undefined,
      forwardedFor: "198.51.100.7",
      expected: "unknown",
    },
  ])("$case", ({ socket, forwardedFor, expected }) => {
    expect(clientAddress({ socket, forwardedFor, trustedProxies: proxies })).toBe(expected);
  });

  it("believes no header when no proxy is trusted", () => {
    expect(
      clientAddress({ socket: "10.0.0.2", forwardedFor: "198.51.100.7", trustedProxies: [] }),
    ).toBe("10.0.0.2");
  });
});
