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
