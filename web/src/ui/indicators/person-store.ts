// Where the browser keeps a person's key (IND-1): per workshop (to find one's person from the
// workshop page) and per person id (for the personal page /me/<id>). The key never goes into a URL
// the server sees: links carry it in the fragment, which the page moves here and removes.
export interface StoredPerson {
  person: string;
  key: string;
}

const WORKSHOP = "samenbord.person.";
const PERSON = "samenbord.personkey.";

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // blocked storage (private mode): the person keeps the link instead
  }
}

export function personOfWorkshop(workshop: string): StoredPerson | null {
  const raw = storage()?.getItem(WORKSHOP + workshop);
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as StoredPerson;
    return typeof p.person === "string" && typeof p.key === "string" ? p : null;
  } catch {
    return null; // an entry of another version: start again
  }
}

export function rememberPerson(workshop: string | null, p: StoredPerson): void {
  const s = storage();
  if (!s) return;
  if (workshop) s.setItem(WORKSHOP + workshop, JSON.stringify(p));
  s.setItem(PERSON + p.person, p.key);
}

export function keyOfPerson(person: string): string | null {
  return storage()?.getItem(PERSON + person) ?? null;
}

/** After an erasure: nothing of the person stays in this browser. */
export function forgetPerson(workshop: string | null, person: string): void {
  const s = storage();
  if (!s) return;
  if (workshop) s.removeItem(WORKSHOP + workshop);
  s.removeItem(PERSON + person);
}

/** `/me/<id>#key=<key>`: the person id and, when the link carries it, the key. */
export function parsePersonRoute(pathname: string, hash: string): { person: string; key: string | null; importId: string | null } | null {
  const m = /^\/me\/([a-z0-9]{8,40})\/?$/.exec(pathname);
  if (!m) return null;
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return { person: m[1]!, key: params.get("key"), importId: params.get("import") };
}
