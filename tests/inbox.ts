/**
 * Every message a socket receives, kept from the moment it opens, so a test
 * with several parties can await each one's next message without losing
 * what arrived in between.
 *
 * @module
 */

/** A socket's received messages, in order, and its close. */
export class Inbox {
  readonly socket: WebSocket;
  readonly #messages: (string | ArrayBuffer)[] = [];
  #waiting: (() => void) | null = null;
  #closed: CloseEvent | null = null;
  readonly closed: Promise<CloseEvent>;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    let done: (event: CloseEvent) => void;
    this.closed = new Promise((resolve) => done = resolve);
    socket.onmessage = (event) => {
      this.#messages.push(event.data);
      this.#waiting?.();
    };
    socket.onclose = (event) => {
      this.#closed = event;
      done(event);
      this.#waiting?.();
    };
  }

  /** Opens `url`; rejects with the close when it never opens. */
  static open(url: string): Promise<Inbox> {
    const socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    const inbox = new Inbox(socket);
    return new Promise((resolve, reject) => {
      socket.onopen = () => resolve(inbox);
      socket.onerror = () => {};
      inbox.closed.then((e) =>
        reject(new Error(`closed before open: ${e.code} ${e.reason}`))
      );
    });
  }

  /** Messages received and not yet taken. */
  get pending(): number {
    return this.#messages.length;
  }

  /** Takes the next `count` messages, waiting for them. */
  async take(count = 1): Promise<(string | ArrayBuffer)[]> {
    while (this.#messages.length < count) {
      if (this.#closed) {
        throw new Error(
          `closed with ${this.#closed.code} "${this.#closed.reason}" after ${this.#messages.length}/${count} messages`,
        );
      }
      await new Promise<void>((resolve) => this.#waiting = resolve);
      this.#waiting = null;
    }
    return this.#messages.splice(0, count);
  }

  /** Takes the next message. */
  async next(): Promise<string | ArrayBuffer> {
    return (await this.take(1))[0];
  }

  /** Takes the next message, parsed as JSON. */
  async nextJson(): Promise<unknown> {
    const message = await this.next();
    if (typeof message !== "string") {
      throw new Error("expected text, got bytes");
    }
    return JSON.parse(message);
  }

  /** Closes with 1000 and waits for the close handshake. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.socket.close(1000);
    await this.closed;
  }
}
