/**
 * What rooms say to each other across isolates and processes, and the
 * binary-safe frame that carries it over a byte channel such as Redis.
 * Every node (one isolate: a worker of one process) has an id; every message
 * names the node it came from and the server process (instance) that node
 * belongs to.
 *
 * @module
 */

/** The part every bus message has. */
interface Envelope {
  /** The node that sent it. */
  origin: string;
  /** The server process of that node, shared by its workers. */
  instance: string;
}

/** A member's message for the other members of its room. */
export interface DataMessage extends Envelope {
  kind: "data";
  room: string;
  /** The member that sent it. */
  sender: string;
  /** Text stays text, bytes stay bytes. */
  data: string | ArrayBuffer;
}

/** A member joined or left; `count` is its node's members after the change. */
export interface PresenceMessage extends Envelope {
  kind: "join" | "leave";
  room: string;
  member: string;
  count: number;
}

/** A node's members per room, sent now and then and when asked. */
export interface StateMessage extends Envelope {
  kind: "state";
  rooms: [room: string, count: number][];
}

/** A node (re)joined the bus and asks the others for their state. */
export interface HelloMessage extends Envelope {
  kind: "hello";
}

/** One message on a room bus. */
export type BusMessage =
  | DataMessage
  | PresenceMessage
  | StateMessage
  | HelloMessage;

/** Carries bus messages to the other nodes, and theirs to this one. */
export interface RoomBus {
  /** A short name for logs and metrics, e.g. `"redis"`. */
  readonly name: string;
  /** Called with every message from another node. */
  onMessage: (message: BusMessage) => void;
  /** Called when the bus comes up (again): a moment to say hello. */
  onUp: () => void;
  /** Whether messages published now can reach the other nodes. */
  readonly up: boolean;
  /** Sends to the other nodes; dropped while the bus is down. */
  publish(message: BusMessage): void;
  /**
   * This node has members in `room` now: deliver that room's messages.
   *
   * @returns once they are delivered, or at once while the bus is down
   */
  follow(room: string): Promise<void>;
  /** This node's last member of `room` left. */
  unfollow(room: string): void;
  /** Stops the bus, so the process can exit. */
  close(): Promise<void>;
}

const KIND_TEXT = 1;
const KIND_BINARY = 2;
const KIND_CONTROL = 3;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Encodes a message as bytes: a kind byte, the ASCII fields instance, origin,
 * room and sender each behind a length byte, then the payload (the message's
 * bytes, or JSON for control messages). Text is sent as its UTF-8 and
 * decoded back to text, so the kind, not a guess, says what it was.
 */
export function encodeFrame(message: BusMessage): Uint8Array {
  let kind: number;
  let room = "";
  let sender = "";
  let payload: Uint8Array;
  if (message.kind === "data") {
    room = message.room;
    sender = message.sender;
    if (typeof message.data === "string") {
      kind = KIND_TEXT;
      payload = encoder.encode(message.data);
    } else {
      kind = KIND_BINARY;
      payload = new Uint8Array(message.data);
    }
  } else {
    kind = KIND_CONTROL;
    const { origin: _o, instance: _i, ...rest } = message;
    payload = encoder.encode(JSON.stringify(rest));
  }
  const fields = [message.instance, message.origin, room, sender];
  let headerLength = 1;
  for (const field of fields) headerLength += 1 + field.length;
  const frame = new Uint8Array(headerLength + payload.byteLength);
  frame[0] = kind;
  let at = 1;
  for (const field of fields) {
    if (field.length > 255 || !/^[\x20-\x7e]*$/.test(field)) {
      throw new RangeError(`Cannot frame field "${field}": not short ASCII`);
    }
    frame[at++] = field.length;
    at += encoder.encodeInto(field, frame.subarray(at)).written;
  }
  frame.set(payload, at);
  return frame;
}

/**
 * Decodes what {@linkcode encodeFrame} made.
 *
 * @throws {SyntaxError} when the bytes are no such frame
 */
export function decodeFrame(frame: Uint8Array): BusMessage {
  const kind = frame[0];
  let at = 1;
  const fields: string[] = [];
  for (let i = 0; i < 4; i++) {
    const length = frame[at++];
    if (length === undefined || at + length > frame.byteLength) {
      throw new SyntaxError("Cannot decode a room bus frame: it is truncated");
    }
    fields.push(decoder.decode(frame.subarray(at, at + length)));
    at += length;
  }
  const [instance, origin, room, sender] = fields;
  const payload = frame.subarray(at);
  if (kind === KIND_TEXT) {
    return {
      kind: "data",
      instance,
      origin,
      room,
      sender,
      data: decoder.decode(payload),
    };
  }
  if (kind === KIND_BINARY) {
    // A copy: `payload` may be a view of a larger buffer (a Node Buffer's
    // `slice` is a view too).
    const data = new Uint8Array(payload).buffer;
    return { kind: "data", instance, origin, room, sender, data };
  }
  if (kind === KIND_CONTROL) {
    const control = JSON.parse(decoder.decode(payload));
    if (!["join", "leave", "state", "hello"].includes(control?.kind)) {
      throw new SyntaxError(
        `Cannot decode a room bus frame: unknown control "${control?.kind}"`,
      );
    }
    return { ...control, instance, origin } as BusMessage;
  }
  throw new SyntaxError(`Cannot decode a room bus frame: kind ${kind}`);
}
