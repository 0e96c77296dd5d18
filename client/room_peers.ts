/**
 * The page's record of what its own connections sent to rooms, so that a
 * delivery from one of them is not taken for another's identical echo:
 * "Send to all open" from A and B in one room sends the same message twice,
 * and each socket gets both copies, its echo and its sibling's. The server
 * relays a room's messages in the order it reads them, taken here to be the
 * order the page sent them in: a sibling's copy sent before a socket's own
 * comes before its echo. Browser-safe.
 *
 * Loaded with the second connection; one connection needs none of it.
 *
 * @module
 */

import {
  readRoom,
  type RoomArrival,
  type RoomData,
  type RoomTeller,
  sameData,
} from "./room_messages.ts";

/** One send that members of its room still await. */
interface SiblingSend {
  from: object;
  data: RoomData;
  place: number;
  /** The members it has yet to reach. */
  awaiting: Set<object>;
}

/** How a {@linkcode RoomPeers} is built. */
export interface RoomPeersOptions {
  /**
   * Most sends kept per room while awaited; the oldest go first. A member
   * that never receives one (the server dropped it) holds it until it leaves.
   *
   * @default {1024}
   */
  maxSends?: number;
}

/** Defaults of {@linkcode RoomPeersOptions}. */
export const ROOM_PEERS_DEFAULTS = { maxSends: 1024 } as const;

/**
 * Where a socket's messages go and come from, as siblings see it: server,
 * path and room name; `null` off a room URL.
 */
export function roomKey(url: string): string | null {
  const room = readRoom(url);
  if (room === null) return null;
  const { protocol, host, pathname } = new URL(url);
  return `${protocol}//${host}${pathname}?room=${room.name}`;
}

/** What a page's connections sent to the rooms they are open in. */
export class RoomPeers {
  readonly #maxSends: number;
  /** The room each open member is in. */
  readonly #members = new Map<object, string>();
  /** Sends still awaited, by room, in the order sent. */
  readonly #sends = new Map<string, SiblingSend[]>();
  #place = 0;

  constructor(options: RoomPeersOptions = {}) {
    this.#maxSends = options.maxSends ?? ROOM_PEERS_DEFAULTS.maxSends;
  }

  /** `member` is open on `url`: what others send to its room reaches it. */
  join(member: object, url: string): void {
    this.leave(member);
    const key = roomKey(url);
    if (key !== null) this.#members.set(member, key);
  }

  /**
   * `member` closed or went: it awaits nothing any more, and what it sent is
   * awaited no more either. A server that closes a socket (`close` after N,
   * a limit) may never have read what it sent last; kept, such a send would
   * be taken for every later identical echo of its siblings'. Had the
   * server read it, one sibling's echo may be taken for it, as without
   * siblings.
   */
  leave(member: object): void {
    const key = this.#members.get(member);
    if (key === undefined) return;
    this.#members.delete(member);
    const sends = this.#sends.get(key) ?? [];
    for (const send of sends) send.awaiting.delete(member);
    this.#keep(
      key,
      sends.filter((send) => send.from !== member && send.awaiting.size > 0),
    );
  }

  /** Notes a send by `member` to room `key`; returns its place among all. */
  sent(member: object, key: string, data: RoomData): number {
    const place = ++this.#place;
    const awaiting = new Set<object>();
    for (const [other, room] of this.#members) {
      if (room === key && other !== member) awaiting.add(other);
    }
    if (awaiting.size === 0) return place;
    const sends = this.#sends.get(key) ?? [];
    sends.push({ from: member, data, place, awaiting });
    if (sends.length > this.#maxSends) sends.shift();
    this.#sends.set(key, sends);
    return place;
  }

  /**
   * Takes off the oldest send by another member that `member` awaits,
   * equal to `data` and placed before `before`.
   *
   * @returns whether there was one
   */
  take(member: object, key: string, data: RoomData, before: number): boolean {
    const sends = this.#sends.get(key);
    if (!sends) return false;
    for (const [i, send] of sends.entries()) {
      // In the order sent: none after this one was sent earlier.
      if (send.place >= before) return false;
      if (!send.awaiting.has(member) || !sameData(send.data, data)) continue;
      send.awaiting.delete(member);
      if (send.awaiting.size === 0) {
        sends.splice(i, 1);
        this.#keep(key, sends);
      }
      return true;
    }
    return false;
  }

  /**
   * `member` got its echo of the send placed at `place`: whatever siblings
   * sent before that and it still awaits is not coming (in the order the
   * page sent, it would have come first), so it awaits it no more.
   */
  passed(member: object, key: string, place: number): void {
    const sends = this.#sends.get(key);
    if (!sends) return;
    const before = sends.filter((send) => send.place < place);
    for (const send of before) send.awaiting.delete(member);
    if (before.some((send) => send.awaiting.size === 0)) {
      this.#keep(key, sends.filter((send) => send.awaiting.size > 0));
    }
  }

  /** How many sends are awaited in room `key`. */
  awaited(key: string): number {
    return this.#sends.get(key)?.length ?? 0;
  }

  /**
   * Wraps `room`, one socket's way of telling its echoes from deliveries,
   * so that `member`'s siblings' copies are never taken for its echoes.
   */
  wrap(room: RoomTeller, url: string, member: object): RoomTeller {
    const key = roomKey(url);
    return key === null ? room : new SiblingRoom(room, key, member, this);
  }

  #keep(key: string, sends: SiblingSend[]) {
    if (sends.length === 0) this.#sends.delete(key);
    else this.#sends.set(key, sends);
  }
}

/** A socket's {@linkcode RoomTeller} that knows the page's other sends. */
class SiblingRoom implements RoomTeller {
  readonly #room: RoomTeller;
  readonly #key: string;
  readonly #member: object;
  readonly #peers: RoomPeers;
  /**
   * This socket's sends since it was wrapped whose echo is due, with their
   * places. The wrapped queue may hold older ones (wrapped while its echoes
   * were on their way), so an echo takes one off only when it is this one.
   */
  #due: { data: RoomData; place: number }[] = [];

  constructor(room: RoomTeller, key: string, member: object, peers: RoomPeers) {
    this.#room = room;
    this.#key = key;
    this.#member = member;
    this.#peers = peers;
  }

  sent(data: RoomData): boolean {
    const place = this.#peers.sent(this.#member, this.#key, data);
    const echoes = this.#room.sent(data);
    if (echoes) this.#due.push({ data, place });
    return echoes;
  }

  received(data: RoomData): RoomArrival {
    const due = this.#due[0];
    const mine = due !== undefined && sameData(data, due.data);
    const before = mine ? due.place : Infinity;
    if (this.#peers.take(this.#member, this.#key, data, before)) return "room";
    const arrival = this.#room.received(data);
    if (arrival === "echo" && mine) {
      this.#peers.passed(this.#member, this.#key, this.#due.shift()!.place);
    }
    return arrival;
  }

  reset(): void {
    this.#due = [];
    this.#room.reset();
  }
}
