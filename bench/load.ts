// HTTP load through autocannon's programmatic API: keep-alive clients on loopback, for a fixed time.
import autocannon from 'autocannon';
import { type CpuShare, startCpuCount } from './cpu.ts';

type AutocannonOptions = Parameters<typeof autocannon>[0];

export interface LoadResult {
  /** 2xx responses per second of the run. */
  okPerSecond: number;
  ok: number;
  failed: number;
  statusCodes: Record<string, number>;
  latencyP50Ms: number;
  latencyP99Ms: number;
  seconds: number;
  cpu: CpuShare;
}

/** `serverPid`: the process under test, whose CPU share is reported with the PostgreSQL one. */
export async function runLoad(options: AutocannonOptions, serverPid?: number): Promise<LoadResult> {
  const stopCpuCount = startCpuCount(serverPid);
  const result = await new Promise<Parameters<Parameters<typeof autocannon>[1]>[1]>((resolve, reject) => {
    autocannon({ timeout: 10, ...options }, (error, output) => (error ? reject(error) : resolve(output)));
  });
  const cpu = stopCpuCount();
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
  );
  return {
    okPerSecond: result['2xx'] / result.duration,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    statusCodes,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    seconds: result.duration,
    cpu,
  };
}
