// The socket side of the client: one WebSocket at a time, reconnecting with backoff and full
// jitter, trying the base URLs in turn. It knows nothing of the protocol beyond JSON frames.
import { BACKOFF_CAP_MS, backoffDelay, socketUrl } from "./backoff";
import { normaliseUrl } from "./nodes";

/** Redirects followed in a row (RT-2); past them the hello goes without "route" and is relayed. */
export const MAX_REDIRECTS = 2;

export type Frame = Record<string, unknown> & { t: string };

export interface LinkHandlers {
  /** The socket is open: send hello. */
  onOpen(): void;
  onFrame(frame: Frame): void;
  /** The socket is gone (code null when it failed without a close frame). Called once per socket. */
  onDown(code: number | null): void;
}

export interface LinkOptions {
  baseUrls: string[];
  WebSocketImpl: typeof WebSocket;
  random: () => number;
  handlers: LinkHandlers;
  /** A socket not welcomed within this time is dropped and retried (default 15 s). */
  welcomeTimeoutMs?: number;
}

const OPEN = 1;

export class Link {
  private socket: WebSocket | null = null;
  private running = false;
  private attempt = 0;
  private urlIndex = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private welcomeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = () => this.retryNow();
  /**
   * The browser lost the network: an open socket would stay "open" for many seconds before TCP
   * notices, so it is dropped now (and retried slowly until the "online" event retries at once).
   */
  private readonly onOffline = () => this.drop();
  /** Delays chosen for reconnects, most recent last (for tests and diagnostics). */
  readonly delays: number[] = [];
  /** Redirects followed since the last welcome or lost socket (RT-2). */
  private redirects = 0;
  /** Where the next socket goes instead of the base list: the board's owner a redirect named (RT-1). */
  private redirectTo: string | null = null;
  /** The base URL of the current socket: what a redirect's path is resolved against. */
  private currentBase = "";

  constructor(private readonly options: LinkOptions) {
    if (options.baseUrls.length === 0) throw new Error("baseUrls must name at least one node");
  }

  /** Whether the next hello may ask for a redirect to the board's owner (RT-1, RT-2). */
  get mayRoute(): boolean {
    return this.redirects < MAX_REDIRECTS;
  }

  /** The base URL of the node this link is (or was last) connected to. */
  get node(): string {
    return this.currentBase;
  }

  get isOpen(): boolean {
    return this.socket !== null && this.socket.readyState === OPEN;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
      window.addEventListener("online", this.onOnline);
      window.addEventListener("offline", this.onOffline);
    }
    this.connect();
  }

  stop(): void {
    this.running = false;
    if (typeof window !== "undefined" && typeof window.removeEventListener === "function") {
      window.removeEventListener("online", this.onOnline);
      window.removeEventListener("offline", this.onOffline);
    }
    this.clearTimers();
    const ws = this.socket;
    this.socket = null;
    if (ws) this.closeQuietly(ws, 1000, "bye");
  }

  /** Sends one frame if the socket is open; false otherwise. */
  send(frame: object): boolean {
    const ws = this.socket;
    if (!ws || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false;
    }
  }

  /** A welcome arrived: the link is healthy, so the next failure starts the backoff afresh. */
  welcomed(): void {
    this.attempt = 0;
    this.redirects = 0;
    if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
  }

  /** Retries at once when waiting for a reconnect (e.g. the browser went back online). */
  retryNow(): void {
    if (!this.running || this.socket) return;
    this.clearTimers();
    this.connect();
  }

  /** Drops the current socket and reconnects (used after a fatal or stuck state). */
  drop(): void {
    const ws = this.socket;
    if (!ws) return;
    this.closeQuietly(ws, 4000, "client reconnects");
    this.lost(ws, null);
  }

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    const urls = this.options.baseUrls;
    const base = this.redirectTo ?? (urls[this.urlIndex % urls.length] as string);
    // A redirect is used once: if its node fails, the next attempt goes along the list again.
    this.redirectTo = null;
    this.currentBase = base;
    const url = socketUrl(base);
    let ws: WebSocket;
    try {
      ws = new this.options.WebSocketImpl(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      if (this.socket === ws) this.options.handlers.onOpen();
    };
    ws.onmessage = (event: MessageEvent) => {
      if (this.socket !== ws || typeof event.data !== "string") return;
      let frame: unknown;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame === null || typeof frame !== "object" || typeof (frame as Frame).t !== "string") return;
      if ((frame as Frame).t === "redirect") this.follow(ws, (frame as Frame).url);
      else this.options.handlers.onFrame(frame as Frame);
    };
    ws.onclose = (event: CloseEvent) => this.lost(ws, typeof event?.code === "number" ? event.code : null);
    ws.onerror = () => {
      if (this.socket !== ws) return;
      this.closeQuietly(ws, 4000, "socket error");
      this.lost(ws, null);
    };
    const timeout = this.options.welcomeTimeoutMs ?? 15_000;
    this.welcomeTimer = setTimeout(() => {
      this.welcomeTimer = null;
      if (this.socket !== ws) return;
      this.closeQuietly(ws, 4000, "no welcome");
      this.lost(ws, null);
    }, timeout);
  }

  /**
   * RT-1: the node does not own the board and names the node that does. The socket (never
   * welcomed, so no session is lost) is dropped and the owner tried at once, without backoff. A
   * redirect that is not an http(s) URL or path, or one past MAX_REDIRECTS, is ignored: the node
   * closes the socket and the client goes on as after any close.
   */
  private follow(ws: WebSocket, url: unknown): void {
    const target = normaliseUrl(url, this.currentBase);
    if (target === null || this.redirects >= MAX_REDIRECTS) return;
    this.redirects++;
    this.redirectTo = target;
    this.closeQuietly(ws, 1000, "redirected");
    this.socket = null;
    if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.connect();
  }

  private lost(ws: WebSocket, code: number | null): void {
    if (this.socket !== ws) return;
    this.socket = null;
    // A redirect to a node that then failed (it died while the board moved) must not use up the
    // budget: the next attempt backs off anyway, so redirects cannot loop fast (RT-2).
    this.redirects = 0;
    if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = null;
    this.options.handlers.onDown(code);
    this.scheduleReconnect();
  }

  /**
   * Every loss backs off with full jitter, 1012 and 1013 too (CL-1: "reconnect soon", "try again
   * later"): the first retry after a welcome is fast (under 250 ms), and losses without a welcome
   * in between escalate up to the cap, so a node that answers every hello with 1013 (a storage
   * failure, partitions moving) is not hammered every 250 ms. The welcome resets the ladder.
   */
  private scheduleReconnect(): void {
    if (!this.running) return;
    // Without a network the browser's "online" event starts the next attempt at once; until then
    // one slow attempt every BACKOFF_CAP_MS (a node on this machine stays reachable with no
    // network: navigator.onLine only says whether there is a network interface).
    const offline = typeof window !== "undefined" && typeof navigator !== "undefined" && navigator.onLine === false;
    this.urlIndex++;
    const delay = offline ? BACKOFF_CAP_MS : backoffDelay(this.attempt++, this.options.random);
    this.delays.push(delay);
    if (this.delays.length > 100) this.delays.shift();
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private closeQuietly(ws: WebSocket, code: number, reason: string): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code, reason);
    } catch {
      // already closed
    }
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.welcomeTimer !== null) clearTimeout(this.welcomeTimer);
    this.retryTimer = this.welcomeTimer = null;
  }
}
