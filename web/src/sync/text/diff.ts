// What one input event did to a field's value, in code points: the common prefix and suffix of the
// old and new value leave one replaced span. The caret after the input (where typing or a paste
// ends, where a delete happened) settles the ambiguous cases: typing "a" inside "aa" at 1 is an
// insert at 1, not at 2, so the new character goes where the person typed it.

export interface TextEdit {
  /** Position of the change in the old value (code points). */
  pos: number;
  /** Code points of the old value removed from `pos`. */
  del: number;
  /** Text put at `pos`. */
  ins: string;
}

/** The caret as a code point position, from a UTF-16 offset into `value`. */
export function codePointOffset(value: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16 && i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= value.length) n++;
    else {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

/** The UTF-16 offset of code point position `cp` in `value`. */
export function utf16Offset(value: string, cp: number): number {
  let i = 0;
  for (let k = 0; k < cp && i < value.length; k++) {
    const c = value.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < value.length ? 2 : 1;
  }
  return i;
}

/**
 * The edit from `before` to `after`, or null when they are equal. `caret` (code points in
 * `after`) is where the caret stood right after the input; without it the prefix is maximal.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  const a = Array.from(before);
  const b = Array.from(after);
  const min = Math.min(a.length, b.length);
  const sameFromEnd = (k: number) => a[a.length - 1 - k] === b[b.length - 1 - k];
  let prefix = 0;
  let suffix = 0;
  if (caret !== undefined && caret >= 0 && caret <= b.length) {
    // The change ends at the caret, so the common suffix stops there; the prefix takes the rest.
    while (suffix < Math.min(b.length - caret, a.length) && sameFromEnd(suffix)) suffix++;
    while (prefix < min - suffix && a[prefix] === b[prefix]) prefix++;
  } else {
    while (prefix < min && a[prefix] === b[prefix]) prefix++;
    while (suffix < min - prefix && sameFromEnd(suffix)) suffix++;
  }
  return { pos: prefix, del: a.length - prefix - suffix, ins: b.slice(prefix, b.length - suffix).join("") };
}
