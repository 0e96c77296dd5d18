import assert from "node:assert/strict";
import { join } from "node:path";
import { spawnServer } from "./server_process.ts";

/**
 * A client whose network vanishes (no FIN, no RST) is found by Deno's ping:
 * the test puts the server and the client in two network namespaces of its
 * own, joined by a veth pair, and takes the client's end down.
 */

const IDLE_TIMEOUT_SECONDS = 2;
const CLIENT = join(import.meta.dirname!, "fixtures", "netns_client.ts");

/** Runs `ip` with `args`; throws with its stderr when it fails. */
function ip(...args: string[]): void {
  const out = new Deno.Command("ip", { args, stdout: "null", stderr: "piped" })
    .outputSync();
  if (!out.success) {
    throw new Error(
      `ip ${args.join(" ")}: ${new TextDecoder().decode(out.stderr).trim()}`,
    );
  }
}

/** Why namespaces cannot be used here, or null when they can. */
function netnsUnavailable(): string | null {
  const probe = `e11p-${Deno.pid}`;
  try {
    new Deno.Command("curl", { args: ["--version"], stdout: "null" })
      .outputSync();
    ip("netns", "add", probe);
    ip("netns", "del", probe);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const unavailable = netnsUnavailable();
if (unavailable !== null) {
  console.warn(
    `vanish_test: skipped, network namespaces are not available (${unavailable})`,
  );
}

/** The server's open connections, as /api/health and the gauge show them. */
async function openConnections(
  netns: string,
  port: number,
): Promise<{ health: number; gauge: number; text: string }> {
  const curl = async (path: string) => {
    const out = await new Deno.Command("ip", {
      args: [
        "netns",
        "exec",
        netns,
        "curl",
        "-sf",
        `http://127.0.0.1:${port}${path}`,
      ],
      stderr: "null",
    }).output();
    assert.ok(out.success, `curl ${path} failed`);
    return new TextDecoder().decode(out.stdout);
  };
  const health = JSON.parse(await curl("/api/health")).openConnections;
  const text = await curl("/metrics");
  const gauge = Number(text.match(/^echo_open_connections (\d+)$/m)?.[1]);
  return { health, gauge, text };
}

Deno.test({
  name:
    "vanish - a client whose network disappears frees its slot within IDLE_TIMEOUT_SECONDS and one ping interval",
  ignore: unavailable !== null,
  async fn() {
    const id = `${Deno.pid % 100000}${Math.floor(Math.random() * 1000)}`;
    const serverNs = `e11s-${id}`;
    const clientNs = `e11c-${id}`;
    const subnet = `10.231.${Deno.pid % 256}`;
    const created: string[] = [];
    let server: Awaited<ReturnType<typeof spawnServer>> | undefined;
    let client: Deno.ChildProcess | undefined;
    let clientOutput: Promise<string> | undefined;
    try {
      for (const ns of [serverNs, clientNs]) {
        ip("netns", "add", ns);
        created.push(ns);
      }
      ip(
        "link",
        "add",
        `e11s${id}`,
        "netns",
        serverNs,
        "type",
        "veth",
        "peer",
        "name",
        `e11c${id}`,
        "netns",
        clientNs,
      );
      ip("-n", serverNs, "addr", "add", `${subnet}.1/30`, "dev", `e11s${id}`);
      ip("-n", clientNs, "addr", "add", `${subnet}.2/30`, "dev", `e11c${id}`);
      ip("-n", serverNs, "link", "set", "lo", "up");
      ip("-n", serverNs, "link", "set", `e11s${id}`, "up");
      ip("-n", clientNs, "link", "set", `e11c${id}`, "up");

      server = await spawnServer({
        HOSTNAME: "0.0.0.0",
        IDLE_TIMEOUT_SECONDS: String(IDLE_TIMEOUT_SECONDS),
      }, { netns: serverNs });
      const url = `ws://${subnet}.1:${server.port}/api/ws`;
      client = new Deno.Command("ip", {
        args: [
          "netns",
          "exec",
          clientNs,
          Deno.execPath(),
          "run",
          "--allow-net",
          CLIENT,
          url,
        ],
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const decoder = new TextDecoder();
      let seen = "";
      const ready = Promise.withResolvers<void>();
      clientOutput = (async () => {
        for await (const chunk of client!.stdout) {
          seen += decoder.decode(chunk);
          if (seen.includes("echoed\n")) ready.resolve();
        }
        const errors = decoder.decode(
          await new Response(client!.stderr).arrayBuffer(),
        );
        ready.reject(new Error(`client ended: ${seen}${errors}`));
        return seen;
      })();
      await ready.promise;
      assert.deepEqual(
        { ...await openConnections(serverNs, server.port), text: "" },
        { health: 1, gauge: 1, text: "" },
      );

      // The client's end goes down: its packets and the server's are dropped,
      // and neither side sends FIN or RST.
      ip("-n", clientNs, "link", "set", `e11c${id}`, "down");
      const vanished = performance.now();
      let now = await openConnections(serverNs, server.port);
      while (now.health !== 0 && performance.now() - vanished < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        now = await openConnections(serverNs, server.port);
      }
      const seconds = (performance.now() - vanished) / 1000;
      assert.equal(now.health, 0);
      assert.equal(now.gauge, 0);
      assert.match(now.text, /^echo_closes_total\{code="1001"\} 1$/m);
      assert.ok(
        seconds <= IDLE_TIMEOUT_SECONDS * 1.5 + 0.5,
        `slot freed after ${seconds.toFixed(2)} s`,
      );
      // The client never heard of it.
      assert.equal(seen, "echoed\n");
    } finally {
      client?.kill("SIGKILL");
      await client?.status;
      await clientOutput;
      if (server) {
        server.child.kill("SIGTERM");
        await server.status;
      }
      for (const ns of created) {
        try {
          ip("netns", "del", ns);
        } catch (error) {
          console.error((error as Error).message);
        }
      }
    }
  },
});
