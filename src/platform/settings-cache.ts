import type { Database } from './db/database.ts';
import { type Notifications, notifyOnCommit } from './notifications.ts';

// Every capture batch and every agent turn read the same few rows of workspace settings (the
// scoring grid, the qualification settings, whether routing is set up): three statements of a
// capture batch's dozen, each built, sent and parsed on the server's one thread. They change a few
// times a month, so each process keeps them for a few seconds. A change is announced in its own
// transaction: the writing process forgets the value at once, every process (this one included)
// again when the change commits (NOTIFY), and the delay bounds what a lost notification costs.
const SETTINGS_CHANNEL = 'chaud_settings_changed';
const DEFAULT_TTL_MS = 5_000;

/** Transactions that announced a change: what they read may never commit, so it is not kept. */
const changingTransactions = new WeakSet<object>();

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * One kind of workspace settings, cached per workspace for `ttlMs`. Values are shared between
 * callers: never mutate one.
 */
export class SettingsCache<T> {
  readonly kind: string;
  private readonly ttlMs: number;
  private readonly entries = new Map<string, Entry<T>>();
  /** Bumped by every forget: a load that started before it may hold the old value. */
  private generation = 0;

  constructor(kind: string, ttlMs = DEFAULT_TTL_MS) {
    this.kind = kind;
    this.ttlMs = ttlMs;
  }

  /** The cached value, or `load(tx)`'s (kept unless a change was announced meanwhile or by `tx`). */
  async get(tx: Database, workspaceId: string, load: (tx: Database) => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(workspaceId);
    if (entry && entry.expiresAt > now) return entry.value;
    const generation = this.generation;
    const value = await load(tx);
    if (generation === this.generation && !changingTransactions.has(tx))
      this.entries.set(workspaceId, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  forget(workspaceId: string): void {
    this.generation++;
    this.entries.delete(workspaceId);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new Map<string, SettingsCache<unknown>>();

/** The process's cache for one kind of settings (one per kind, whoever asks). */
export function settingsCache<T>(kind: string): SettingsCache<T> {
  let cache = caches.get(kind);
  if (!cache) {
    cache = new SettingsCache<unknown>(kind);
    caches.set(kind, cache);
  }
  return cache as SettingsCache<T>;
}

/**
 * Called by the transaction that writes settings of `kind`: forgets them in this process now and in
 * every process when `tx` commits (nothing is sent if it rolls back).
 */
export async function announceSettingsChange(tx: Database, kind: string, workspaceId: string): Promise<void> {
  changingTransactions.add(tx);
  caches.get(kind)?.forget(workspaceId);
  await notifyOnCommit(tx, SETTINGS_CHANNEL, { kind, workspaceId });
}

function isChangeNotice(payload: unknown): payload is { kind: string; workspaceId: string } {
  const notice = payload as { kind?: unknown; workspaceId?: unknown } | null;
  return typeof notice?.kind === 'string' && typeof notice.workspaceId === 'string';
}

/** Listens for announced changes (once per process, by the composition root). */
export function forgetSettingsOnNotice(notifications: Notifications): Promise<() => void> {
  return notifications.subscribe(SETTINGS_CHANNEL, (payload) => {
    if (isChangeNotice(payload)) caches.get(payload.kind)?.forget(payload.workspaceId);
    else for (const cache of caches.values()) cache.forgetAll();
  });
}
