import assert from "node:assert/strict";
import { Connection } from "./connection.ts";
import { runOnConnections, runOnPage } from "./connections_run.ts";
import { parseScript } from "./script_parse.ts";
import { FakeSocket } from "./test_fakes.ts";

/** Members of one room in memory: what one sends reaches the others. */
class RoomSocket extends FakeSocket {
  static members: RoomSocket[] = [];
  constructor(url: string, protocols: string[]) {
    super(url, protocols);
    setTimeout(() => {
      if (url.includes("refuse")) return this.closed(1006, "");
      RoomSocket.members.push(this);
      this.open();
    }, 1);
  }
  override send(data: string) {
    for (const other of RoomSocket.members) {
      if (other === this || other.readyState !== 1) continue;
      setTimeout(() => other.message(data), 1);
    }
  }
  override close(code = 1005, reason = "") {
    this.closedWith = [code, reason];
    this.readyState = 2;
    setTimeout(() => this.closed(code, reason), 1);
  }
  override closed(code: number, reason = "", wasClean = true) {
    RoomSocket.members = RoomSocket.members.filter((m) => m !== this);
    super.closed(code, reason, wasClean);
  }
}

function member() {
  const sockets: RoomSocket[] = [];
  const connection = new Connection({
    createSocket: (url, protocols) => {
      const socket = new RoomSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
  });
  return { connection, socket: () => sockets.at(-1) };
}

const SCRIPT = parseScript({
  connections: {
    alice: { url: "ws://room.test/ws?room=r", protocols: ["chat"] },
    bob: { url: "ws://room.test/ws?room=r" },
  },
  steps: [
    { send: "hello bob" },
    { expect: { equals: "hello bob" }, on: "bob" },
    { send: "hi alice", on: "bob" },
    { expect: { equals: "hi alice" } },
  ],
});

/** The step entries of `connection`'s log. */
function steps(connection: Connection): string[] {
  return connection.snapshot.log.entries.filter((e) => e.kind === "step")
    .map((e) => e.text!);
}

Deno.test("runOnConnections - connects each actor's page connection, marks each step on its own, and closes what it opened", async () => {
  const alice = member();
  const bob = member();
  const result = await runOnConnections(
    new Map([["alice", alice.connection], ["bob", bob.connection]]),
    SCRIPT,
    { startedAt: performance.now() },
  );
  assert.equal(result.ok, true);
  assert.deepEqual(
    [alice.socket()!.url, alice.socket()!.protocols],
    ["ws://room.test/ws?room=r", ["chat"]],
  );
  assert.deepEqual(steps(alice.connection).map((t) => t.split(" ")[1]), [
    "1",
    "4",
  ]);
  assert.deepEqual(steps(bob.connection).map((t) => t.split(" ")[1]), [
    "2",
    "3",
  ]);
  assert.deepEqual(alice.socket()!.closedWith, [1000, "Script done"]);
  assert.deepEqual(bob.socket()!.closedWith, [1000, "Script done"]);
  assert.equal(alice.connection.snapshot.readyState, 3);
  alice.connection.dispose();
  bob.connection.dispose();
});

Deno.test("runOnConnections - an actor whose socket is open runs on it as it is and stays open", async () => {
  const alice = member();
  const bob = member();
  alice.connection.connect("ws://room.test/ws?room=elsewhere", []);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const result = await runOnConnections(
    new Map([["alice", alice.connection], ["bob", bob.connection]]),
    SCRIPT,
    { startedAt: performance.now() },
  );
  assert.equal(result.ok, true);
  assert.equal(alice.socket()!.url, "ws://room.test/ws?room=elsewhere");
  assert.equal(alice.socket()!.closedWith, null);
  assert.deepEqual(bob.socket()!.closedWith, [1000, "Script done"]);
  alice.connection.close(1000);
  await new Promise((resolve) => setTimeout(resolve, 5));
  alice.connection.dispose();
  bob.connection.dispose();
});

Deno.test("runOnPage - an actor that does not open is the command's line naming it; the other is closed", async () => {
  const alice = member();
  const bob = member();
  const script = parseScript({
    connections: {
      alice: { url: "ws://room.test/ws" },
      bob: { url: "ws://refuse.test/ws" },
    },
    steps: [{ send: "x" }],
  });
  const result = await runOnPage(alice.connection, script, {
    url: "ws://unused.test/ws",
    actors: () =>
      Promise.resolve(
        new Map([["alice", alice.connection], ["bob", bob.connection]]),
      ),
  });
  assert.deepEqual(result, {
    ok: false,
    connectError:
      "Cannot connect bob to ws://refuse.test/ws: closed before opening (code 1006)",
  });
  assert.deepEqual(alice.socket()!.closedWith, [1000, "Script done"]);
  alice.connection.dispose();
  bob.connection.dispose();
});

Deno.test("runOnPage - when the tabs cannot hold the actors, says why and runs nothing", async () => {
  const alice = member();
  const result = await runOnPage(alice.connection, SCRIPT, {
    url: "ws://unused.test/ws",
    actors: () => Promise.reject(new RangeError("Not run: no room")),
  });
  assert.deepEqual(result, { ok: false, connectError: "Not run: no room" });
  assert.equal(alice.socket(), undefined);
  alice.connection.dispose();
});
