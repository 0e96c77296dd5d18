/**
 * The `deno serve` command line that runs a server module: shared by
 * `deno task start`, `deno task dev` and the benchmark's baseline, so all of
 * them run with the same permissions and flags.
 *
 * @module
 */

/** Where and how many workers to serve with. */
export interface ServeOptions {
  hostname: string;
  port: number;
  /** More than 1 adds `--parallel`; the caller sets `DENO_JOBS`. */
  workers?: number;
  /** Extra flags before the module, e.g. `--watch=...`. */
  flags?: string[];
}

/** Arguments for `deno` that serve `entry` (a path) as `options` say. */
export function serveArgs(entry: string, options: ServeOptions): string[] {
  const args = [
    "serve",
    "--allow-net",
    "--allow-env",
    "--allow-read",
    ...options.flags ?? [],
    "--host",
    options.hostname,
    "--port",
    String(options.port),
  ];
  if ((options.workers ?? 1) > 1) args.push("--parallel");
  args.push(entry);
  return args;
}

/**
 * Ends the program with exit code 2 and one plain line when `hostname:port`
 * cannot be listened on (in use, or a privileged port), rather than letting
 * `deno serve` fail later with a stack trace.
 */
export function ensureCanListen(options: ServeOptions): void {
  if (options.port === 0) return;
  try {
    Deno.listen({ hostname: options.hostname, port: options.port }).close();
  } catch (error) {
    const why = error instanceof Deno.errors.AddrInUse
      ? "is already in use"
      : `cannot be used (${(error as Error).message})`;
    console.error(
      `Cannot start: ${options.hostname}:${options.port} ${why}; set PORT or HOSTNAME`,
    );
    Deno.exit(2);
  }
}
