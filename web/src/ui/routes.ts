// URL helpers: `/join/<workshop>#token=<token>&board=<board>`. Pure, so unit-tested.
// FA-10: the facilitator link also carries `participant=` and `observer=` tokens; they are read
// here apart from the rest, so the page can keep them for the room view and leave them out of
// the fragment it writes back.
export interface JoinRoute {
  workshop: string;
  token: string | null;
  board: string | null;
  /** FA-10, facilitator links only: the other two roles' tokens. */
  participant: string | null;
  observer: string | null;
}

export function parseJoinRoute(pathname: string, hash: string): JoinRoute | null {
  const m = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return {
    workshop: decodeURIComponent(m[1]!),
    token: params.get("token"),
    board: params.get("board"),
    participant: params.get("participant"),
    observer: params.get("observer"),
  };
}

/** The fragment for a join URL; the token first, as the server's links have it. */
export function joinHash(token: string, board: string | null): string {
  const params = new URLSearchParams({ token });
  if (board) params.set("board", board);
  return "#" + params.toString();
}

/** A link for one role: `<origin>/join/<workshop>#token=<token>`, plus the FA-10 tokens for the facilitator's. */
export function joinLink(origin: string, workshop: string, token: string, others?: { participant: string; observer: string }): string {
  const params = new URLSearchParams({ token });
  if (others) {
    params.set("participant", others.participant);
    params.set("observer", others.observer);
  }
  return `${origin}/join/${encodeURIComponent(workshop)}#${params.toString()}`;
}
