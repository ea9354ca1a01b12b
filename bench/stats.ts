/** Timing helpers: repeated runs, medians and 95th percentiles. */
import { readFileSync } from 'node:fs';

export interface Sample {
  median: number;
  p95: number;
  runs: number;
}

export interface SampleOptions {
  /** How many measured runs (fewer if the time budget runs out first, but at least `minRuns`). */
  runs: number;
  /** Stop after this many milliseconds of measuring. */
  budgetMs?: number;
  minRuns?: number;
  /** Unmeasured runs first (JIT warm-up); default 1 when there are at least 5 runs. */
  warmup?: number;
}

export function summarise(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), runs: sorted.length };
}

/** Runs `fn` repeatedly; `fn` returns the milliseconds it measured (or is timed as a whole). */
export async function sample(
  options: SampleOptions,
  fn: (run: number) => Promise<number | void> | number | void,
): Promise<Sample> {
  const warmup = options.warmup ?? (options.runs >= 5 ? 1 : 0);
  let run = 0;
  for (let i = 0; i < warmup; i++) await fn(run++);
  const values: number[] = [];
  const budgetEnd = performance.now() + (options.budgetMs ?? Infinity);
  const minRuns = Math.min(options.runs, options.minRuns ?? 3);
  while (values.length < options.runs) {
    if (values.length >= minRuns && performance.now() > budgetEnd) break;
    const start = performance.now();
    const measured = await fn(run++);
    values.push(typeof measured === 'number' ? measured : performance.now() - start);
  }
  return summarise(values);
}

/**
 * The CPU time `fn` takes in this process, in milliseconds (user + system, all threads). Unlike
 * wall-clock time it leaves out the time spent waiting for a core that other jobs hold, which on
 * a shared 2-core machine is often several milliseconds per wake-up.
 */
export async function cpuTime(fn: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Peak resident memory of a process (VmHWM), in MB; undefined where /proc is not available. */
export function peakRssMb(pid: number = process.pid): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
