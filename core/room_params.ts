/**
 * The room a connection asks to join: `?room=NAME`, with `self` and
 * `presence` modifying it. Parsed once per handshake, with the behaviours'
 * rules: unknown parameters are ignored, a malformed value or a modifier
 * without its owner is refused. Browser-safe, so the page's Server behaviour
 * panel shares the names and the form.
 *
 * @module
 */

/** What a connection asked of its room. */
export interface RoomRequest {
  /** The room's name. */
  name: string;
  /** Whether the sender also gets its own messages back. */
  self: boolean;
  /** Whether this member is told when members join and leave. */
  presence: boolean;
}

/** Every query parameter that concerns rooms. */
export const ROOM_PARAMS = ["room", "self", "presence"] as const;

/** What a room name may be, as the README states it. */
export const ROOM_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The accepted form of a room name, for error lines. */
export const ROOM_NAME_FORM = "1-64 characters of A-Z a-z 0-9 . _ -";

/** Options of {@linkcode parseRoom}. */
export interface ParseRoomOptions {
  /** False when `ROOMS=false`: any room parameter is refused. */
  enabled: boolean;
}

/**
 * Reads the room a request URL asks for.
 *
 * @param url the request URL, absolute
 * @returns the request, or `null` when the URL names no room
 * @throws {RangeError} naming the parameter, the value and the accepted form,
 *   or saying that rooms are turned off
 */
export function parseRoom(
  url: string,
  options: ParseRoomOptions,
): RoomRequest | null {
  const query = url.indexOf("?");
  if (query < 0) return null;
  const params = new URLSearchParams(url.slice(query + 1).split("#")[0]);
  const asked = ROOM_PARAMS.filter((name) => params.has(name));
  if (asked.length === 0) return null;
  if (!options.enabled) {
    throw new RangeError(
      `Rooms are turned off here (ROOMS=false): remove ${
        asked.map((name) => `"${name}"`).join(", ")
      } from the URL`,
    );
  }
  const one = (name: string): string | null => {
    const values = params.getAll(name);
    if (values.length > 1) {
      throw new RangeError(
        `${name} is given ${values.length} times, expected it once`,
      );
    }
    return values[0] ?? null;
  };
  for (const modifier of ["self", "presence"]) {
    if (params.has(modifier) && !params.has("room")) {
      throw new RangeError(
        `${modifier} is given without room, which it modifies`,
      );
    }
  }
  const name = one("room")!;
  if (!ROOM_NAME.test(name)) throw invalid("room", name, ROOM_NAME_FORM);
  const self = one("self");
  if (self !== null && self !== "0" && self !== "1") {
    throw invalid("self", self, "0 or 1");
  }
  const presence = one("presence");
  if (presence !== null && presence !== "1") {
    throw invalid("presence", presence, "1");
  }
  return { name, self: self !== "0", presence: presence === "1" };
}

function invalid(name: string, value: string, expected: string): RangeError {
  const shown = value.length > 70 ? `${value.slice(0, 70)}…` : value;
  return new RangeError(
    `${name} is ${JSON.stringify(shown)}, expected ${expected}`,
  );
}
