import assert from "node:assert/strict";
import { Inbox } from "./inbox.ts";
import { startRedis } from "./redis_server.ts";
import {
  runServerToExit,
  type ServerProcess,
  spawnServer,
} from "./server_process.ts";

const ws = (server: ServerProcess, query: string) =>
  `ws://127.0.0.1:${server.port}/api/ws?${query}`;

async function metric(server: ServerProcess, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`))
    .text();
  const match = text.match(new RegExp(`^${name} (\\d+)$`, "m"));
  return match ? Number(match[1]) : NaN;
}

/** Waits until `/metrics` shows the Redis bus as `up` (bounded). */
async function busIs(server: ServerProcess, up: 0 | 1): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (await metric(server, "echo_rooms_bus_up") !== up) {
    if (Date.now() > deadline) {
      throw new Error(
        `bus never ${up ? "up" : "down"}: ${server.lines.join("\n")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stopServer(server: ServerProcess): Promise<void> {
  server.child.kill("SIGTERM");
  assert.equal((await server.status).code, 0, server.lines.join("\n"));
}

/** Opens a presence member and waits for its own join: it hears the room. */
async function member(url: string): Promise<Inbox> {
  const inbox = await Inbox.open(url);
  const own = await inbox.nextJson() as { event: string };
  assert.equal(own.event, "join");
  return inbox;
}

/**
 * The next message that is not a presence notice: a member may hear of a
 * join on another process after its own, whenever that process has
 * subscribed to the room.
 */
async function nextData(inbox: Inbox): Promise<string | ArrayBuffer> {
  while (true) {
    const message = await inbox.next();
    if (typeof message !== "string" || !message.startsWith('{"room":')) {
      return message;
    }
    assert.equal(JSON.parse(message).event, "join");
  }
}

const lines = (server: ServerProcess, event: string) =>
  server.lines.filter((line) => line.includes(`"event":"${event}"`));

/** Waits (bounded) until the server has logged `event` `count` times. */
async function logged(
  server: ServerProcess,
  event: string,
  count: number,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (lines(server, event).length < count) {
    if (Date.now() > deadline) {
      throw new Error(`no ${count}× ${event}: ${server.lines.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

Deno.test("rooms over Redis - members on two server processes share a room, byte-exact, in order, once each", async () => {
  const redis = await startRedis();
  const env = { REDIS_URL: redis.url };
  const [one, two] = await Promise.all([spawnServer(env), spawnServer(env)]);
  try {
    await Promise.all([busIs(one, 1), busIs(two, 1)]);
    const alice = await member(ws(one, "room=chat&presence=1"));
    const bob = await member(ws(two, "room=chat&presence=1"));
    const seen = await alice.nextJson() as Record<string, unknown>;
    assert.equal(seen.event, "join");
    assert.equal(seen.members, 2);
    assert.match(String(seen.member), /^[0-9a-f]{8}-1$/);

    alice.socket.send("héllo from one");
    assert.equal(await nextData(bob), "héllo from one");
    // Her own echo comes once, from her own server, never back over Redis.
    assert.equal(await alice.next(), "héllo from one");
    const payload = new Uint8Array(256).map((_, i) => i);
    bob.socket.send(payload);
    const got = await alice.next();
    assert.ok(got instanceof ArrayBuffer);
    assert.deepEqual(new Uint8Array(got), payload);
    assert.deepEqual(new Uint8Array(await bob.next() as ArrayBuffer), payload);

    const COUNT = 500;
    for (let i = 0; i < COUNT; i++) bob.socket.send(`m${i}`);
    assert.deepEqual(
      await alice.take(COUNT),
      Array.from({ length: COUNT }, (_, i) => `m${i}`),
    );
    await bob.take(COUNT);
    // Nothing else arrived: no duplicate over the bus.
    alice.socket.send("end");
    assert.equal(await bob.next(), "end");
    assert.equal(await alice.next(), "end");
    assert.equal(alice.pending, 0);

    await bob.close();
    assert.deepEqual(
      { ...await alice.nextJson() as object, member: "" },
      { room: "chat", event: "leave", member: "", members: 1 },
    );
    assert.ok(
      await metric(one, 'echo_rooms_bus_messages_total{direction="in"}') >=
        COUNT + 1,
    );
    assert.ok(
      await metric(two, 'echo_rooms_bus_messages_total{direction="out"}') >=
        COUNT + 1,
    );
    await alice.close();
  } finally {
    await Promise.all([stopServer(one), stopServer(two)]);
    await redis.stop();
  }
});

Deno.test("rooms over Redis - an outage is logged once, rooms keep working within each process, and they span both again once Redis is back", async () => {
  const redis = await startRedis();
  const env = { REDIS_URL: redis.url };
  const [one, two] = await Promise.all([spawnServer(env), spawnServer(env)]);
  try {
    await Promise.all([busIs(one, 1), busIs(two, 1)]);
    const alice = await member(ws(one, "room=r&presence=1"));
    const bob = await member(ws(two, "room=r&presence=1"));
    await alice.nextJson(); // bob's join

    await redis.kill();
    await Promise.all([busIs(one, 0), busIs(two, 0)]);
    // Within a process the room still works, and so does the echo.
    const carol = await member(ws(one, "room=r&presence=1"));
    await alice.nextJson(); // carol's join, told on one only
    alice.socket.send("during the outage");
    assert.equal(await carol.next(), "during the outage");
    assert.equal(await alice.next(), "during the outage");
    // Several reconnect attempts fail meanwhile (backoff from 100 ms).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all([
      logged(one, "rooms_bus_down", 1),
      logged(two, "rooms_bus_down", 1),
    ]);
    assert.equal(lines(one, "rooms_bus_down").length, 1, one.lines.join("\n"));
    assert.equal(lines(two, "rooms_bus_down").length, 1, two.lines.join("\n"));
    // Bob heard nothing of the room on the other process meanwhile.
    for (const message of await bob.take(bob.pending)) {
      assert.ok(typeof message === "string", "bob got bytes");
      assert.equal(JSON.parse(message).event, "join", message);
    }

    const back = Date.now();
    await redis.restart();
    await Promise.all([busIs(one, 1), busIs(two, 1)]);
    const recoveredMs = Date.now() - back;
    assert.ok(recoveredMs < 5000, `took ${recoveredMs} ms`);
    await logged(one, "rooms_bus_up", 2);
    await logged(two, "rooms_bus_up", 2);
    bob.socket.send("after the outage");
    assert.equal(await nextData(alice), "after the outage");
    assert.equal(await nextData(carol), "after the outage");
    assert.equal(await nextData(bob), "after the outage");
    await Promise.all([alice.close(), bob.close(), carol.close()]);
  } finally {
    await Promise.all([stopServer(one), stopServer(two)]);
    await redis.stop();
  }
});

Deno.test("rooms over Redis - a Redis that is not there at start: the server starts, says so once, and serves", async () => {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  const server = await spawnServer({ REDIS_URL: `redis://127.0.0.1:${port}` });
  try {
    await busIs(server, 0);
    const a = await member(ws(server, "room=solo&presence=1"));
    const b = await member(ws(server, "room=solo&presence=1"));
    await a.nextJson();
    b.socket.send("local");
    assert.equal(await a.next(), "local");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await logged(server, "rooms_bus_down", 1);
    const down = lines(server, "rooms_bus_down");
    assert.equal(down.length, 1, server.lines.join("\n"));
    assert.match(down[0], new RegExp(`"redis":"127\\.0\\.0\\.1:${port}"`));
    await Promise.all([a.close(), b.close()]);
  } finally {
    await stopServer(server);
  }
});

Deno.test("rooms over Redis - a REDIS_URL that does not parse stops start-up with exit 2 and one line", async () => {
  const { code, stdout, stderr } = await runServerToExit({
    PORT: "0",
    REDIS_URL: "localhost:6379",
  });
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.equal(
    stderr,
    'Cannot start: REDIS_URL is "localhost:6379", expected a Redis URL such as "redis://127.0.0.1:6379" (redis:// or rediss://, optional user:password@ and /database number)\n',
  );
});

async function membersPerWorker(server: ServerProcess): Promise<number[]> {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`))
    .text();
  return [
    ...text.matchAll(/^echo_room_members\{worker="[0-9a-f]{8}"\} (\d+)$/gm),
  ].map((m) => Number(m[1]));
}

Deno.test("rooms - with WORKERS=2 a room of 20 members spans both workers", async () => {
  const server = await spawnServer({ WORKERS: "2", LOG_LEVEL: "warn" });
  try {
    // One at a time: the kernel hands a burst of connections to whichever
    // worker is accepting, and the point is members on both. Should 20 land
    // on one worker, more join until both have some (bounded).
    const members: Inbox[] = [];
    let perWorker: number[] = [];
    while (members.length < 20 || perWorker.some((n) => n === 0)) {
      assert.ok(members.length < 100, `members per worker ${perWorker}`);
      members.push(await Inbox.open(ws(server, "room=big")));
      if (members.length >= 20) perWorker = await membersPerWorker(server);
    }
    assert.equal(perWorker.length, 2);
    assert.equal(perWorker[0] + perWorker[1], members.length);
    members.forEach((m, i) => m.socket.send(`from ${i}`));
    const expected = members.map((_, i) => `from ${i}`).sort();
    for (const m of members) {
      const got = (await m.take(members.length)) as string[];
      assert.deepEqual(got.sort(), expected);
    }
    await Promise.all(members.map((m) => m.close()));
  } finally {
    await stopServer(server);
  }
});
