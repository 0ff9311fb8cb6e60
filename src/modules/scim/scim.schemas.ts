// What Headway's SCIM service supports, as discovery documents (RFC 7643 §5–7, RFC 7644 §4).
import { URN } from "./scim.types.js";

type Attribute = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  uniqueness?: "none" | "server" | "global";
  description: string;
  subAttributes?: Attribute[];
  referenceTypes?: string[];
};

function attr(a: Attribute): Record<string, unknown> {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? "readWrite",
    returned: "default",
    uniqueness: a.uniqueness ?? "none",
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attr) } : {}),
  };
}

const userAttributes: Attribute[] = [
  {
    name: "userName",
    type: "string",
    required: true,
    uniqueness: "server",
    description:
      "The person's email address (their sign-in). When it is not an email, the primary address in emails is used.",
  },
  {
    name: "name",
    type: "complex",
    description: "The parts of the person's name.",
    subAttributes: [
      { name: "formatted", type: "string", description: "The full name." },
      { name: "givenName", type: "string", description: "Given name." },
      { name: "familyName", type: "string", description: "Family name." },
    ],
  },
  {
    name: "displayName",
    type: "string",
    description: "The name Headway shows; else name.formatted, else given and family name.",
  },
  {
    name: "emails",
    type: "complex",
    multiValued: true,
    description: "Headway keeps one address: userName when it is an email, else the primary one.",
    subAttributes: [
      { name: "value", type: "string", description: "The address." },
      { name: "type", type: "string", description: "work" },
      { name: "primary", type: "boolean", description: "Always the one address." },
    ],
  },
  { name: "title", type: "string", description: "Job title." },
  {
    name: "active",
    type: "boolean",
    description:
      "false deactivates the person: their sessions end and their API tokens are revoked at once.",
  },
  {
    name: "groups",
    type: "complex",
    multiValued: true,
    mutability: "readOnly",
    description: "Groups the person is in (change them through /Groups).",
    subAttributes: [
      { name: "value", type: "string", mutability: "readOnly", description: "Group id." },
      { name: "display", type: "string", mutability: "readOnly", description: "Group name." },
    ],
  },
];

const enterpriseAttributes: Attribute[] = [
  {
    name: "employeeNumber",
    type: "string",
    uniqueness: "server",
    description: "Headway's employee id.",
  },
  { name: "department", type: "string", description: "Department (HR scopes are by department)." },
  {
    name: "manager",
    type: "complex",
    description: "The person's manager: their reporting line. Loops are refused.",
    subAttributes: [
      {
        name: "value",
        type: "string",
        description: "The manager's id in Headway (the id this service gave them).",
      },
      {
        name: "$ref",
        type: "reference",
        referenceTypes: ["User"],
        mutability: "readOnly",
        description: "The manager's URI.",
      },
      {
        name: "displayName",
        type: "string",
        mutability: "readOnly",
        description: "The manager's name.",
      },
    ],
  },
];

const groupAttributes: Attribute[] = [
  {
    name: "displayName",
    type: "string",
    required: true,
    uniqueness: "server",
    description: "The group's name. An admin maps it to a role (HR, L&D, admin) in Headway.",
  },
  {
    name: "members",
    type: "complex",
    multiValued: true,
    description: "Members (users only).",
    subAttributes: [
      { name: "value", type: "string", mutability: "immutable", description: "User id." },
      { name: "display", type: "string", mutability: "readOnly", description: "User name." },
    ],
  },
];

const meta = (base: string, resourceType: string, id: string) => ({
  resourceType,
  location: `${base}/${resourceType === "Schema" ? "Schemas" : "ResourceTypes"}/${id}`,
});

export function schemas(base: string) {
  return [
    {
      schemas: [URN.schema],
      id: URN.user,
      name: "User",
      description: "A person in the organisation.",
      attributes: userAttributes.map(attr),
      meta: meta(base, "Schema", URN.user),
    },
    {
      schemas: [URN.schema],
      id: URN.enterprise,
      name: "EnterpriseUser",
      description: "Employee number, department and manager.",
      attributes: enterpriseAttributes.map(attr),
      meta: meta(base, "Schema", URN.enterprise),
    },
    {
      schemas: [URN.schema],
      id: URN.group,
      name: "Group",
      description: "A group pushed by the identity provider.",
      attributes: groupAttributes.map(attr),
      meta: meta(base, "Schema", URN.group),
    },
  ];
}

export function resourceTypes(base: string) {
  return [
    {
      schemas: [URN.resourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "People",
      schema: URN.user,
      schemaExtensions: [{ schema: URN.enterprise, required: false }],
      meta: meta(base, "ResourceType", "User"),
    },
    {
      schemas: [URN.resourceType],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "Groups; mapped groups give roles",
      schema: URN.group,
      meta: meta(base, "ResourceType", "Group"),
    },
  ];
}

export function serviceProviderConfig(base: string) {
  return {
    schemas: [URN.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description:
          "A SCIM token created by an admin in Headway (Settings → Provisioning), sent as Authorization: Bearer hw_scim_…",
        primary: true,
      },
    ],
    meta: {
      resourceType: "ServiceProviderConfig",
      location: `${base}/ServiceProviderConfig`,
    },
  };
}
