// URL helpers: `/join/<workshop>#token=<token>&board=<board>`. Pure, so unit-tested.
export interface JoinRoute {
  workshop: string;
  token: string | null;
  board: string | null;
}

export function parseJoinRoute(pathname: string, hash: string): JoinRoute | null {
  const m = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return { workshop: decodeURIComponent(m[1]!), token: params.get("token"), board: params.get("board") };
}

/** The fragment for a join URL; the token first, as the server's links have it. */
export function joinHash(token: string, board: string | null): string {
  const params = new URLSearchParams({ token });
  if (board) params.set("board", board);
  return "#" + params.toString();
}
