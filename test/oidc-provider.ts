import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A real OpenID provider for tests: `oidc-provider` (a certified implementation) on a free port
// of this machine, with one confidential client and accounts the test adds. Its login page is
// a plain HTML form that accepts any known login name without a password, and consent is given
// at once: the test drives it with fetch like a browser would.

export type TestAccount = {
  /** The subject (`sub`): the provider's stable id for the person. */
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
};

type Claims = Record<string, unknown>;
type Account = { accountId: string; claims: () => Promise<Claims> };
type InteractionDetails = {
  uid: string;
  grantId?: string;
  params: Record<string, string | undefined>;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
};
type GrantInstance = {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
};
type ProviderInstance = {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (input: { accountId: string; clientId: string }): GrantInstance;
    find(id: string): Promise<GrantInstance | undefined>;
  };
};
type ProviderConstructor = new (
  issuer: string,
  configuration: Record<string, unknown>,
) => ProviderInstance;

/**
 * Loaded once. It warns on import that Node 20 is not a runtime it supports; it works on it, and
 * the warning would only be noise in every test run.
 */
async function loadProvider(): Promise<ProviderConstructor> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("Unsupported runtime")) warn(...args);
  };
  try {
    // @ts-expect-error oidc-provider ships no type declarations; the parts used are typed above.
    const module = (await import("oidc-provider")) as { Provider: ProviderConstructor };
    return module.Provider;
  } finally {
    console.warn = warn;
  }
}

/**
 * The provider's storage, in memory (its own in-memory adapter works too, but announces on
 * stderr that it is for development; so is this).
 */
class MapAdapter {
  private static store = new Map<string, { payload: Record<string, unknown>; expiresAt: number }>();
  constructor(private readonly model: string) {}
  private key(id: string) {
    return `${this.model}:${id}`;
  }
  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
    MapAdapter.store.set(this.key(id), {
      payload,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY,
    });
  }
  async find(id: string) {
    const entry = MapAdapter.store.get(this.key(id));
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    return entry.payload;
  }
  async findByUid(uid: string) {
    for (const [key, entry] of MapAdapter.store)
      if (key.startsWith(`${this.model}:`) && entry.payload.uid === uid) return entry.payload;
    return undefined;
  }
  async findByUserCode(userCode: string) {
    for (const [key, entry] of MapAdapter.store)
      if (key.startsWith(`${this.model}:`) && entry.payload.userCode === userCode)
        return entry.payload;
    return undefined;
  }
  async consume(id: string) {
    const entry = MapAdapter.store.get(this.key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MapAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [key, entry] of MapAdapter.store)
      if (entry.payload.grantId === grantId) MapAdapter.store.delete(key);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  addAccount(account: TestAccount): TestAccount;
  close(): Promise<void>;
};

/**
 * Starts a provider on 127.0.0.1 with a free port. `redirectUri` is the relying party's
 * callback (Headway's `${baseUrl}/api/v1/auth/oidc/callback`).
 */
export async function startOidcProvider({
  redirectUri,
  accounts = [],
}: {
  redirectUri: string;
  accounts?: TestAccount[];
}): Promise<TestOidcProvider> {
  const byLogin = new Map<string, TestAccount>();
  const bySub = new Map<string, TestAccount>();
  const addAccount = (account: TestAccount) => {
    bySub.set(account.sub, account);
    byLogin.set(account.sub, account);
    if (account.email) byLogin.set(account.email.toLowerCase(), account);
    return account;
  };
  for (const account of accounts) addAccount(account);

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = "headway";
  const clientSecret = randomBytes(24).toString("base64url");
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });

  const Provider = await loadProvider();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    adapter: MapAdapter,
    jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Grant: 3600,
      Session: 3600,
    },
    async findAccount(_ctx: unknown, sub: string): Promise<Account | undefined> {
      const account = bySub.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            ...(account.email === undefined ? {} : { email: account.email }),
            ...(account.emailVerified === undefined
              ? {}
              : { email_verified: account.emailVerified }),
            ...(account.name === undefined ? {} : { name: account.name }),
          };
        },
      };
    },
  });
  const providerCallback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL) {
    const [, , uid, step] = url.pathname.split("/");
    if (req.method === "GET" && uid && !step) {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(
        `<!doctype html><title>Sign in</title><form method="post" action="/interaction/${escapeHtml(uid)}/login"><label>Login <input name="login"></label><button>Sign in</button></form>`,
      );
      return;
    }
    if (req.method === "POST" && step === "login") {
      const form = await readForm(req);
      const account = byLogin.get((form.get("login") ?? "").toLowerCase());
      if (!account) {
        res.statusCode = 400;
        res.end("Unknown login");
        return;
      }
      const details = await provider.interactionDetails(req, res);
      const grant =
        (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
        new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? "openid"));
      grant.addOIDCClaims(details.prompt.details.missingOIDCClaims ?? []);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.statusCode = 404;
    res.end();
  }

  handle = (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname.startsWith("/interaction/")) {
      interaction(req, res, url).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    providerCallback(req, res);
  };

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------- a browser, as far as a sign-in needs one ----------

