import assert from "node:assert/strict";
import { join } from "node:path";
import {
  BROWSER_CANDIDATES,
  findBrowser,
  NO_BROWSER_MESSAGE,
} from "./find_browser.ts";
import { launchBrowser } from "./browser_helpers.ts";

const PROGRAM = join(import.meta.dirname!, "find_browser.ts");

/** An environment holding only `vars`. */
const envOf = (vars: Record<string, string>) => (name: string) => vars[name];
/** A machine whose only files are `paths`. */
const filesAt = (...paths: string[]) => (path: string) => paths.includes(path);

Deno.test("findBrowser - CHROME_PATH comes first, before any usual place", () => {
  const found = findBrowser({
    env: envOf({ CHROME_PATH: "/home/me/chrome-linux/chrome" }),
    exists: filesAt("/home/me/chrome-linux/chrome", "/usr/bin/chromium"),
  });
  assert.equal(found, "/home/me/chrome-linux/chrome");
});

Deno.test("findBrowser - a CHROME_PATH naming a missing file is an error, not a fallback", () => {
  assert.throws(
    () =>
      findBrowser({
        env: envOf({ CHROME_PATH: "/opt/nope/chrome" }),
        exists: filesAt("/usr/bin/chromium"),
      }),
    {
      name: "NotFound",
      message:
        'CHROME_PATH is "/opt/nope/chrome", but no file is there: set it to the browser\'s executable, or unset it to look in the usual places',
    },
  );
});

Deno.test("findBrowser - an empty CHROME_PATH counts as unset", () => {
  const found = findBrowser({
    env: envOf({ CHROME_PATH: "" }),
    exists: filesAt("/usr/bin/chromium"),
  });
  assert.equal(found, "/usr/bin/chromium");
});

Deno.test("findBrowser - the usual places are tried in order: Debian, Ubuntu, snap, Chrome, macOS", () => {
  assert.deepEqual(BROWSER_CANDIDATES, [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
    "/opt/google/chrome/chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ]);
  // Each place is found when it is the only one, and wins over later ones.
  for (const [i, path] of BROWSER_CANDIDATES.entries()) {
    const later = BROWSER_CANDIDATES.slice(i + 1);
    assert.equal(
      findBrowser({ env: envOf({}), exists: filesAt(path, ...later) }),
      path,
    );
  }
});

Deno.test("findBrowser - a machine with no browser gets one line saying what to install or set", () => {
  const expected = { name: "NotFound", message: NO_BROWSER_MESSAGE };
  assert.throws(
    () => findBrowser({ env: envOf({}), exists: () => false }),
    expected,
  );
  assert.throws(
    () => findBrowser({ env: envOf({}), exists: () => true, candidates: [] }),
    expected,
  );
  assert.equal(
    NO_BROWSER_MESSAGE,
    "No Chromium or Chrome found: install Chromium (apt install chromium) or set CHROME_PATH to the browser's executable",
  );
});

Deno.test("findBrowser - on this machine, a real file: the variable's or the first usual place's", async () => {
  const dir = await Deno.makeTempDir({ prefix: "find-browser-" });
  try {
    const fake = join(dir, "chrome");
    await Deno.writeTextFile(fake, "");
    assert.equal(findBrowser({ env: envOf({ CHROME_PATH: fake }) }), fake);
    assert.throws(
      () => findBrowser({ env: envOf({ CHROME_PATH: join(dir, "gone") }) }),
      Deno.errors.NotFound,
    );
    // A folder is not an executable.
    assert.throws(
      () => findBrowser({ env: envOf({ CHROME_PATH: dir }) }),
      Deno.errors.NotFound,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const real = findBrowser({ env: envOf({}) });
  assert.equal(real, BROWSER_CANDIDATES.find((path) => isFile(path)));
});

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

Deno.test("launchBrowser - with no browser, fails with that one line and launches nothing", async () => {
  await assert.rejects(
    launchBrowser({ env: envOf({}), exists: () => false }),
    { name: "NotFound", message: NO_BROWSER_MESSAGE },
  );
});

Deno.test("find_browser.ts as a program - prints the path, or the one line and exits 1", async () => {
  const run = async (env: Record<string, string>) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-env", PROGRAM],
      env,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    return {
      code: out.code,
      stdout: text(out.stdout),
      stderr: text(out.stderr),
    };
  };
  const missing = await run({ CHROME_PATH: "/opt/nope/chrome" });
  assert.deepEqual(missing, {
    code: 1,
    stdout: "",
    stderr:
      'CHROME_PATH is "/opt/nope/chrome", but no file is there: set it to the browser\'s executable, or unset it to look in the usual places\n',
  });
  const found = await run({ CHROME_PATH: Deno.execPath() });
  assert.deepEqual(found, {
    code: 0,
    stdout: `${Deno.execPath()}\n`,
    stderr: "",
  });
});
