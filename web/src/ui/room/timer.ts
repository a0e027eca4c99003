// The countdown's pieces: mm:ss text, the warning/done phase, the once-per-end sound decision
// (pure, tested) and the sound itself (Web Audio) with a per-person mute kept in localStorage.

/** "mm:ss", rounding up, so 00:00 shows only when the time is really up. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

export const WARNING_MS = 60_000;

export type TimerPhase = "normal" | "warning" | "done";

/** The last minute warns; zero is done. */
export function timerPhase(remaining: number): TimerPhase {
  if (remaining <= 0) return "done";
  return remaining <= WARNING_MS ? "warning" : "normal";
}

/**
 * Decides when to sound: once per timer end (identified by its key, e.g. its endsAt), and only
 * for an end seen coming (remaining above 0 first), so a reload after the end stays quiet.
 */
export class EndWatcher {
  private readonly armed = new Set<string>();
  private readonly rung = new Set<string>();

  /** True exactly once per key: when its remaining time reaches 0 after having been above it. */
  update(key: string | null, remaining: number | null): boolean {
    if (key === null || remaining === null) return false;
    if (remaining > 0) {
      this.armed.add(key);
      return false;
    }
    if (!this.armed.has(key) || this.rung.has(key)) return false;
    this.rung.add(key);
    return true;
  }
}

const MUTE_KEY = "samenbord.timerMute";

export function isMuted(): boolean {
  try {
    return globalThis.localStorage?.getItem(MUTE_KEY) === "1";
  } catch {
    return false;
  }
}

export function setMuted(muted: boolean): void {
  try {
    globalThis.localStorage?.setItem(MUTE_KEY, muted ? "1" : "0");
  } catch (e) {
    console.warn("samenbord: the mute choice is kept for this page only", e);
  }
}

type AudioContextCtor = typeof AudioContext;
let audio: AudioContext | null = null;

/** Three short tones. Browsers allow sound once the person has used the page (the join click). */
export function playEndSound(): void {
  const Ctor: AudioContextCtor | undefined =
    globalThis.AudioContext ?? (globalThis as unknown as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
  if (!Ctor) return;
  try {
    audio ??= new Ctor();
    void audio.resume().catch((e: unknown) => console.warn("samenbord: the browser blocked the timer sound", e));
    const start = audio.currentTime + 0.05;
    for (let i = 0; i < 3; i++) {
      const at = start + i * 0.3;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + 0.22);
    }
  } catch (e) {
    console.warn("samenbord: could not play the timer sound", e);
  }
}
