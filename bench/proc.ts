/**
 * Reads a process's CPU time, memory and children from Linux's /proc.
 *
 * @module
 */

/** Clock ticks per second of /proc/<pid>/stat's times (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) of `pid` in seconds, or NaN. */
export function cpuSeconds(pid: number | "self"): number {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // Fields after the command name, which may contain spaces and ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Resident set size of `pid` in bytes, or NaN once it is gone. */
export function rssBytes(pid: number | "self"): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Direct children of `pid`, from every thread's `children` list. */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
      const text = Deno.readTextFileSync(
        `/proc/${pid}/task/${task.name}/children`,
      );
      children.push(...text.trim().split(/\s+/).filter(Boolean).map(Number));
    }
  } catch {
    // the process has exited
  }
  return children;
}

/** The command line of `pid`, with arguments joined by spaces. */
export function commandLine(pid: number): string {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).split("\0").join(" ")
      .trim();
  } catch {
    return "";
  }
}

/** This process's soft limit on open files (`ulimit -n`). */
export function openFileLimit(): number {
  const limits = Deno.readTextFileSync("/proc/self/limits");
  const match = /^Max open files\s+(\d+)/m.exec(limits);
  return match ? Number(match[1]) : 1024;
}

/** A description of the machine: CPU model, cores, memory. */
export function machine(): { cpu: string; cores: number; memory: string } {
  const cpuinfo = Deno.readTextFileSync("/proc/cpuinfo");
  const cpu = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1].trim() ??
    "unknown";
  const meminfo = Deno.readTextFileSync("/proc/meminfo");
  const kib = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? NaN);
  return {
    cpu,
    cores: navigator.hardwareConcurrency,
    memory: `${(kib / 1024 / 1024).toFixed(1)} GiB`,
  };
}
