import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LoopHeadroomOptions {
  /** Event-loop utilisation (0–1) over the last window above which a job waits before it starts. */
  busyAbove: number;
  /** Length of the measured window, ms. */
  windowMs: number;
  /** Longest a job waits for headroom, ms: background work is slowed, never starved. */
  maxWaitMs: number;
}

export const PGLITE_LOOP_HEADROOM: LoopHeadroomOptions = { busyAbove: 0.7, windowMs: 50, maxWaitMs: 2_000 };

/**
 * On PGlite the database runs on the event loop's thread, so a job handler's queries keep that thread
 * busy and incoming requests wait to be read at all (measured: webhook acknowledgements at p50 1.8 s
 * while the handler's own work took 2–3 ms once read). Holding a job's start while the loop has been
 * busy over the last window leaves turns in which sockets are read and requests answered; the jobs
 * still all run, a little later.
 */
export class LoopHeadroom {
  private readonly options: LoopHeadroomOptions;
  private previous = performance.eventLoopUtilization();
  private recentUtilization = 0;
  private sampler: NodeJS.Timeout | null = null;
  private waiters = 0;

  constructor(options: LoopHeadroomOptions) {
    this.options = options;
  }

  /** Utilisation of the last complete window (0 before the first one). */
  get utilization(): number {
    return this.recentUtilization;
  }

  /** Resolves once the loop has headroom, or after `maxWaitMs`. */
  async wait(): Promise<void> {
    this.startSampling();
    if (this.recentUtilization <= this.options.busyAbove) return;
    this.waiters++;
    try {
      const deadline = performance.now() + this.options.maxWaitMs;
      while (this.recentUtilization > this.options.busyAbove && performance.now() < deadline)
        await sleep(this.options.windowMs);
    } finally {
      this.waiters--;
    }
  }

  get waiting(): number {
    return this.waiters;
  }

  stop(): void {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
  }

  private startSampling(): void {
    if (this.sampler) return;
    this.previous = performance.eventLoopUtilization();
    this.sampler = setInterval(() => {
      const current = performance.eventLoopUtilization();
      this.recentUtilization = performance.eventLoopUtilization(current, this.previous).utilization;
      this.previous = current;
    }, this.options.windowMs);
    this.sampler.unref();
  }
}
