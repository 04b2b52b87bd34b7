// Baseline of GET /api/v1/leads/:id: a bare node:http server doing the same work as the Chaud route —
// Bearer key → SHA-256 → lookup by hash (cached 5 s as the app does, with the same last_used_at update),
// the same two SQL statements Drizzle sends, prepared by name as the app prepares them, the same DTO,
// JSON.stringify — and nothing else.
import { createHash } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

pg.types.setTypeParser(20, (value) => Number(value));
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const API_KEY_CACHE_MS = 5_000;
const apiKeyCache = new Map<string, { workspaceId: string; expiresAt: number }>();

const SELECT_KEY =
  'select "api_keys"."id", "api_keys"."workspace_id", "api_keys"."user_id", "users"."role", "users"."is_active" from "api_keys" left join "users" on "users"."id" = "api_keys"."user_id" where ("api_keys"."key_hash" = $1 and "api_keys"."revoked_at" is null)';
const TOUCH_KEY = 'update "api_keys" set "last_used_at" = $1 where "api_keys"."id" = $2';
const SELECT_LEAD =
  'select "id", "workspace_id", "first_name", "last_name", "job_title", "language", "country", "timezone", "email", "phone", "whatsapp_id", "company_name", "company_domain", "company_size", "company_industry", "first_touch", "last_touch", "source", "attributes", "stage", "temperature", "score", "fit_score", "engagement_score", "owner_id", "merged_into_id", "version", "created_at", "updated_at" from "leads" where ("leads"."workspace_id" = $1 and "leads"."id" = $2)';
const SELECT_IDENTITIES =
  'select "kind", "value" from "lead_identities" where ("lead_identities"."workspace_id" = $1 and "lead_identities"."lead_id" = $2) order by "lead_identities"."created_at"';

async function authenticate(header: string | undefined): Promise<string | null> {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) return null;
  const keyHash = createHash('sha256').update(match[1]!).digest('hex');
  const cached = apiKeyCache.get(keyHash);
  const nowMs = Date.now();
  if (cached && cached.expiresAt > nowMs) return cached.workspaceId;
  const { rows } = await pool.query(SELECT_KEY, [keyHash]);
  const row = rows[0] as { id: string; workspace_id: string; is_active: boolean | null } | undefined;
  if (!row || row.is_active === false) return null;
  apiKeyCache.set(keyHash, { workspaceId: row.workspace_id, expiresAt: nowMs + API_KEY_CACHE_MS });
  await pool.query(TOUCH_KEY, [new Date(), row.id]);
  return row.workspace_id;
}

type Row = Record<string, unknown> & { created_at: Date; updated_at: Date };

function toDto(row: Row, identities: unknown[]) {
  const hasCompany = row.company_name || row.company_domain || row.company_size || row.company_industry;
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    jobTitle: row.job_title,
    language: row.language,
    country: row.country,
    timezone: row.timezone,
    email: row.email,
    phone: row.phone,
    whatsappId: row.whatsapp_id,
    company: hasCompany
      ? {
          name: row.company_name,
          domain: row.company_domain,
          size: row.company_size,
          industry: row.company_industry,
        }
      : null,
    source: row.source,
    firstTouch: row.first_touch ?? null,
    lastTouch: row.last_touch ?? null,
    attributes: row.attributes,
    stage: row.stage,
    temperature: row.temperature,
    score: row.score,
    fitScore: row.fit_score,
    engagementScore: row.engagement_score,
    ownerId: row.owner_id,
    mergedIntoId: row.merged_into_id,
    identities,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  if (request.url === '/health') return send(response, 200, { status: 'ok' });
  const match = /^\/api\/v1\/leads\/([^/?]{1,100})$/.exec(request.url ?? '');
  if (request.method !== 'GET' || !match) return send(response, 404, { error: { code: 'NOT_FOUND' } });
  const workspaceId = await authenticate(request.headers.authorization);
  if (!workspaceId) return send(response, 401, { error: { code: 'UNAUTHORIZED' } });
  const leadId = decodeURIComponent(match[1]!);
  const { rows } = await pool.query({
    name: 'bare_get_lead',
    text: SELECT_LEAD,
    values: [workspaceId, leadId],
  });
  if (!rows[0]) return send(response, 404, { error: { code: 'LEAD_NOT_FOUND' } });
  const identities = await pool.query({
    name: 'bare_get_lead_identities',
    text: SELECT_IDENTITIES,
    values: [workspaceId, leadId],
  });
  send(response, 200, toDto(rows[0] as Row, identities.rows));
}

const server = http.createServer((request, response) => {
  handle(request, response).catch(() => send(response, 500, { error: { code: 'INTERNAL' } }));
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
