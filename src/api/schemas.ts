import { z } from "@hono/zod-openapi";

// Shared pieces of request and response schemas.

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation.failed" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

export const errorResponses = {
  400: { description: "Invalid input", content: { "application/json": { schema: ErrorSchema } } },
  401: { description: "Not signed in", content: { "application/json": { schema: ErrorSchema } } },
  404: {
    description: "Missing, or not visible to you",
    content: { "application/json": { schema: ErrorSchema } },
  },
  409: {
    description: "Conflict with the current state",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description = "OK") => ({
  content: { "application/json": { schema } },
  description,
});

export const Email = z
  .email("Enter a valid email address.")
  .max(320)
  .transform((v) => v.trim());
export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" } }),
});
