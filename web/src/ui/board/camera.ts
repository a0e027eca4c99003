// Pan and zoom of the board: the layer is sized to the template canvas and moved with a CSS
// transform, so note coordinates stay in canvas units and only one transform changes.
import { clampScale, fitScale, zoomAround } from "./geometry";

/** Space at the viewport's edges that floating tools cover; "fit" keeps the board clear of it. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Below this scale zone prompts and note authors are left out: what can be read is shown. */
export const LOW_ZOOM = 0.55;
/** Below this (a phone showing a whole board) zone hints are left out too: the count says it. */
export const TINY_ZOOM = 0.3;

export class Camera {
  scale = 1;
  tx = 0;
  ty = 0;
  insets: Insets = { top: 8, right: 8, bottom: 8, left: 8 };
  private listeners = new Set<() => void>();

  constructor(
    private readonly viewport: HTMLElement,
    private readonly layer: HTMLElement,
    private readonly canvasW: number,
    private readonly canvasH: number,
  ) {}

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Board coordinates of a point on screen. */
  toBoard(clientX: number, clientY: number): [number, number] {
    const r = this.viewport.getBoundingClientRect();
    return [(clientX - r.left - this.tx) / this.scale, (clientY - r.top - this.ty) / this.scale];
  }

  /** The whole board in this viewer's viewport, clear of the floating tools. */
  fit(): void {
    this.fitRect({ x: 0, y: 0, w: this.canvasW, h: this.canvasH });
  }

  /** Shows a board rect as large as this viewport allows, centred between the insets. */
  fitRect(rect: { x: number; y: number; w: number; h: number }, margin = 8): void {
    const r = this.viewport.getBoundingClientRect();
    const w = r.width || 1200;
    const h = r.height || 700;
    const i = this.insets;
    const availW = Math.max(40, w - i.left - i.right);
    const availH = Math.max(40, h - i.top - i.bottom);
    this.scale = fitScale(rect.w, rect.h, availW, availH, margin);
    this.tx = i.left + (availW - rect.w * this.scale) / 2 - rect.x * this.scale;
    this.ty = i.top + (availH - rect.h * this.scale) / 2 - rect.y * this.scale;
    this.apply();
  }

  /** Zooms by a factor around a point in viewport pixels (the centre when omitted). */
  zoomBy(factor: number, px?: number, py?: number): void {
    const r = this.viewport.getBoundingClientRect();
    const next = clampScale(this.scale * factor);
    const pos = zoomAround(this.tx, this.ty, this.scale, next, px ?? r.width / 2, py ?? r.height / 2);
    this.scale = next;
    this.tx = pos.tx;
    this.ty = pos.ty;
    this.apply();
  }

  zoomAtClient(factor: number, clientX: number, clientY: number): void {
    const r = this.viewport.getBoundingClientRect();
    this.zoomBy(factor, clientX - r.left, clientY - r.top);
  }

  panBy(dx: number, dy: number): void {
    this.tx += dx;
    this.ty += dy;
    this.apply();
  }

  /**
   * The view as the board point at the centre of the viewport and the zoom: independent of the
   * viewport's size, so a follower's screen shows the same place (FA-2 `follow`).
   */
  view(): { x: number; y: number; zoom: number } {
    const r = this.viewport.getBoundingClientRect();
    const w = r.width || 1200;
    const h = r.height || 700;
    return { x: (w / 2 - this.tx) / this.scale, y: (h / 2 - this.ty) / this.scale, zoom: this.scale };
  }

  /** The part of the board the viewport shows, in board units. */
  visibleRect(): { x: number; y: number; w: number; h: number } {
    const r = this.viewport.getBoundingClientRect();
    const w = r.width || 1200;
    const h = r.height || 700;
    return { x: -this.tx / this.scale, y: -this.ty / this.scale, w: w / this.scale, h: h / this.scale };
  }

  /**
   * Centres board point (x, y) in the viewport at this zoom (clamped to the zoom limits); with a
   * span (the board width and height someone else's viewport showed, FA-2 follow) the zoom fits
   * that span into this viewport instead, so a phone shows what a laptop shows.
   */
  setView(x: number, y: number, zoom: number, span?: { w: number; h: number } | null): void {
    if (![x, y, zoom].every(Number.isFinite) || zoom <= 0) return;
    if (span && span.w > 0 && span.h > 0) return this.fitRect({ x: x - span.w / 2, y: y - span.h / 2, w: span.w, h: span.h }, 0);
    const r = this.viewport.getBoundingClientRect();
    const w = r.width || 1200;
    const h = r.height || 700;
    this.scale = clampScale(zoom);
    this.tx = w / 2 - x * this.scale;
    this.ty = h / 2 - y * this.scale;
    this.apply();
  }

  /** Scrolls just enough to bring a board rect into view (keyboard focus on an off-screen note). */
  reveal(x: number, y: number, w: number, h: number): void {
    const r = this.viewport.getBoundingClientRect();
    const left = x * this.scale + this.tx;
    const top = y * this.scale + this.ty;
    const right = left + w * this.scale;
    const bottom = top + h * this.scale;
    let dx = 0;
    let dy = 0;
    if (left < 8) dx = 8 - left;
    else if (right > r.width - 8) dx = Math.max(r.width - 8 - right, 8 - left);
    if (top < 8) dy = 8 - top;
    else if (bottom > r.height - 8) dy = Math.max(r.height - 8 - bottom, 8 - top);
    if (dx || dy) this.panBy(dx, dy);
  }

  /** Where a board rect is on screen, in viewport pixels. */
  toScreen(r: { x: number; y: number; w: number; h: number }): { x: number; y: number; w: number; h: number } {
    return { x: r.x * this.scale + this.tx, y: r.y * this.scale + this.ty, w: r.w * this.scale, h: r.h * this.scale };
  }

  private apply(): void {
    this.layer.style.transform = `translate(${this.tx}px, ${this.ty}px) scale(${this.scale})`;
    // Outlines, cursors and handles keep a constant on-screen size through this variable; text
    // uses it to stay legible at fit (12 screen pixels, a note's down to 10 to keep words whole: board.css, note-fit.ts).
    this.layer.style.setProperty("--inv-scale", String(1 / this.scale));
    this.layer.classList.toggle("zoom-low", this.scale < LOW_ZOOM);
    this.layer.classList.toggle("zoom-tiny", this.scale < TINY_ZOOM);
    this.viewport.dataset.zoom = this.scale.toFixed(3);
    for (const l of this.listeners) l();
  }
}
