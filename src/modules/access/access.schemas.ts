import { z } from 'zod';

export const ZRole = z.enum(['admin', 'marketer', 'sales_rep']);

export const ZCreateUserInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  role: ZRole,
  password: z.string().min(8).max(200).optional(),
  timezone: z.string().min(1).max(64).default('Europe/Paris'),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
    .optional(),
});
export type CreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  timezone: z.string(),
  slug: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof ZUser>;

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1).max(200),
  userId: z.string().optional(),
});
export type CreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

export const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string(),
  userId: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const ZLoginInput = z.object({
  email: z.string().trim().toLowerCase(),
  password: z.string().min(1).max(200),
});
