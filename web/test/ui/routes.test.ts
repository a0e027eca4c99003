import { describe, expect, it } from "vitest";
import { joinHash, joinLink, parseJoinRoute } from "../../src/ui/routes";

describe("routes", () => {
  it("reads the workshop from the path and token and board from the fragment", () => {
    expect(parseJoinRoute("/join/abc123", "#token=T-_x&board=b9")).toEqual({
      workshop: "abc123",
      token: "T-_x",
      board: "b9",
      participant: null,
      observer: null,
    });
    expect(parseJoinRoute("/join/abc123/", "")).toEqual({ workshop: "abc123", token: null, board: null, participant: null, observer: null });
    expect(parseJoinRoute("/", "#token=x")).toBeNull();
  });

  it("reads the other roles' tokens of a facilitator link apart from the token (FA-10)", () => {
    expect(parseJoinRoute("/join/w1", "#token=F1&participant=P2&observer=O3")).toEqual({
      workshop: "w1",
      token: "F1",
      board: null,
      participant: "P2",
      observer: "O3",
    });
    expect(parseJoinRoute("/join/w1", "#participant=P2&observer=O3&token=F1&board=plenary")).toMatchObject({ token: "F1", board: "plenary" });
  });

  it("writes the fragment back with the token first, without the other roles' tokens", () => {
    expect(joinHash("T-_x", "b9")).toBe("#token=T-_x&board=b9");
    expect(joinHash("T", null)).toBe("#token=T");
    expect(joinHash("F1", "room")).not.toContain("participant");
  });

  it("builds the three links of a workshop", () => {
    expect(joinLink("https://sb.example", "w 1", "P2")).toBe("https://sb.example/join/w%201#token=P2");
    expect(joinLink("https://sb.example", "w1", "F1", { participant: "P2", observer: "O3" })).toBe(
      "https://sb.example/join/w1#token=F1&participant=P2&observer=O3",
    );
    const back = new URL(joinLink("http://x", "w1", "F1", { participant: "P2", observer: "O3" }));
    expect(parseJoinRoute(back.pathname, back.hash)).toMatchObject({ workshop: "w1", token: "F1", participant: "P2", observer: "O3" });
  });
});
