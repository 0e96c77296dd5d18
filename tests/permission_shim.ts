/**
 * Lets playwright-core load under `deno test -P`. On import it checks
 * whether it runs under WSL with `existsSync("/proc/sys/fs/binfmt_misc/…")`;
 * Node answers false for a path it may not read, but Deno 2.9 throws
 * NotCapable for /proc/sys paths unless every permission is granted, which
 * the tests' least-privilege set does not do. Imported before playwright-core.
 *
 * @module
 */

import fs from "node:fs";

const existsSync = fs.existsSync;
fs.existsSync = (path) => {
  try {
    return existsSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) return false;
    throw error;
  }
};
