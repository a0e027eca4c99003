// The text binding (ui/text/binding.ts) between a textarea and merged text, with two clients on a
// fake node speaking TX-3..TX-8: input events become character ops (a paste one insert), the caret
// and the selection stay on their characters when others type before or after them, an IME
// composition sends only its final text, the caret goes out as presence, undo keys in the field
// take back one's own typing only.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SyncClient } from "../../src/sync/client";
import { readTextOp } from "../../src/sync/text/json";
import { TextBinding } from "../../src/ui/text/binding";
import { note, setUp, startAll } from "../sync/helpers";
import { FakeTextarea } from "./fake-textarea";

afterEach(() => {
  vi.useRealTimers();
});

function bind(client: SyncClient, area: FakeTextarea, mergeKey = "edit-1"): TextBinding {
  return new TextBinding(area, { client, item: "n1", field: "text", focused: () => area.focused, mergeKey: () => mergeKey });
}

async function pair(text: string) {
  const env = setUp();
  env.net.server.textCaps = true;
  const a = env.make();
  const b = env.make();
  await startAll(env.tick, a, b);
  a.client.change(note("n1", ""));
  await env.tick();
  const areaA = new FakeTextarea();
  const areaB = new FakeTextarea();
  const bindA = bind(a.client, areaA);
  const bindB = bind(b.client, areaB);
  areaA.type(text);
  await env.tick();
  return { ...env, a, b, areaA, areaB, bindA, bindB };
}

/** Ops of the batches `tc` sent since `from`, as text ops. */
function sentOps(net: ReturnType<typeof setUp>["net"], replica: string, from: number) {
  return net.server.opsFrames
    .slice(from)
    .filter((f) => f.replica === replica)
    .flatMap((f) => f.ops.map((op) => readTextOp(op.v)));
}

