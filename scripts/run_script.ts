/**
 * `deno task script FILE [--url URL] [--timeout MS]`: runs a script headless
 * with the page's engine and prints one line per step. Exits 0 when every
 * expectation held, 1 when one failed or a connection could not open, 2
 * when the file or a flag is wrong. The run never outlasts `--timeout`.
 * `--url` replaces a one-connection script's URL; for a script with named
 * connections it is an origin that replaces each one's.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  parseScriptUrl,
  scriptTargets,
  withOrigin,
} from "../client/script_connections.ts";
import { prepareScript } from "../client/script_formats.ts";
import { openScriptSockets } from "../client/script_sockets.ts";
import { parseScript } from "../client/script_parse.ts";
import { formatStepMs, stepLine } from "../client/script_report.ts";
import { DEFAULT_RUN_OPTIONS, runScript } from "../client/script_run.ts";

const USAGE = "usage: deno task script FILE [--url URL] [--timeout MS]";
/** Longest wait for the sockets to open, within the run limit. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Longest wait for the closing handshakes after the run. */
const CLOSE_TIMEOUT_MS = 1000;
const MAX_RUN_MS = 24 * 60 * 60 * 1000;

/** Prints `line` on stderr and exits with `code`. */
function stop(code: 1 | 2, line: string): never {
  console.error(line);
  Deno.exit(code);
}

let args;
try {
  args = parseArgs({
    args: Deno.args,
    options: { url: { type: "string" }, timeout: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  // node:util's messages run to several sentences; the first names the flag.
  const first = (error as Error).message.split(". ")[0].replace(/\.$/, "");
  stop(2, `Cannot run: ${first}; ${USAGE}`);
}
if (args.positionals.length !== 1) {
  stop(2, `Cannot run: expected one script file; ${USAGE}`);
}
const [file] = args.positionals;
const timeout = args.values.timeout ?? String(DEFAULT_RUN_OPTIONS.timeoutMs);
const limitMs = /^[0-9]+$/.test(timeout) ? Number(timeout) : NaN;
if (!(limitMs >= 1 && limitMs <= MAX_RUN_MS)) {
  stop(
    2,
    `Cannot run: --timeout is "${timeout}", expected milliseconds 1-${MAX_RUN_MS}`,
  );
}

let text: string;
try {
  text = await Deno.readTextFile(file);
} catch (error) {
  const reason = error instanceof Deno.errors.NotFound
    ? "no such file"
    : (error as Error).message;
  stop(2, `Cannot run: cannot read ${file}: ${reason}`);
}
let script;
try {
  script = parseScript(text);
  // Loads the codecs the script names and parses its "proto" schema.
  await prepareScript(script);
} catch (error) {
  stop(2, `${file}: ${(error as Error).message}`);
}
let targets = scriptTargets(script);
if (args.values.url !== undefined) {
  try {
    const url = parseScriptUrl(args.values.url, "--url");
    targets = script.connections
      ? withOrigin(targets!, url)
      : [{ name: "", url, protocols: script.protocols ?? [] }];
  } catch (error) {
    stop(2, `Cannot run: ${(error as Error).message}`);
  }
}
if (targets === null) {
  stop(2, `${file}: has no "url"; add one or pass --url`);
}

const started = performance.now();
let sockets;
try {
  sockets = await openScriptSockets(
    targets,
    Math.min(CONNECT_TIMEOUT_MS, limitMs),
  );
} catch (error) {
  stop(1, (error as Error).message);
}
const io = script.connections ? sockets.ios : sockets.ios.get("")!;

const result = await runScript(script, io, {
  timeoutMs: limitMs,
  startedAt: started,
  onStep: (report) => {
    if (report.status !== "pending") console.log(stepLine(report));
  },
});
if (result.ok) {
  console.log(
    `Passed: ${script.steps.length} steps in ${formatStepMs(result.ms)}`,
  );
} else {
  console.log(result.failure.message);
}
await sockets.closeAll(CLOSE_TIMEOUT_MS);
Deno.exit(result.ok ? 0 : 1);
