// Seats (ID-1, ID-2, ID-3): seat ids against the shared vectors (server/vectors/seats.json, also
// read by the Java tests), the seated replica form, and the person of a replica.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64url,
  helloSeat,
  isSeat,
  newSeat,
  personOf,
  samePerson,
  seatedReplica,
  seatId,
  seatOf,
  SEATED_REPLICA,
} from "../../src/sync/seat";
import vectors from "../../../server/vectors/seats.json";
import { propertySettings } from "../seeds";

/** HE-2: any replica id the server accepts. */
const REPLICA = /^[A-Za-z0-9_-]{8,64}$/;

describe("seat ids (ID-1)", () => {
  it.each(vectors.seats)("seat id of $secret is $seatId", ({ secret, seatId: expected }) => {
    expect(isSeat(secret)).toBe(true);
    expect(seatId(secret)).toBe(expected);
  });

  it("has vectors at both length limits", () => {
    const lengths = vectors.seats.map((s) => s.secret.length);
    expect(Math.min(...lengths)).toBe(22);
    expect(Math.max(...lengths)).toBe(128);
  });

  it.each(vectors.invalidSecrets)("refuses the secret %j", (secret) => {
    expect(isSeat(secret)).toBe(false);
  });

  it("hashes the UTF-8 bytes: 24 lowercase hex characters for any string", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 22, maxLength: 128 }), (s) => /^[0-9a-f]{24}$/.test(seatId(s))),
      propertySettings(20261123, 200, "seat.test.ts"),
    );
    expect(seatId("ééééééééééééééééééééééé")).not.toBe(seatId("eeeeeeeeeeeeeeeeeeeeeee"));
  });
});

describe("new seats", () => {
  it("are 192 random bits in base64url: 32 characters a hello may carry", () => {
    let asked = 0;
    const seat = newSeat((n) => {
      asked = n;
      return Uint8Array.from({ length: n }, (_, i) => i * 11);
    });
    expect(asked).toBe(24);
    expect(seat).toHaveLength(32);
    expect(isSeat(seat)).toBe(true);
  });

  it("come from crypto.getRandomValues by default, each different", () => {
    const seats = new Set(Array.from({ length: 50 }, () => newSeat()));
    expect(seats.size).toBe(50);
    for (const s of seats) expect(isSeat(s)).toBe(true);
  });

  it("refuse a random source that gives fewer than 128 bits", () => {
    expect(() => newSeat(() => new Uint8Array(15))).toThrow(/128/);
  });

  it("encode base64url like btoa, without padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const viaBtoa = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        return base64url(bytes) === viaBtoa;
      }),
      propertySettings(20261124, 300, "seat.test.ts"),
    );
  });
});

describe("seated replicas (ID-2) and persons (ID-3)", () => {
  const seat = vectors.seats[3]!;

  it("makes <seat id>_<12 of [A-Za-z0-9]>, a replica id every server accepts", () => {
    let n = 0;
    const replica = seatedReplica(seat.seatId, () => (n++ % 62) / 62);
    expect(replica).toBe(`${seat.seatId}_ABCDEFGHIJKL`);
    expect(replica).toMatch(SEATED_REPLICA);
    expect(replica).toMatch(REPLICA);
    expect(seatOf(replica)).toBe(seat.seatId);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (r) => {
        const made = seatedReplica(seat.seatId, () => r);
        return REPLICA.test(made) && seatOf(made) === seat.seatId;
      }),
      propertySettings(20261125, 100, "seat.test.ts"),
    );
  });

  it.each(vectors.persons)("the person of $replica is $person", ({ replica, person }) => {
    expect(REPLICA.test(replica)).toBe(true);
    expect(personOf(replica)).toBe(person);
  });

  it("two tabs of one seat are one person; a legacy replica is a person of its own", () => {
    const a = seatedReplica(seat.seatId, () => 0.1);
    const b = seatedReplica(seat.seatId, () => 0.7);
    expect(a).not.toBe(b);
    expect(samePerson(a, b)).toBe(true);
    expect(samePerson(a, seatedReplica(vectors.seats[0]!.seatId, () => 0.1))).toBe(false);
    expect(samePerson("replica1xyz", "replica1xyz")).toBe(true);
    expect(samePerson("replica1xyz", "replica2xyz")).toBe(false);
  });

  it("a hello carries the seat only for a replica seated with it", () => {
    const mine = `${seat.seatId}_Tab1abcd`;
    expect(helloSeat(mine, seat.secret)).toBe(seat.secret);
    expect(helloSeat("replica1xyz", seat.secret)).toBeUndefined(); // legacy: no seat
    expect(helloSeat(`${vectors.seats[0]!.seatId}_Tab1abcd`, seat.secret)).toBeNull(); // another seat's
    expect(helloSeat(mine, undefined)).toBeNull();
    expect(helloSeat(mine, "short")).toBeNull();
  });
});
