/**
 * Rooms: every message a member sends reaches every other member, in the
 * order that member sent them, on this node directly and on the other nodes
 * through the room buses (workers of this process, other processes through
 * Redis). Each node knows how many members every room has on the other
 * nodes from their join and leave notices and a state message each sends
 * every {@linkcode STATE_EVERY_MS}; a node that stops sending it is forgotten.
 * Framework-free; the echo server makes one.
 *
 * @module
 */

import type { Logger } from "./log.ts";
import type { Metrics } from "./metrics.ts";
import type { BusMessage, RoomBus } from "./room_bus.ts";
import { utf8Length } from "./utf8.ts";

/** How often a node tells the others its members per room. */
export const STATE_EVERY_MS = 2000;

/** A node not heard of for this long is forgotten (three states missed). */
export const FORGET_AFTER_MS = 3 * STATE_EVERY_MS + 500;

/**
 * What one task gives a room's members at most while another connection
 * waits: about a millisecond of sends.
 */
export const FANOUT_TASK_BYTES = 1024 * 1024;

/** What other nodes' messages may wait here for a room's fan-out, at most. */
const MAX_FANOUT_BYTES = 64 * 1024 * 1024;

/** A hello is answered after this, once for however many come together. */
const STATE_ANSWER_MS = 20;

/** A connection in a room, as the room sees it. */
export interface RoomMember {
  /** Unique across the nodes: named in presence notices. */
  readonly id: string;
  /** Whether it wants presence notices. */
  readonly presence: boolean;
  /** Whether it gets its own messages back, in the room's order. */
  readonly self: boolean;
  /** Delivers another member's message, unchanged. */
  deliver(data: string | ArrayBuffer, size: number): void;
  /** Sends a presence notice (ASCII-safe JSON text). */
  notify(text: string): void;
}

/** What {@linkcode Rooms} needs. */
export interface RoomsOptions {
  /** Members one room may have across the nodes. */
  maxMembers: number;
  metrics: Metrics;
  logger: Logger;
  /** This node's id (one isolate). */
  node: string;
  /** This process's id, shared by its workers. */
  instance: string;
  /** The buses to the other nodes; none keeps rooms within this node. */
  buses?: RoomBus[];
  /**
   * Whether a connection other than `sender` (any, for `null`) was
   * interactive a moment ago: a large fan-out then yields to it in pieces.
   * @default {() => false}
   */
  contended?: (sender: RoomMember | null) => boolean;
}

/** One member's place in its room, from join to leave. */
export interface Membership {
  /** The socket opened: the room is told the member joined. */
  open(): void;
  /** The member sent a message that passed its limits. */
  publish(data: string | ArrayBuffer, size: number): void;
  /** Bytes of this member's messages still being delivered to the room. */
  readonly queuedBytes: number;
  /** The socket closed. Safe to call more than once. */
  leave(): void;
}

interface LocalRoom {
  members: Set<RoomMember>;
  /** Settles once every bus delivers this room's messages. */
  following: Promise<unknown>;
  /** Messages being delivered in pieces, oldest first; made on first use. */
  fanouts: Fanout[] | null;
  /** Bytes of `fanouts`' messages, each counted once. */
  fanoutBytes: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** One message on its way to a room's members. */
interface Fanout {
  from: RoomMember | null;
  data: string | ArrayBuffer;
  size: number;
  /** The members not yet given it; a Set's iterator sees later joiners. */
  rest: Iterator<RoomMember>;
}

interface Remote {
  count: number;
  at: number;
}

/** The rooms of one node, and what it knows of the others'. */
export class Rooms {
  readonly #options: RoomsOptions;
  readonly #buses: RoomBus[];
  readonly #local = new Map<string, LocalRoom>();
  /** room → node → its members there, as last heard. */
  readonly #remote = new Map<string, Map<string, Remote>>();
  readonly #timer: ReturnType<typeof setInterval> | undefined;
  #stateTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes each sender has in fan-outs under way. */
  readonly #queued = new Map<RoomMember, number>();

  constructor(options: RoomsOptions) {
    this.#options = options;
    this.#buses = options.buses ?? [];
    for (const bus of this.#buses) {
      bus.onMessage = (message) => this.#receive(message);
      bus.onUp = () => {
        this.#publish({ kind: "hello", ...this.#envelope() });
        this.#publishState();
      };
    }
    if (this.#buses.length > 0) {
      this.#timer = setInterval(() => this.#tick(), STATE_EVERY_MS);
      const buses = this.#buses;
      options.metrics.busUp = () => buses.every((bus) => bus.up) ? 1 : 0;
      // Buses already up (the workers' channel) hear no `onUp`.
      this.#publish({ kind: "hello", ...this.#envelope() });
    }
  }

