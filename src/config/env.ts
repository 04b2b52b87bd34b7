import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env: everything else receives a parsed Config.
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  CHAUD_DATA_DIR: z.string().min(1).default('.chaud'),
  CHAUD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CHAUD_PUBLIC_URL: z.string().url().optional(),
  CHAUD_ADMIN_EMAIL: z.string().email().optional(),
  CHAUD_ADMIN_PASSWORD: z.string().min(8).optional(),
  CHAUD_ADMIN_API_KEY: z.string().min(24).optional(),
  CHAUD_DEFAULT_COUNTRY: z.string().length(2).default('FR'),
  CHAUD_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  /** Sender of e-mails to leads, `Name <address>` or an address. */
  CHAUD_EMAIL_FROM: z.string().min(3).max(320).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().optional(),
  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_GRAPH_URL: z.string().url().default('https://graph.facebook.com/v23.0'),
  /** Messages per second one process sends from a number (Meta's default limit is 80 for the whole number). */
  WHATSAPP_THROUGHPUT_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(80),
  CHAUD_LLM_BASE_URL: z.string().url().optional(),
  CHAUD_LLM_API_KEY: z.string().optional(),
  CHAUD_LLM_MODEL: z.string().optional(),
});

export type Env = z.infer<typeof ZEnv>;

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  logLevel: Env['CHAUD_LOG_LEVEL'];
  publicUrl: string;
  defaultCountry: string;
  bootstrap: { adminEmail?: string; adminPassword?: string; adminApiKey?: string };
  secret?: string;
  env: Env;
}

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.CHAUD_DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir },
    logLevel: env.CHAUD_LOG_LEVEL,
    publicUrl:
      env.CHAUD_PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`,
    defaultCountry: env.CHAUD_DEFAULT_COUNTRY.toUpperCase(),
    bootstrap: {
      adminEmail: env.CHAUD_ADMIN_EMAIL,
      adminPassword: env.CHAUD_ADMIN_PASSWORD,
      adminApiKey: env.CHAUD_ADMIN_API_KEY,
    },
    secret: env.CHAUD_SECRET,
    env,
  };
}
