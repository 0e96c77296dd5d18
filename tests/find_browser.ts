/**
 * Finds the Chromium or Chrome the browser tests (and the page benchmarks)
 * drive: `CHROME_PATH` when it is set, else the first of the usual install
 * places. Run as a program it prints the path it found, or the one line
 * saying what to install or set, and exits 1:
 *
 * ```sh
 * deno run --allow-read --allow-env tests/find_browser.ts
 * ```
 *
 * @module
 */

/** The variable that names the browser's executable, as Lighthouse's chrome-launcher reads it. */
export const CHROME_PATH = "CHROME_PATH";

/**
 * Where Chromium and Chrome install themselves, in the order they are tried:
 * Debian's Chromium, Ubuntu's and Fedora's, Ubuntu's snap, Google Chrome on
 * Linux, then Google Chrome and Chromium on macOS.
 */
export const BROWSER_CANDIDATES: readonly string[] = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/snap/bin/chromium",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** What each browser test says when no browser is found. */
export const NO_BROWSER_MESSAGE =
  "No Chromium or Chrome found: install Chromium (apt install chromium) or set CHROME_PATH to the browser's executable";

/** What {@linkcode findBrowser} reads of the machine; the real one by default. */
export interface FindBrowserOptions {
  /** Reads an environment variable. @default {Deno.env.get} */
  env?: (name: string) => string | undefined;
  /** Whether a file is at `path`. @default {a `Deno.statSync` of it} */
  exists?: (path: string) => boolean;
  /** Places to look when `CHROME_PATH` is not set. @default {BROWSER_CANDIDATES} */
  candidates?: readonly string[];
}

/**
 * The path of the browser to launch. A `CHROME_PATH` naming a missing file
 * is an error, not a reason to look elsewhere: the user asked for that one.
 *
 * @throws {Deno.errors.NotFound} with one line saying what to install or set
 */
export function findBrowser(options: FindBrowserOptions = {}): string {
  const env = options.env ?? ((name) => Deno.env.get(name));
  const exists = options.exists ?? isFile;
  const chosen = env(CHROME_PATH);
  if (chosen !== undefined && chosen !== "") {
    if (exists(chosen)) return chosen;
    throw new Deno.errors.NotFound(
      `${CHROME_PATH} is "${chosen}", but no file is there: set it to the browser's executable, or unset it to look in the usual places`,
    );
  }
  const found = (options.candidates ?? BROWSER_CANDIDATES).find(exists);
  if (found === undefined) throw new Deno.errors.NotFound(NO_BROWSER_MESSAGE);
  return found;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  try {
    console.log(findBrowser());
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(1);
  }
}
