import { afterEach, describe, expect, it } from "vitest";
import { bannersFor } from "../../src/ui/board/banners";
import { barState, controlErrorMessage, ControlCommands, parseDots, type Controllable } from "../../src/ui/board/control";
import { NO_CONTROL, type ControlState } from "../../src/ui/board/control-state";
import { turnoutText, votersText } from "../../src/ui/board/vote-results";
import { setLang } from "../../src/ui/i18n";

/** A client whose control() records the call and answers as the node would (FA-8). */
function fakeClient(answer: (action: string) => number | Error = () => 7) {
  const calls: [string, Record<string, unknown> | undefined][] = [];
  const client: Controllable = {
    control(action, args) {
      calls.push([action, args]);
      const a = answer(action);
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
  };
  return { client, calls };
}

function coded(code: string, message = ""): Error {
  return Object.assign(new Error(message), { code });
}

function commands(client: Controllable) {
  const reports: (string | null)[] = [];
  return { cmd: new ControlCommands(client, (m) => reports.push(m)), reports };
}

afterEach(() => setLang("nl"));

describe("facilitator control commands (FA-9 board actions)", () => {
  it("sends lock/unlock, privateStart, reveal and voteClose as named actions", async () => {
    const { client, calls } = fakeClient();
    const { cmd, reports } = commands(client);
    expect(await cmd.setLocked(true)).toBe(true);
    await cmd.setLocked(false);
    await cmd.privateStart();
    await cmd.reveal();
    await cmd.voteClose();
    expect(calls).toEqual([
      ["lock", undefined],
      ["unlock", undefined],
      ["privateStart", undefined],
      ["reveal", undefined],
      ["voteClose", undefined],
    ]);
    expect(reports).toEqual([null, null, null, null, null]);
  });

  it("starts a vote with the dots and, when chosen, a zone", async () => {
    const { client, calls } = fakeClient();
    const { cmd } = commands(client);
    await cmd.voteStart("3", "");
    await cmd.voteStart(" 5 ", "wind-north");
    expect(calls).toEqual([
      ["voteStart", { dots: 3 }],
      ["voteStart", { dots: 5, zone: "wind-north" }],
    ]);
  });

  it("refuses a dot budget outside 1..20 without calling the node", async () => {
    const { client, calls } = fakeClient();
    const { cmd, reports } = commands(client);
    for (const bad of ["0", "21", "2.5", "", "drie", "-1"]) expect(await cmd.voteStart(bad, "")).toBe(false);
    expect(calls).toEqual([]);
    expect(reports.every((r) => r?.includes("1 tot 20"))).toBe(true);
    expect([parseDots("1"), parseDots("20"), parseDots("07")]).toEqual([1, 20, 7]);
  });

  it("shows the node's refusal as a sentence, and clears it after a success", async () => {
    let fail = true;
    const { client } = fakeClient(() => (fail ? coded("forbidden", "facilitators only") : 9));
    const { cmd, reports } = commands(client);
    expect(await cmd.setLocked(true)).toBe(false);
    fail = false;
    expect(await cmd.setLocked(true)).toBe(true);
    expect(reports).toEqual(["Alleen een begeleider kan dit doen.", null]);
  });

  it("says clearly when the client cannot send control frames", async () => {
    const { cmd, reports } = commands({});
    expect(await cmd.reveal()).toBe(false);
    expect(reports[0]).toMatch(/Herlaad/);
  });

  it("maps error codes to messages in the current language", () => {
    setLang("en");
    expect(controlErrorMessage(coded("forbidden"))).toBe("Only a facilitator can do this.");
    expect(controlErrorMessage(coded("bad_message", "dots out of range"))).toBe("The server refused this: dots out of range");
    expect(controlErrorMessage(coded("not_connected", "not connected"))).toMatch(/Not connected/);
    expect(controlErrorMessage(new Error("boom"))).toBe("That did not work: boom");
  });
});

describe("control bar state", () => {
  it("offers starting what is off and ending what is on", () => {
    expect(barState(null)).toEqual({
      lockPressed: false,
      anonymousPressed: false,
      privateStartEnabled: true,
      revealEnabled: false,
      voteStartEnabled: true,
      voteCloseEnabled: false,
      running: null,
    });
    const on: ControlState = { locked: true, private: true, privateSince: [1, 0, "n"], vote: { state: "open", dots: 4, zone: "north" }, anonymous: true };
    expect(barState(on)).toEqual({
      lockPressed: true,
      anonymousPressed: true,
      privateStartEnabled: false,
      revealEnabled: true,
      voteStartEnabled: false,
      voteCloseEnabled: true,
      running: { dots: 4, zone: "north" },
    });
    const closed = barState({ ...NO_CONTROL, vote: { state: "closed", dots: 4, zone: null } });
    expect([closed.voteStartEnabled, closed.voteCloseEnabled, closed.running]).toEqual([true, false, null]);
  });
});

describe("banners", () => {
  const ids = (s: ControlState, role: Parameters<typeof bannersFor>[1] = "participant", left = 3) => bannersFor(s, role, left, null).map((b) => b.id);

  it("shows none on a board without control state", () => {
    expect(ids(NO_CONTROL)).toEqual([]);
  });

  it("shows lock, private writing and an open vote, in that order", () => {
    const all: ControlState = { locked: true, private: true, privateSince: [1, 0, "n"], vote: { state: "open", dots: 3, zone: null }, anonymous: true };
    expect(ids(all)).toEqual(["locked-banner", "anonymous-banner", "private-banner", "vote-banner"]);
  });

  it("tells the facilitator and the participants different things about the lock", () => {
    const locked = { ...NO_CONTROL, locked: true };
    expect(bannersFor(locked, "participant", 0, null)[0]!.text).toMatch(/begeleider heeft het bord vergrendeld/);
    expect(bannersFor(locked, "facilitator", 0, null)[0]!.text).toMatch(/^Je hebt het bord vergrendeld/);
  });

  it("has a vote banner with dots left only while a vote is open", () => {
    setLang("en");
    const open: ControlState = { ...NO_CONTROL, vote: { state: "open", dots: 5, zone: "z1" } };
    const [b] = bannersFor(open, "participant", 2, "Noord");
    expect(b).toEqual({ id: "vote-banner", text: "Dot vote: put your dots on the notes in “Noord”.", dotsLeft: "2 of 5 dots left" });
    expect(bannersFor(open, "observer", 0, null)[0]!.dotsLeft).toBeUndefined();
    expect(ids({ ...NO_CONTROL, vote: { state: "closed", dots: 5, zone: null } })).toEqual([]);
  });
});

describe("vote turnout for facilitators (ID-3)", () => {
  const turnout = { voters: 4, present: 6, names: ["Ann", "Bob", "Cas", "Dee"] };

  it("says how many people voted of those present, in Dutch and English", () => {
    expect(turnoutText(turnout, "nl")).toBe("4 mensen stemden · 6 aanwezig");
    expect(turnoutText(turnout, "en")).toBe("4 people voted · 6 present");
    expect(turnoutText({ ...turnout, voters: 1 }, "nl")).toBe("1 persoon stemde · 6 aanwezig");
    expect(turnoutText({ ...turnout, voters: 1 }, "en")).toBe("1 person voted · 6 present");
    expect(turnoutText({ ...turnout, voters: 0 }, "en")).toBe("0 people voted · 6 present");
  });

  it("names the voters, and shows nothing without the node's fields", () => {
    expect(votersText(turnout, "nl")).toBe("Stemden: Ann, Bob, Cas, Dee");
    expect(votersText(turnout, "en")).toBe("Voted: Ann, Bob, Cas, Dee");
    expect(votersText({ ...turnout, names: [] }, "en")).toBeNull();
    expect(turnoutText(null)).toBeNull();
    expect(turnoutText(undefined)).toBeNull();
    expect(votersText(undefined)).toBeNull();
  });
});
