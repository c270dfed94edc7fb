/**
 * CPU time spent by the processes of a benchmark run (Linux /proc), so a run can say where its
 * time went — per request, per process — next to its throughput. Both servers, the database and
 * the load generator share the machine's cores: the ratio of two throughputs follows the ratio of
 * their total CPU per request once the cores are busy.
 */
import fs from 'node:fs';

/** USER_HZ: 100 on every Linux build Node runs on. */
const CLOCK_TICKS = 100;

/** User + system CPU of a process, in ms; null where /proc cannot tell (not Linux, gone). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces), from its closing parenthesis on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** User + system CPU of this process, in ms. */
function selfCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The pid of a local MariaDB/MySQL server, if this machine runs one and /proc shows it. */
export function localDatabasePid(url: string): number | null {
  const host = new URL(url.replace(/^mariadb:/, 'mysql:')).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return null;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

/** A named process to meter; `self` is the load generator (this process). */
export type Metered = { name: string; pid: number } | { name: string; self: true };

/** Starts metering; the function returned gives the CPU ms each process spent since. */
export function startCpuMeter(processes: Metered[]): () => Map<string, number | null> {
  const read = (p: Metered) => ('self' in p ? selfCpuMs() : processCpuMs(p.pid));
  const before = processes.map(read);
  return () =>
    new Map(
      processes.map((p, i) => {
        const after = read(p);
        const start = before[i];
        return [p.name, after === null || start === null ? null : after - start];
      }),
    );
}
