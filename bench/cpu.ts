// CPU time of the processes taking part in a load run (Linux /proc), to tell who saturates the cores —
// and how much went to other processes on the machine, which makes a run's figures less reliable.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100;

function readTicks(pid: number | string): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime are fields 14 and 15, i.e. 12th and 13th after "pid (comm) ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * PostgreSQL processes working for this bench: backends connected to its databases
 * (`chaud_bench_<pid>_…`) and the shared server processes (postmaster, WAL writer, checkpointer…),
 * but not the backends of other databases (tests running beside the bench).
 */
function benchPostgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  if (!fs.existsSync('/proc')) return ticks;
  const ownDatabases = `chaud_bench_${process.pid}_`;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const isPostgres = cmdline.startsWith('postgres:') || /\/postgres\0/.test(cmdline);
    if (!isPostgres) continue;
    const isClientBackend = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(cmdline);
    if (isClientBackend && !cmdline.includes(ownDatabases)) continue;
    const value = readTicks(entry);
    if (value !== null) ticks.set(entry, value);
  }
  return ticks;
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
function readMachineTicks(): { busy: number; total: number } {
  try {
    const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const numbers = values.map(Number);
    const total = numbers.reduce((sum, value) => sum + value, 0);
    const idle = (numbers[3] ?? 0) + (numbers[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** CPU the machine spends over `ms` before the bench starts, in percent of one core (nothing of ours runs). */
export async function measureMachineBusy(ms = 2_000): Promise<number> {
  const before = readMachineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = readMachineTicks();
  const elapsed = after.total - before.total;
  return elapsed > 0
    ? Math.round(((after.busy - before.busy) / elapsed) * os.availableParallelism() * 100)
    : 0;
}

export interface CpuShare {
  /** Percent of one core over the run (200 = both cores of a 2-core machine). */
  server: number;
  postgres: number;
  loadGenerator: number;
  /** Everything else that ran on the machine meanwhile (other processes, kernel). */
  others: number;
}

/** Starts counting; the returned function gives each party's CPU share since then. */
export function startCpuCount(serverPid: number | undefined): () => CpuShare {
  const started = performance.now();
  const server = serverPid ? (readTicks(serverPid) ?? 0) : 0;
  const postgres = benchPostgresTicks();
  const machine = readMachineTicks();
  const self = process.cpuUsage();
  // A process that has exited has no /proc entry left (an import and its backends): keep the last
  // reading of each, taken every 200 ms.
  let serverLast = server;
  const postgresLast = new Map(postgres);
  const takeReadings = () => {
    serverLast = (serverPid ? readTicks(serverPid) : null) ?? serverLast;
    for (const [pid, value] of benchPostgresTicks()) postgresLast.set(pid, value);
  };
  const poll = setInterval(takeReadings, 200);
  poll.unref();
  return () => {
    clearInterval(poll);
    takeReadings();
    const seconds = (performance.now() - started) / 1000;
    const percentOf = (ticks: number) => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100);
    let postgresTicks = 0;
    // Per process, so a backend that appeared meanwhile counts from zero and none counts negative.
    for (const [pid, value] of postgresLast) postgresTicks += value - (postgres.get(pid) ?? 0);
    const selfUsage = process.cpuUsage(self);
    const machineNow = readMachineTicks();
    const share = {
      server: serverPid ? percentOf(serverLast - server) : 0,
      postgres: percentOf(postgresTicks),
      loadGenerator: Math.round(((selfUsage.user + selfUsage.system) / 1e6 / seconds) * 100),
    };
    // /proc/stat counts jiffies of all CPUs together; scale to "percent of one core".
    const elapsedJiffies = machineNow.total - machine.total;
    const machineBusy =
      elapsedJiffies > 0
        ? ((machineNow.busy - machine.busy) / elapsedJiffies) * os.availableParallelism() * 100
        : 0;
    const others = Math.max(0, Math.round(machineBusy - share.server - share.postgres - share.loadGenerator));
    return { ...share, others };
  };
}

export function describeCpu(share: CpuShare): string {
  return `CPU server ${share.server}%, PostgreSQL ${share.postgres}%, load generator ${share.loadGenerator}%, other processes ${share.others}%`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median CPU that other processes took during these runs (percent of one core). */
export function medianOthers(...series: CpuShare[][]): number {
  return Math.max(0, ...series.map((shares) => median(shares.map((share) => share.others))));
}

/** Median CPU shares over repetitions, as a note for the results. */
export function describeMedianCpu(label: string, shares: CpuShare[]): string {
  return `${label}: median ${describeCpu({
    server: median(shares.map((share) => share.server)),
    postgres: median(shares.map((share) => share.postgres)),
    loadGenerator: median(shares.map((share) => share.loadGenerator)),
    others: median(shares.map((share) => share.others)),
  })} (100% = one core).`;
}
