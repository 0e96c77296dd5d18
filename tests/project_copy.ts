/**
 * A copy of the project in a temporary folder whose path has a space in it,
 * for tests that edit sources or must not share `_fresh/` with other tests.
 *
 * @module
 */

import { join } from "node:path";

const ROOT = join(import.meta.dirname!, "..");

/** What a server needs of the project; build output is left behind. */
const PROJECT_FILES = [
  "app.ts",
  "client",
  "components",
  "context.ts",
  "core",
  "deno.json",
  "deno.lock",
  "dev.ts",
  "examples",
  "islands",
  "main.ts",
  "router.tsx",
  "routes",
  "scripts",
  "static",
];

/** A copy of the project; `remove` deletes it. */
export interface ProjectCopy {
  /** Absolute path, ending in `my app`. */
  dir: string;
  remove(): Promise<void>;
}

/** Copies the project to `<temp dir>/my app`. */
export async function copyProject(): Promise<ProjectCopy> {
  const parent = await Deno.makeTempDir({ prefix: "echo-" });
  const dir = join(parent, "my app");
  await Deno.mkdir(dir);
  for (const name of PROJECT_FILES) {
    await copy(join(ROOT, name), join(dir, name));
  }
  return {
    dir,
    remove: () => Deno.remove(parent, { recursive: true }),
  };
}

async function copy(from: string, to: string): Promise<void> {
  const info = await Deno.stat(from);
  if (!info.isDirectory) return await Deno.copyFile(from, to);
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    await copy(join(from, entry.name), join(to, entry.name));
  }
}

/** A port that was free a moment ago: listen on port 0, note it, close. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Polls `probe` every 100 ms until it returns non-null, for `limitMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | null>,
  what: string,
  limitMs = 60_000,
): Promise<T> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