  /** Members of `room` on every node known, this one included. */
  members(room: string): number {
    let total = this.#local.get(room)?.members.size ?? 0;
    const now = performance.now();
    for (const remote of this.#remote.get(room)?.values() ?? []) {
      if (now - remote.at < FORGET_AFTER_MS) total += remote.count;
    }
    return total;
  }

  /**
   * Gives `member` a place in `room`, counted from now on.
   *
   * @throws {RangeError} when the room has its maximum of members
   */
  join(room: string, member: RoomMember): Membership {
    const max = this.#options.maxMembers;
    if (this.members(room) >= max) {
      throw new RangeError(`room ${room} is full (${max} members)`);
    }
    let local = this.#local.get(room);
    if (!local) {
      const following = Promise.all(this.#buses.map((bus) => bus.follow(room)));
      local = {
        members: new Set(),
        following,
        fanouts: null,
        fanoutBytes: 0,
        timer: undefined,
      };
      this.#local.set(room, local);
    }
    const here = local;
    const { members, following } = here;
    members.add(member);
    this.#count(1);
    let opened = false;
    let left = false;
    // A join is told once this node hears the room on every bus, so a
    // member told of it (itself included) knows that what it sends from now
    // on reaches the newcomer; a leave is told after its join.
    let joined: Promise<void> = Promise.resolve();
    const queued = this.#queued;
    return {
      open: () => {
        if (left || opened) return;
        opened = true;
        // The counts are those of the moment it joined, told when it hears.
        const count = members.size;
        const total = this.members(room);
        joined = following.then(() => {
          this.#announce(room, "join", member.id, count, total);
        });
      },
      publish: (data, size) => {
        if (left) return;
        this.#publish({
          kind: "data",
          ...this.#envelope(),
          room,
          sender: member.id,
          data,
        });
        this.#fanOut(here, member, data, size);
      },
      get queuedBytes() {
        return queued.get(member) ?? 0;
      },
      leave: () => {
        if (left) return;
        left = true;
        members.delete(member);
        if (members.size === 0 && this.#local.get(room) === here) {
          clearTimeout(here.timer);
          here.fanouts = null;
          this.#local.delete(room);
          for (const bus of this.#buses) bus.unfollow(room);
        }
        this.#count(-1);
        if (!opened) return;
        const count = members.size;
        const total = this.members(room);
        joined.then(() =>
          this.#announce(room, "leave", member.id, count, total)
        );
      },
    };
  }

