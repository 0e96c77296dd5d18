import assert from "node:assert/strict";
import { spawnServer } from "./server_process.ts";

const CROWD = 1100;

Deno.test("memory trim - MEMORY_TRIM=true returns freed memory once a crowd of 1,000+ has left", async () => {
  const server = await spawnServer({ MEMORY_TRIM: "true" });
  try {
    const url = `ws://127.0.0.1:${server.port}/api/ws`;
    const sockets: WebSocket[] = [];
    for (let i = 0; i < CROWD; i += 100) {
      sockets.push(
        ...await Promise.all(
          Array.from(
            { length: 100 },
            () =>
              new Promise<WebSocket>((resolve, reject) => {
                const ws = new WebSocket(url);
                ws.onopen = () => resolve(ws);
                ws.onerror = () => reject(new Error("could not connect"));
              }),
          ),
        ),
      );
    }
    await Promise.all(sockets.map((ws) =>
      new Promise((resolve) => {
        ws.onclose = resolve;
        ws.close(1000);
      })
    ));
    // The trim comes 5 s after half the crowd has gone.
    const deadline = Date.now() + 15_000;
    let record: Record<string, number> | undefined;
    while (!record && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const line = server.lines.find((l) => l.includes('"memory_trimmed"'));
      if (line) record = JSON.parse(line);
    }
    assert.ok(record, server.lines.slice(-5).join("\n"));
    assert.ok(record.rssAfter > 0 && record.rssAfter <= record.rssBefore);
    assert.ok(
      !server.lines.some((l) => l.includes("memory_trim_unavailable")),
    );
  } finally {
    server.child.kill("SIGTERM");
    await server.status;
  }
});
