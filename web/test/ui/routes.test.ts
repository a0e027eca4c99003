import { describe, expect, it } from "vitest";
import { joinHash, parseJoinRoute } from "../../src/ui/routes";

describe("routes", () => {
  it("reads the workshop from the path and token and board from the fragment", () => {
    expect(parseJoinRoute("/join/abc123", "#token=T-_x&board=b9")).toEqual({ workshop: "abc123", token: "T-_x", board: "b9" });
    expect(parseJoinRoute("/join/abc123/", "")).toEqual({ workshop: "abc123", token: null, board: null });
    expect(parseJoinRoute("/", "#token=x")).toBeNull();
  });

  it("writes the fragment back with the token first", () => {
    expect(joinHash("T-_x", "b9")).toBe("#token=T-_x&board=b9");
    expect(joinHash("T", null)).toBe("#token=T");
  });
});