describe("text binding", () => {
  it("shows others' typing live and sends each input as character ops; a paste is one insert", async () => {
    const { net, a, b, areaB, tick } = await pair("Hallo");
    expect(areaB.value).toBe("Hallo");
    const from = net.server.opsFrames.length;
    areaB.select(5);
    areaB.insert(" allemaal samen", "insertFromPaste");
    await tick();
    const ops = sentOps(net, b.client.replica, from);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ kind: "ins", text: " allemaal samen", id: [b.client.replica, 0], parent: [a.client.replica, 4], right: true });
    expect(a.client.items.value("n1", "text")).toBe("Hallo allemaal samen");
  });

  it("keeps the caret where it is when someone types before it or after it", async () => {
    const { areaA, areaB, b, tick } = await pair("Hello world");
    areaA.select(5); // after "Hello"
    areaB.select(0);
    areaB.type(">> ");
    await tick();
    expect(areaA.value).toBe(">> Hello world");
    expect([areaA.selectionStart, areaA.selectionEnd]).toEqual([8, 8]); // still after "Hello"
    areaB.select(areaB.value.length);
    areaB.type("!!");
    await tick();
    expect(areaA.value).toBe(">> Hello world!!");
    expect([areaA.selectionStart, areaA.selectionEnd]).toEqual([8, 8]);
    // A selection keeps both ends on its characters, with its direction.
    areaA.setSelectionRange(3, 8, "backward");
    b.client.editText("n1", "text", "__>> Hello world!!", { caret: 2 });
    await tick();
    expect(areaA.value.slice(areaA.selectionStart, areaA.selectionEnd)).toBe("Hello");
    expect(areaA.selectionDirection).toBe("backward");
    // Someone deleting the characters around the caret leaves it where they were.
    areaA.select(9); // after "H"
    b.client.editText("n1", "text", "__>> Hworld!!", { caret: 6 });
    await tick();
    expect(areaA.value).toBe("__>> Hworld!!");
    expect(areaA.selectionStart).toBe(6);
  });

  it("sends nothing during an IME composition, then its final text once; remote text waits and is kept", async () => {
    const { net, a, b, areaA, tick } = await pair("Tekst: ");
    const from = net.server.opsFrames.length;
    areaA.select(7);
    const during: number[] = [];
    areaA.compose(["k", "か", "かん", "漢"], () => during.push(a.client.pendingBatches.length));
    expect(during).toEqual([0, 0, 0, 0]); // nothing made while composing
    expect(a.client.pendingBatches).toHaveLength(1); // the final text, at compositionend
    await tick();
    const sentA = sentOps(net, a.client.replica, from);
    expect(sentA).toEqual([expect.objectContaining({ kind: "ins", text: "漢" })]);
    expect(b.client.items.value("n1", "text")).toBe("Tekst: 漢");

    // A remote insert during a composition: held back, then painted and kept at the end.
    const before = net.server.opsFrames.length;
    areaA.select(areaA.value.length);
    areaA.compose(["じ", "字"], () => {
      if (areaA.value.endsWith("じ")) {
        b.client.editText("n1", "text", "Mijn tekst: 漢", { caret: 5 });
        void net.settle();
      }
    });
    await tick();
    expect(sentOps(net, a.client.replica, before)).toEqual([expect.objectContaining({ kind: "ins", text: "字" })]);
    expect(areaA.value).toBe("Mijn tekst: 漢字");
    expect(areaA.selectionStart).toBe("Mijn tekst: 漢字".length); // still after what was composed
    expect(b.client.items.value("n1", "text")).toBe("Mijn tekst: 漢字");
  });

  it("sends the caret as presence (TX-8) and shows where others' carets are", async () => {
    const { net, a, b, areaA, tick } = await pair("Overuren");
    areaA.select(4);
    await tick(200);
    const frames = net.server.conn(a.client.replica)!.received.filter((f) => f.t === "presence");
    const last = frames[frames.length - 1]!;
    expect(last).toEqual({ t: "presence", cursor: null, selection: [], text: { i: "n1", f: "text", at: [a.client.replica, 3], to: [a.client.replica, 3] } });
    const peer = b.client.peers.get(a.client.replica)!;
    expect(peer.text).toEqual({ i: "n1", f: "text", at: [a.client.replica, 3], to: [a.client.replica, 3] });
    expect(b.client.text("n1", "text")!.positionOf(peer.text!.at)).toBe(4);
    areaA.fire("blur");
    await tick(200);
    expect(b.client.peers.get(a.client.replica)!.text).toBeNull();
  });

  it("Ctrl+Z in the field undoes one's own typing session and keeps others' text; Ctrl+Shift+Z and Ctrl+Y redo", async () => {
    const { areaA, areaB, b, tick } = await pair("Plan");
    areaB.select(4);
    areaB.type(" B");
    await tick();
    areaA.select(0);
    areaA.type("Ons ");
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("Ons Plan B");
    const z = areaA.key("z", { ctrl: true });
    expect(z.defaultPrevented).toBe(true);
    await tick();
    // The whole session ("Plan" and "Ons ") is one step; B's text stays.
    expect(areaA.value).toBe(" B");
    expect(b.client.items.value("n1", "text")).toBe(" B");
    areaA.key("z", { ctrl: true, shift: true });
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("Ons Plan B");
    areaA.key("z", { meta: true });
    await tick();
    areaA.key("y", { ctrl: true });
    await tick();
    expect(areaB.value).toBe("Ons Plan B");
    // The browser's own history (Edit menu) is taken over too.
    expect(areaA.fire("beforeinput", { inputType: "historyUndo" }).defaultPrevented).toBe(true);
  });

  it("backspace and a replaced selection delete exactly the characters seen", async () => {
    const { areaA, areaB, b, tick } = await pair("Samen aan zet");
    areaA.select(5, 9); // " aan"
    areaA.insert(" sterk");
    await tick();
    areaA.backspace();
    await tick();
    expect(b.client.items.value("n1", "text")).toBe("Samen ster zet");
    expect(areaB.value).toBe("Samen ster zet");
  });

  it("issue 14's double-tap: opening a note someone is still typing in and typing there loses none of their characters", async () => {
    const { a, b, areaA, tick } = await pair("Overu"); // A is typing "Overuren"
    const areaB = new FakeTextarea(); // B double-taps the note: an editor opens with what is there now
    const bindB = bind(b.client, areaB, "b-session");
    expect(areaB.value).toBe("Overu");
    areaA.type("ren"); // A types on; before the fix B's next keystroke wrote "Overu…" over it
    areaB.type("Buddy voor nieuwkomers");
    await tick();
    const text = a.client.items.value("n1", "text") as string;
    expect(b.client.items.value("n1", "text")).toBe(text);
    expect(areaA.value).toBe(text);
    expect(areaB.value).toBe(text);
    expect(text).toContain("Buddy voor nieuwkomers");
    expect([...text].sort().join("")).toBe([..."OverurenBuddy voor nieuwkomers"].sort().join(""));
    bindB.destroy();
  });

  it("stops listening when destroyed", async () => {
    const { areaA, bindA, b, tick } = await pair("x");
    const n = areaA.listenerCount();
    expect(n).toBeGreaterThan(0);
    bindA.destroy();
    expect(areaA.listenerCount()).toBe(0);
    b.client.editText("n1", "text", "xy", { caret: 2 });
    await tick();
    expect(areaA.value).toBe("x");
  });
});
