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
  return openFileLimits().soft;
}

/** Soft and hard limits on open files of `pid` (`ulimit -n`, `-Hn`). */
export function openFileLimits(
  pid: number | "self" = "self",
): { soft: number; hard: number } {
  try {
    const limits = Deno.readTextFileSync(`/proc/${pid}/limits`);
    const match = /^Max open files\s+(\d+)\s+(\d+|unlimited)/m.exec(limits);
    if (match) {
      const hard = match[2] === "unlimited" ? 1 << 20 : Number(match[2]);
      return { soft: Number(match[1]), hard };
    }
  } catch {
    // gone, or not Linux
  }
  return { soft: 1024, hard: 1024 };
}

/** Open file descriptors of `pid` right now, or NaN. */
export function openFileCount(pid: number | "self"): number {
  try {
    let n = 0;
    for (const _ of Deno.readDirSync(`/proc/${pid}/fd`)) n++;
    return n;
  } catch {
    return NaN;
  }
}

/**
 * Where a process's resident memory sits, in bytes, from /proc: anonymous
 * (V8's heap, malloc's arenas, buffers), file-backed (the binary's pages)
 * and shared memory. NaN fields once it is gone.
 */
export function residentBreakdown(pid: number): {
  rss: number;
  anon: number;
  file: number;
  shmem: number;
} {
  const nan = { rss: NaN, anon: NaN, file: NaN, shmem: NaN };
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status)?.[1]) *
      1024;
    return {
      rss: kib("VmRSS"),
      anon: kib("RssAnon"),
      file: kib("RssFile"),
      shmem: kib("RssShmem"),
    };
  } catch {
    return nan;
  }
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