type Jar = Map<string, Map<string, string>>;

function storeCookies(jar: Jar, host: string, setCookies: string[]) {
  let cookies = jar.get(host);
  if (!cookies) {
    cookies = new Map();
    jar.set(host, cookies);
  }
  for (const line of setCookies) {
    const [pair, ...attributes] = line.split(";");
    const eq = pair!.indexOf("=");
    const name = pair!.slice(0, eq).trim();
    const value = pair!.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k, v] = a.split("=").map((s) => s.trim());
      if (k?.toLowerCase() === "max-age") return Number(v) <= 0;
      // Only a deletion counts (the epoch): the app's test clock may stand in the past.
      if (k?.toLowerCase() === "expires") return new Date(v ?? "").getUTCFullYear() < 2000;
      return false;
    });
    if (expired || value === "") cookies.delete(name);
    else cookies.set(name, value);
  }
}

const cookieHeader = (jar: Jar, host: string) =>
  [...(jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");

export type Fetcher = (path: string, init?: RequestInit) => Response | Promise<Response>;

/**
 * A cookie-keeping client that follows redirects across the app (reached through `app`, at
 * `appOrigin`) and the provider (reached over the network), and can post a form.
 */
export function testBrowser({ app, appOrigin }: { app: Fetcher; appOrigin: string }) {
  const jar: Jar = new Map();
  const appHost = new URL(appOrigin).host;

  async function request(url: URL, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    const cookie = cookieHeader(jar, url.host);
    if (cookie) headers.set("cookie", cookie);
    const res =
      url.host === appHost
        ? await app(url.pathname + url.search, { ...init, headers })
        : await fetch(url, { ...init, headers, redirect: "manual" });
    storeCookies(jar, url.host, res.headers.getSetCookie());
    return res;
  }

  return {
    /** Cookies the app has set, as a Cookie header. */
    appCookie: () => cookieHeader(jar, appHost),
    setAppCookie(name: string, value: string) {
      storeCookies(jar, appHost, [`${name}=${value}`]);
    },
    /** One request, no redirects followed. */
    request: (url: string, init?: RequestInit) => request(new URL(url, appOrigin), init),
    /**
     * Follows redirects until a page answers, or until the browser is sent to one of the web
     * app's pages (which this client does not render): returns the last response and its URL.
     */
    async follow(
      start: string,
      init?: RequestInit,
      { stopBefore }: { stopBefore?: (url: URL) => boolean } = {},
    ) {
      let url = new URL(start, appOrigin);
      let res = await request(url, init);
      for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops++) {
        const location = res.headers.get("location");
        if (!location) break;
        url = new URL(location, url);
        if (url.host === appHost && !url.pathname.startsWith("/api/")) return { res, url };
        if (stopBefore?.(url)) return { res, url };
        res = await request(url);
      }
      return { res, url };
    },
  };
}

/**
 * Signs in at the provider's login page (`page`, where the flow stopped) as `login`, and follows
 * the redirects back to Headway. Returns where the browser ends up.
 */
export async function loginAtProvider(
  browser: ReturnType<typeof testBrowser>,
  page: { res: Response; url: URL },
  login: string,
  options: { stopBefore?: (url: URL) => boolean } = {},
) {
  const html = await page.res.text();
  const action = html.match(/action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`no login form at ${page.url.href}: ${page.res.status} ${html}`);
  return browser.follow(
    new URL(action, page.url).href,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login }).toString(),
    },
    options,
  );
}
