/**
 * Command-line flags for the bench tools, parsed strictly with `node:util`'s
 * `parseArgs`: an unknown flag, a missing value or a malformed number stops
 * the program with one line and exit code 2, before anything starts.
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";

/** The flags a tool accepts, as `parseArgs` takes them. */
export type FlagOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses `args` against `options`; on a mistake prints it and `usage` and
 * exits with code 2.
 */
export function parseFlags<T extends FlagOptions>(
  args: string[],
  options: T,
  usage: string,
): ReturnType<typeof parseArgs<{ options: T; strict: true }>>["values"] {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    fail(`${(error as Error).message}. Usage: ${usage}`);
  }
}

/**
 * Reads an integer flag: `fallback` when absent; otherwise an integer from
 * `min` up, or the program stops naming the flag and the value.
 */
export function integerFlag(
  name: string,
  value: string | undefined,
  fallback: number,
  min = 1,
): number {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    fail(`--${name} is "${value}", expected an integer of at least ${min}`);
  }
  return n;
}

/**
 * Reads a repeatable `--name=KEY=VALUE` flag into an environment; a value
 * without `=` or with a key that is not an environment variable's name
 * stops the program naming the flag and the value.
 */
export function envFlag(
  name: string,
  values: string[] | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const value of values ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (!match) fail(`--${name} is "${value}", expected KEY=VALUE`);
    env[match[1]] = match[2];
  }
  return env;
}

function fail(message: string): never {
  console.error(message);
  Deno.exit(2);
}

/**
 * Reads a tool's one optional positional integer argument, e.g. the count in
 * `deno run -A bench/page_timing.ts 20`; any flag or a second argument stops
 * the program with `usage`.
 */
export function integerArgument(
  args: string[],
  name: string,
  fallback: number,
  usage: string,
): number {
  let positionals: string[];
  try {
    positionals = parseArgs({ args, strict: true, allowPositionals: true })
      .positionals;
  } catch (error) {
    fail(`${(error as Error).message}. Usage: ${usage}`);
  }
  if (positionals.length > 1) fail(`Too many arguments. Usage: ${usage}`);
  const value = positionals[0];
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    fail(`The ${name} is "${value}", expected a positive integer`);
  }
  return n;
}
