// Control requests (FA-8): `{"t":"control","request":id,"action",...args}` answered by
// `{"t":"done","request","seq"}` or `{"t":"error","code","message","request"}`. Each request is a
// promise kept here until its answer, or until the connection it was sent on goes.
import { randomId } from "./ids";

/** A refused or unanswered control; `code` is the server's error code, or `offline`. */
export class ControlError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message || code);
    this.name = "ControlError";
  }
}

interface Waiting {
  resolve(seq: number): void;
  reject(error: ControlError): void;
}

export class ControlRequests {
  private readonly waiting = new Map<string, Waiting>();
  private counter = 0;

  constructor(private readonly random: () => number) {}

  /** A new request id (FA-8: 1-64 of [A-Za-z0-9_.:-]) and the promise its answer settles. */
  open(): { request: string; answer: Promise<number> } {
    const request = `c${(this.counter++).toString(36)}-${randomId(this.random, 6)}`;
    const answer = new Promise<number>((resolve, reject) => this.waiting.set(request, { resolve, reject }));
    return { request, answer };
  }

  /** A `done` frame; false when no request of that id is waiting. */
  done(request: string | null, seq: number | null): boolean {
    const w = request === null ? undefined : this.waiting.get(request);
    if (!w || request === null) return false;
    this.waiting.delete(request);
    if (seq === null) w.reject(new ControlError("bad_message", "the server's answer had no seq"));
    else w.resolve(seq);
    return true;
  }

  /** An `error` frame carrying `request`; false when no request of that id is waiting. */
  fail(request: string | null, code: string, message: string): boolean {
    const w = request === null ? undefined : this.waiting.get(request);
    if (!w || request === null) return false;
    this.waiting.delete(request);
    w.reject(new ControlError(code, message));
    return true;
  }

  /** The connection went: no answer will come for what is waiting (it may or may not have been applied). */
  failAll(code: string, message: string): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(new ControlError(code, message));
  }

  get size(): number {
    return this.waiting.size;
  }
}
