// Group commit: concurrent writes of the same kind share one transaction. A write that finds its key
// idle goes at once, alone; writes arriving while one is in flight wait for it and then go together,
// so latency stays minimal when quiet and each write costs less as load grows. When a shared write
// fails, its items are written one by one, so each gets its own answer and a bad item never fails
// its neighbours.

export interface GroupCommitOptions<TItem, TResult> {
  /** Items with the same key may share a write (a workspace, say). */
  keyOf(item: TItem): string;
  /** Writes several items in one transaction, all or nothing; results in the items' order. */
  writeMany(key: string, items: TItem[]): Promise<TResult[]>;
  /** Writes one item alone: a batch of one, and each item of a failed batch. */
  writeOne(item: TItem): Promise<TResult>;
  /** Items written together at most. */
  maxBatch: number;
  /** Writes of one key in flight at once (PGlite has one connection: 1). */
  maxConcurrent: number;
}

interface Pending<TItem, TResult> {
  item: TItem;
  resolve(result: TResult): void;
  reject(error: unknown): void;
}

interface KeyQueue<TItem, TResult> {
  waiting: Pending<TItem, TResult>[];
  running: number;
}

export class GroupCommit<TItem, TResult> {
  private readonly queues = new Map<string, KeyQueue<TItem, TResult>>();
  private readonly options: GroupCommitOptions<TItem, TResult>;

  constructor(options: GroupCommitOptions<TItem, TResult>) {
    this.options = options;
  }

  submit(item: TItem): Promise<TResult> {
    return new Promise((resolve, reject) => {
      const key = this.options.keyOf(item);
      let queue = this.queues.get(key);
      if (!queue) {
        queue = { waiting: [], running: 0 };
        this.queues.set(key, queue);
      }
      queue.waiting.push({ item, resolve, reject });
      this.drain(key, queue);
    });
  }

  private drain(key: string, queue: KeyQueue<TItem, TResult>): void {
    while (queue.running < this.options.maxConcurrent && queue.waiting.length > 0) {
      queue.running += 1;
      void this.writeNextBatch(key, queue).finally(() => {
        queue.running -= 1;
        if (queue.waiting.length > 0) this.drain(key, queue);
        else if (queue.running === 0) this.queues.delete(key);
      });
    }
  }

  private async writeNextBatch(key: string, queue: KeyQueue<TItem, TResult>): Promise<void> {
    // Let requests already received reach the queue before cutting the batch: PGlite answers queries
    // through microtasks only, so without this turn of the event loop no request would ever arrive
    // while another is being written.
    await new Promise((resolve) => setImmediate(resolve));
    const batch = queue.waiting.splice(0, this.options.maxBatch);
    if (batch.length > 0) await this.write(key, batch);
  }

  private async write(key: string, batch: Pending<TItem, TResult>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.options.writeMany(
          key,
          batch.map((pending) => pending.item),
        );
        for (const [index, pending] of batch.entries()) pending.resolve(results[index]!);
        return;
      } catch {
        // One item was invalid or raced another writer: fall through to one transaction each.
      }
    }
    for (const pending of batch) {
      try {
        pending.resolve(await this.options.writeOne(pending.item));
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
