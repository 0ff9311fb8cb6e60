// SCIM 2.0 (RFC 7643, RFC 7644): the schema URNs and the shapes Headway reads and writes.

export const URN = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterprise: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  group: "urn:ietf:params:scim:schemas:core:2.0:Group",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

/** The roles a group can be mapped to. */
export const scimRoles = ["hr", "ld", "admin"] as const;
export type ScimRole = (typeof scimRoles)[number];

/** RFC 7644 §3.12 error types Headway answers with. */
export type ScimType =
  | "invalidFilter"
  | "invalidSyntax"
  | "invalidPath"
  | "invalidValue"
  | "noTarget"
  | "uniqueness"
  | "mutability"
  | "tooMany";

/** A refusal in SCIM's terms: HTTP status, optional scimType, and a sentence for the IdP's admin. */
export type ScimProblem = { status: number; scimType?: ScimType; detail: string };

export type Result<T> = { ok: true; value: T } | { ok: false; problem: ScimProblem };

/**
 * Everything about a user that the identity provider controls, as Headway keeps it. The person's
 * `email` and `name` follow from it (see `personFieldsOf`).
 */
export type UserState = {
  userName: string;
  /** The email when userName is not one (from `emails`); otherwise ignored. */
  email: string;
  givenName: string | null;
  familyName: string | null;
  formatted: string | null;
  displayName: string | null;
  title: string;
  active: boolean;
  externalId: string | null;
  department: string;
  employeeNumber: string | null;
  managerId: string | null;
};

export type GroupState = {
  displayName: string;
  externalId: string | null;
  /** Person ids. */
  members: string[];
};

/** A person as SCIM presents them: the row, what SCIM said of them, their manager and groups. */
export type PersonForScim = {
  id: string;
  email: string;
  name: string;
  title: string;
  department: string;
  employeeId: string | null;
  externalId: string | null;
  managerId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  scim: {
    userName: string;
    givenName: string | null;
    familyName: string | null;
    formatted: string | null;
    displayName: string | null;
  } | null;
  managerName: string | null;
  groups: { id: string; displayName: string }[];
};

export type GroupForScim = {
  id: string;
  displayName: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
  members: { id: string; name: string }[];
};
