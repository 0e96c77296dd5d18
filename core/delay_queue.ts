/**
 * Echoes held until a time each, sent in order by one timer: the queue
 * behind `?delay` and behind byte-rate pacing. Framework-free.
 *
 * @module
 */

/** An echo waiting for its time. */
interface Held {
  data: string | ArrayBuffer;
  size: number;
  due: number;
}

/** Sends held echoes in order once their due times pass. */
export class DelayQueue {
  readonly #send: (data: string | ArrayBuffer, size: number) => void;
  /** Held echoes in arrival order; callers keep their due times growing. */
  #held: Held[] = [];
  #head = 0;
  #heldBytes = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dropped = 0;

  /** @param send sends one echo; called in order, from a timer */
  constructor(send: (data: string | ArrayBuffer, size: number) => void) {
    this.#send = send;
  }

  /** Bytes held now: bytes the server keeps for this client. */
  get heldBytes(): number {
    return this.#heldBytes;
  }

  /** Whether anything is held. */
  get empty(): boolean {
    return this.#head === this.#held.length;
  }

  /** Echoes dropped by {@linkcode stop} or {@linkcode flushUntil}. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Holds an echo until `due` (a `performance.now()` time), after the others. */
  push(data: string | ArrayBuffer, size: number, due: number): void {
    this.#held.push({ data, size, due });
    this.#heldBytes += size;
    if (this.#timer === undefined) this.#schedule();
  }

  /**
   * Sends at once, in order, every held echo due before `deadline`, drops
   * the rest, and stops: for shutdown, where `deno serve` closes every
   * socket itself the moment the signal arrives, so an echo sent on its
   * delay's timer would be too late.
   */
  flushUntil(deadline: number): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const held = this.#held;
    while (this.#head < held.length && held[this.#head].due <= deadline) {
      const { data, size } = held[this.#head++];
      this.#heldBytes -= size;
      this.#send(data, size);
      if (this.#held !== held) return;
    }
    this.stop();
  }

  /** Drops everything held and stops the timer: nothing outlives the socket. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dropped += this.#held.length - this.#head;
    this.#held = [];
    this.#head = 0;
    this.#heldBytes = 0;
  }

  #schedule(): void {
    this.#timer = undefined;
    const next = this.#held[this.#head];
    if (next === undefined) return;
    const wait = Math.max(0, next.due - performance.now());
    this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = undefined;
    const now = performance.now();
    const held = this.#held;
    while (this.#head < held.length && held[this.#head].due <= now) {
      const { data, size } = held[this.#head];
      held[this.#head++] = undefined as unknown as Held;
      this.#heldBytes -= size;
      this.#send(data, size);
      // The send may have closed the socket, which stops the queue.
      if (this.#held !== held) return;
    }
    // Compact now and then, so a long-lived queue does not keep its past.
    if (this.#head > 1024 && this.#head * 2 > held.length) {
      held.splice(0, this.#head);
      this.#head = 0;
    }
    this.#schedule();
  }
}
