/**
 * What arrives on a room URL (`?room=NAME`, see docs/rooms.md): the page's
 * own echoes, other members' messages and presence notices. Only an echo
 * answers a send, so only an echo may be matched to one for RTT; a delivery
 * matched by order would shift every echo after it. Browser-safe.
 *
 * The server keeps each sender's order, so with `self=1` the page's own
 * messages come back in the order it sent them, between the others'. A
 * message equal (same type, same content) to the oldest send still waiting
 * is taken for its echo; anything else is a delivery. A delivery identical
 * to that send cannot be told from it by its bytes: from another of the
 * page's own connections (Send to all open) the page knows which was sent
 * first (`client/room_peers.ts`); from anyone else it is taken for the echo.
 *
 * @module
 */

import { bytesEqual } from "./bytes.ts";

/** A message as sent or received: text, or binary as bytes. */
export type RoomData = string | Uint8Array;

/**
 * What a message is: `echo` answers the oldest send still waiting (off a
 * room URL, every message may be one, as before rooms), `room` came from
 * another member, `presence` is a join or leave notice and `report` the
 * handshake report (`?handshake=1`), which answers no send either.
 */
export type RoomArrival = "echo" | "room" | "presence" | "report";

/** What a room URL asks for, as far as telling messages apart needs. */
export interface RoomView {
  /** The room's name. */
  name: string;
  /** Whether the server echoes the page's own messages (`self`, default 1). */
  self: boolean;
  /** Whether join and leave notices come (`presence=1`). */
  presence: boolean;
}

/**
 * Reads the room `url` joins. A value the server would refuse is read as
 * given: such a handshake fails, so no message is ever told apart by it.
 *
 * @returns it, or `null` when `url` names no room or does not parse
 */
export function readRoom(url: string): RoomView | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const name = params.get("room");
  if (name === null) return null;
  return {
    name,
    self: params.get("self") !== "0",
    presence: params.get("presence") === "1",
  };
}

/**
 * Whether `text` is a presence notice of room `name`:
 * `{"room":NAME,"event":"join"|"leave","member":ID,"members":N}`.
 */
export function isPresenceNotice(text: string, name: string): boolean {
  // Cheap test first: the server writes "room" first, and most messages are
  // not JSON objects at all.
  if (!text.startsWith('{"room":')) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const { room, event, member, members } = value as Record<string, unknown>;
  return room === name && (event === "join" || event === "leave") &&
    typeof member === "string" && Number.isSafeInteger(members);
}

/** What a socket asks of a {@linkcode RoomMessages}, or of one wrapping it. */
export type RoomTeller = Pick<RoomMessages, "sent" | "received" | "reset">;

/**
 * Tells the messages of one socket apart. Off a room URL it keeps nothing
 * and calls every message a possible echo, as the client did before rooms.
 */
export class RoomMessages {
  readonly #room: RoomView | null;
  /** Sends whose echo is still due, oldest at `#head`; `self=1` only. */
  readonly #pending: RoomData[] = [];
  #head = 0;
  /** Whether the next message is the handshake report. */
  #reportDue: boolean;

  /** @param url the URL the socket connects to */
  constructor(url: string) {
    this.#room = readRoom(url);
    // The server sends the report before anything else (docs/rooms.md).
    this.#reportDue = this.#room !== null &&
      new URL(url).searchParams.get("handshake") === "1";
  }

  /** The room the socket joins, `null` when none. */
  get room(): RoomView | null {
    return this.#room;
  }

  /**
   * Records a send. `data` is kept by reference until its echo: do not
   * change it afterwards.
   *
   * @returns whether an echo of it will come, so a round trip may be timed
   */
  sent(data: RoomData): boolean {
    const room = this.#room;
    if (room === null) return true;
    if (!room.self) return false;
    this.#pending.push(data);
    return true;
  }

  /** Says what the message `data` is, taking it off the sends when an echo. */
  received(data: RoomData): RoomArrival {
    const room = this.#room;
    if (room === null) return "echo";
    if (this.#reportDue) {
      this.#reportDue = false;
      return "report";
    }
    if (this.#head < this.#pending.length) {
      const oldest = this.#pending[this.#head];
      if (sameData(data, oldest)) {
        this.#pending[this.#head++] = "";
        // Compact now and then rather than shift(), which is O(n) per call.
        if (this.#head > 1024 && this.#head * 2 > this.#pending.length) {
          this.#pending.splice(0, this.#head);
          this.#head = 0;
        }
        return "echo";
      }
    }
    if (
      room.presence && typeof data === "string" &&
      isPresenceNotice(data, room.name)
    ) {
      return "presence";
    }
    return "room";
  }

  /** Forgets the sends still waiting, as when the socket closes. */
  reset(): void {
    this.#pending.length = 0;
    this.#head = 0;
  }
}

/** Whether two messages are the same: same type, same content. */
export function sameData(a: RoomData, b: RoomData): boolean {
  if (typeof a === "string") return a === b;
  // bytesEqual compares lengths first, so a large binary costs a loop only
  // when it could be the echo.
  return typeof b !== "string" && bytesEqual(a, b);
}
