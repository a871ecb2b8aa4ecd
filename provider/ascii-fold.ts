/**
 * Case folding for names and emails that touches ASCII letters only.
 *
 * `toLowerCase()` maps some non-ASCII letters onto ASCII ones (U+212A KELVIN SIGN becomes "k", U+0130 becomes "i"
 * plus a combining dot), so `kate@acme.example` would match an account spelled with the Kelvin sign: a look-alike
 * could take someone's membership or admin role. JumpCloud compares emails without regard to ASCII case; anything
 * beyond that is compared exactly.
 */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** The non-ASCII characters of `text`, each as `U+212A`, in order of first appearance; empty for plain ASCII. */
export function nonAsciiCodePoints(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x7e) found.add(`U+${code.toString(16).toUpperCase().padStart(4, "0")}`);
  }
  return [...found];
}

/** One warning text for an address that is not plain ASCII (a look-alike of another address, or a typo). */
export function nonAsciiAddressWarning(address: string): string | undefined {
  const points = nonAsciiCodePoints(address);
  if (points.length === 0) return undefined;
  return (
    `${JSON.stringify(address)} contains non-ASCII characters (${points.join(", ")}): it is a different address ` +
    "from any look-alike spelled in ASCII and is matched exactly. Check that this is the account you mean."
  );
}
