import assert from "node:assert/strict";
import { createLogger } from "./log.ts";
import { Metrics } from "./metrics.ts";
import { FANOUT_TASK_BYTES, type RoomMember, Rooms } from "./rooms.ts";

class FakeMember implements RoomMember {
  readonly got: string[] = [];
  readonly notices: unknown[] = [];
  constructor(
    readonly id: string,
    readonly self = true,
    readonly presence = false,
  ) {}
  deliver(data: string | ArrayBuffer): void {
    this.got.push(typeof data === "string" ? data : `bytes:${data.byteLength}`);
  }
  notify(text: string): void {
    this.notices.push(JSON.parse(text));
  }
}

function rooms(contended: boolean) {
  const metrics = new Metrics();
  return {
    metrics,
    rooms: new Rooms({
      maxMembers: 100,
      metrics,
      logger: createLogger("silent"),
      node: "n1",
      instance: "i1",
      contended: () => contended,
    }),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

Deno.test("Rooms - a message reaches the others at once, and the sender last when it asked for its own", async () => {
  const { rooms: r, metrics } = rooms(false);
  const [a, b, quiet] = [
    new FakeMember("a"),
    new FakeMember("b"),
    new FakeMember("q", false),
  ];
  const ma = r.join("x", a);
  r.join("x", b);
  const mq = r.join("x", quiet);
  ma.publish("hi", 2);
  mq.publish("shh", 3);
  assert.deepEqual(a.got, ["hi", "shh"]);
  assert.deepEqual(b.got, ["hi", "shh"]);
  assert.deepEqual(quiet.got, ["hi"]);
  // The sender's own copy is an echo, not a delivery.
  assert.equal(metrics.roomDeliveries, 4);
  await r.close();
});

Deno.test("Rooms - a large fan-out while another connection waits goes in pieces, each member in order", async () => {
  const { rooms: r } = rooms(true);
  const members = Array.from({ length: 8 }, (_, i) => new FakeMember(`m${i}`));
  const ships = members.map((m) => r.join("big", m));
  const size = FANOUT_TASK_BYTES / 2;
  const big = new ArrayBuffer(size);
  ships[0].publish(big, size);
  ships[1].publish("small after", 11);
  // Nothing yet: the first message is held for its pieces, the second
  // waits its turn behind it.
  assert.deepEqual(members.map((m) => m.got.length), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(ships[0].queuedBytes, size);
  await tick();
  // One task gives FANOUT_TASK_BYTES: two members.
  assert.equal(members.filter((m) => m.got.length > 0).length, 2);
  for (let i = 0; i < 10 && members.some((m) => m.got.length < 2); i++) {
    await tick();
  }
  for (const m of members) {
    assert.deepEqual(m.got, [`bytes:${size}`, "small after"], m.id);
  }
  assert.equal(ships[0].queuedBytes, 0);
  await r.close();
});

Deno.test("Rooms - the member limit counts this node; a join past it throws with the line the handshake answers", async () => {
  const { rooms: r } = rooms(false);
  const small = new Rooms({
    maxMembers: 2,
    metrics: new Metrics(),
    logger: createLogger("silent"),
    node: "n",
    instance: "n",
  });
  small.join("lobby", new FakeMember("1"));
  const second = small.join("lobby", new FakeMember("2"));
  assert.throws(() => small.join("lobby", new FakeMember("3")), {
    name: "RangeError",
    message: "room lobby is full (2 members)",
  });
  second.leave();
  assert.equal(small.members("lobby"), 1);
  small.join("lobby", new FakeMember("4"));
  await small.close();
  await r.close();
});

Deno.test("Rooms - presence: a join is told after open, a leave after its join, with the count", async () => {
  const { rooms: r } = rooms(false);
  const watcher = new FakeMember("w", true, true);
  r.join("p", watcher).open();
  const guest = r.join("p", new FakeMember("g"));
  guest.open();
  guest.leave();
  await tick();
  assert.deepEqual(watcher.notices, [
    { room: "p", event: "join", member: "w", members: 1 },
    { room: "p", event: "join", member: "g", members: 2 },
    { room: "p", event: "leave", member: "g", members: 1 },
  ]);
  await r.close();
});
