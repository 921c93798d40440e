// Memory of the embedded PostgreSQL server (a process tree of its own, not in the connector's RSS): the sum of
// PSS (proportional set size: shared memory counted once, split between the processes mapping it) over the
// postmaster and its backends. Linux only (/proc); elsewhere undefined.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The postmaster's pid from the cluster's postmaster.pid, or undefined. */
export function postmasterPid(clusterDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** MB of PSS of `pid` and its children, or undefined when /proc cannot tell. */
export function processTreePssMb(pid: number): number | undefined {
  try {
    const children = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((entry) => parentOf(Number(entry)) === pid)
      .map(Number);
    const kb = [pid, ...children].reduce((sum, p) => sum + pssKb(p), 0);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name in parentheses may hold spaces; the fields after its closing parenthesis do not.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function pssKb(pid: number): number {
  try {
    const match = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
