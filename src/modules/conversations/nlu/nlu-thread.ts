import { Worker } from 'node:worker_threads';
import type { NluRequest } from './nlu.worker.ts';
import {
  type MessageUnderstanding,
  type UnderstandOptions,
  understandMessage,
} from './understand-message.ts';

// Understanding a message costs 5–15 ms of CPU (Recognizers-Text mostly). On the main thread that is
// time every webhook acknowledgement and every embedded-database query waits for; in a worker thread it
// runs beside them. `chaud serve` and `chaud worker` start the thread; without it (tests, scripts) the
// same function runs inline, and a thread that fails falls back to inline for that message.

interface Pending {
  resolve: (understanding: MessageUnderstanding) => void;
  reject: (error: Error) => void;
}

class NluThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Answers from the thread, and messages understood inline because the thread failed. */
  readonly counts = { answered: 0, fellBack: 0 };

  start(): void {
    if (this.worker) return;
    const worker = new Worker(new URL('./nlu.worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (answer: { id: number; result?: MessageUnderstanding; error?: string }) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if (answer.result) {
        this.counts.answered++;
        waiting.resolve(answer.result);
      } else waiting.reject(new Error(answer.error ?? 'NLU thread failed'));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`NLU thread exited with code ${code}`)));
    this.worker = worker;
  }

  get isRunning(): boolean {
    return this.worker !== null;
  }

  understand(text: string | null, options: NluRequest['options']): Promise<MessageUnderstanding> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('NLU thread not started'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, options } satisfies NluRequest);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

const thread = new NluThread();

/** Starts the NLU thread of this process (idempotent). */
export function startNluThread(): void {
  thread.start();
}

export function stopNluThread(): Promise<void> {
  return thread.stop();
}

export function isNluThreadRunning(): boolean {
  return thread.isRunning;
}

export function nluThreadCounts(): { answered: number; fellBack: number } {
  return { ...thread.counts };
}

/** `understandMessage` in the NLU thread when it runs, inline otherwise (same answer either way). */
export async function understandLeadMessage(
  text: string | null | undefined,
  options: UnderstandOptions,
): Promise<MessageUnderstanding> {
  if (!thread.isRunning || options.classifier) return understandMessage(text, options);
  const { classifier: _ignored, ...cloneable } = options;
  try {
    return await thread.understand(text ?? null, cloneable);
  } catch {
    thread.counts.fellBack++;
    return understandMessage(text, options);
  }
}