  /** Stops the state timer and the buses. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    clearTimeout(this.#stateTimer);
    for (const local of this.#local.values()) clearTimeout(local.timer);
    await Promise.all(this.#buses.map((bus) => bus.close()));
  }

  /**
   * Gives a message to every member of a room (the sender only if it asked
   * for its own). At once when that is small or nobody else is waiting;
   * otherwise in pieces of {@linkcode FANOUT_TASK_BYTES}, a task each, so a
   * large message to a large room does not hold up other connections. Once
   * a room has pieces under way, every message waits its turn: each member
   * still receives in order.
   */
  #fanOut(
    local: LocalRoom,
    from: RoomMember | null,
    data: string | ArrayBuffer,
    size: number,
  ): void {
    if (
      local.fanouts === null &&
      (size * local.members.size <= FANOUT_TASK_BYTES ||
        !(this.#options.contended?.(from) ?? false))
    ) {
      for (const member of local.members) {
        if (member !== from) this.#deliver(member, data, size);
        else if (member.self) member.deliver(data, size);
      }
      return;
    }
    if (from === null && local.fanoutBytes > MAX_FANOUT_BYTES) {
      // Another node's sender outruns this node: its own limits bound it
      // there, this bound keeps it from growing here.
      this.#options.metrics.roomDropped++;
      return;
    }
    local.fanouts ??= [];
    local.fanouts.push({ from, data, size, rest: local.members.values() });
    local.fanoutBytes += size;
    if (from) this.#queued.set(from, (this.#queued.get(from) ?? 0) + size);
    local.timer ??= setTimeout(() => this.#drain(local), 0);
  }

  #drain(local: LocalRoom): void {
    local.timer = undefined;
    const fanouts = local.fanouts;
    let budget = FANOUT_TASK_BYTES;
    while (fanouts !== null && fanouts.length > 0) {
      const fanout = fanouts[0];
      const { from, data, size, rest } = fanout;
      for (let next = rest.next(); !next.done; next = rest.next()) {
        const member = next.value;
        if (member !== from) this.#deliver(member, data, size);
        else if (member.self) member.deliver(data, size);
        else continue;
        budget -= size;
        if (budget <= 0) {
          if (local.fanouts === fanouts) {
            local.timer = setTimeout(() => this.#drain(local), 0);
          }
          return;
        }
      }
      fanouts.shift();
      local.fanoutBytes -= size;
      if (from) {
        const left = this.#queued.get(from)! - size;
        if (left > 0) this.#queued.set(from, left);
        else this.#queued.delete(from);
      }
    }
    if (local.fanouts === fanouts) local.fanouts = null;
  }

  #deliver(member: RoomMember, data: string | ArrayBuffer, size: number) {
    this.#options.metrics.roomDeliveries++;
    member.deliver(data, size);
  }

  /** Tells this node's presence members, then the other nodes. */
  #announce(
    room: string,
    event: "join" | "leave",
    member: string,
    count: number,
    total: number,
  ): void {
    this.#notify(room, event, member, total);
    this.#publish({ kind: event, ...this.#envelope(), room, member, count });
  }

  #notify(
    room: string,
    event: "join" | "leave",
    member: string,
    total: number = this.members(room),
  ): void {
    const members = this.#local.get(room)?.members;
    if (!members) return;
    const text = JSON.stringify({ room, event, member, members: total });
    for (const other of members) if (other.presence) other.notify(text);
  }

  #receive(message: BusMessage): void {
    this.#options.metrics.busMessagesIn++;
    switch (message.kind) {
      case "data": {
        const local = this.#local.get(message.room);
        if (!local) return;
        const { data } = message;
        const size = typeof data === "string"
          ? utf8Length(data)
          : data.byteLength;
        return this.#fanOut(local, null, data, size);
      }
      case "join":
      case "leave":
        this.#heard(message.room, message.origin, message.count);
        return this.#notify(message.room, message.kind, message.member);
      case "state": {
        const listed = new Set<string>();
        for (const [room, count] of message.rooms) {
          listed.add(room);
          this.#heard(room, message.origin, count);
        }
        // A state lists every room of its node: the others have none left.
        for (const [room, nodes] of this.#remote) {
          if (!listed.has(room) && nodes.delete(message.origin)) {
            if (nodes.size === 0) this.#remote.delete(room);
          }
        }
        return;
      }
      case "hello":
        return this.#queueState();
    }
  }

  #heard(room: string, node: string, count: number): void {
    let nodes = this.#remote.get(room);
    if (count === 0) {
      if (nodes?.delete(node) && nodes.size === 0) this.#remote.delete(room);
      return;
    }
    if (!nodes) {
      nodes = new Map();
      this.#remote.set(room, nodes);
    }
    nodes.set(node, { count, at: performance.now() });
  }

  #tick(): void {
    this.#publishState();
    const now = performance.now();
    for (const [room, nodes] of this.#remote) {
      for (const [node, remote] of nodes) {
        if (now - remote.at >= FORGET_AFTER_MS) nodes.delete(node);
      }
      if (nodes.size === 0) this.#remote.delete(room);
    }
  }

  #queueState(): void {
    this.#stateTimer ??= setTimeout(() => {
      this.#stateTimer = undefined;
      this.#publishState();
    }, STATE_ANSWER_MS);
  }

  #publishState(): void {
    const rooms: [string, number][] = [];
    for (const [room, { members }] of this.#local) {
      rooms.push([room, members.size]);
    }
    this.#publish({ kind: "state", ...this.#envelope(), rooms });
  }

  #publish(message: BusMessage): void {
    for (const bus of this.#buses) {
      if (!bus.up) continue;
      bus.publish(message);
      this.#options.metrics.busMessagesOut++;
    }
  }

  #envelope(): { origin: string; instance: string } {
    return { origin: this.#options.node, instance: this.#options.instance };
  }

  #count(change: number): void {
    const metrics = this.#options.metrics;
    metrics.rooms = this.#local.size;
    metrics.roomMembers += change;
  }
}
