/**
 * Measures how much memory one client can make the server hold by sending a
 * message in many fragments: Deno assembles the whole message before the
 * application sees it, and caps only single frames (64 MiB), so
 * `MAX_MESSAGE_BYTES` is checked only once the last fragment arrives.
 *
 * Usage: deno run -A bench/fragments.ts [total MiB, default 256]
 *
 * @module
 */

import { join } from "node:path";
import { OPCODE_BINARY, RawWebSocket } from "../tests/raw_ws.ts";
import { integerArgument } from "./flags.ts";

const TOTAL_MIB = integerArgument(
  Deno.args,
  "total in MiB",
  256,
  "deno run -A bench/fragments.ts [total MiB]",
);
const FRAGMENT = new Uint8Array(1024 * 1024).fill(0x61);
const OPCODE_CONTINUATION = 0x0;

function rssMiB(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(status.match(/VmRSS:\s+(\d+)/)![1]) / 1024;
}

const port = 20_000 + Math.floor(Math.random() * 20_000);
const server = new Deno.Command(Deno.execPath(), {
  args: [
    "serve",
    "-A",
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    join(import.meta.dirname!, "..", "main.ts"),
  ],
  env: { LOG_LEVEL: "silent" },
  stdout: "null",
  stderr: "null",
}).spawn();
try {
  let raw: RawWebSocket | undefined;
  for (let i = 0; i < 100 && !raw; i++) {
    raw = await RawWebSocket.connect(port).catch(() => undefined);
    if (!raw) await new Promise((r) => setTimeout(r, 100));
  }
  if (!raw) throw new Error("server did not start");
  const before = rssMiB(server.pid);
  let peak = before;
  for (let i = 0; i < TOTAL_MIB; i++) {
    await raw.send(
      i === 0 ? OPCODE_BINARY : OPCODE_CONTINUATION,
      FRAGMENT,
      false,
    );
    if (i % 16 === 0) peak = Math.max(peak, rssMiB(server.pid));
  }
  await new Promise((r) => setTimeout(r, 500));
  peak = Math.max(peak, rssMiB(server.pid));
  await raw.send(OPCODE_CONTINUATION, FRAGMENT, true);
  const close = await raw.readUntilClose();
  raw.close();
  console.log(
    `${TOTAL_MIB} MiB sent in 1 MiB fragments without FIN: server RSS ${
      before.toFixed(0)
    } MiB before, ${peak.toFixed(0)} MiB at peak (+${
      (peak - before).toFixed(0)
    } MiB); after the final fragment: close ${close.code} "${close.reason}"`,
  );
} finally {
  server.kill("SIGKILL");
  await server.status;
}
