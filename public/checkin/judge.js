// Cities Forum check-in: the badge code and its judgement, pure (no page,
// no storage, no network), so the tablet and the tests run the same code.
// The order of the checks is the server's (app::badges::domain::judge);
// end2end/tests/judge-vectors.spec.ts holds the two to the same verdicts.

const CONTEXT = new TextEncoder().encode('cities-forum/badge/');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SIG_LEN = 64;

/** RFC 4648 base32, no padding, strict as the server's (odd lengths and
 * non-zero trailing bits refused); null when not base32. */
export function base32Decode(text) {
  if ([1, 3, 6].includes(text.length % 8)) return null;
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let acc = 0, bits = 0, j = 0;
  for (const ch of text) {
    const v = B32.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) out[j++] = (acc >> (bits -= 8)) & 255;
    acc &= (1 << bits) - 1;
  }
  return acc ? null : out;
}

/** The bytes a claim is signed as: format 1, then unsigned LEB128s. */
export function record({ key_id, edition_id, registration_id, version }) {
  const out = [1];
  for (let v of [key_id, edition_id, registration_id, version]) {
    for (; v >= 128; v = Math.floor(v / 128)) out.push((v % 128) | 128);
    out.push(v);
  }
  return Uint8Array.from(out);
}

/** LEB128 at `at`: [value, next], or throws the reason (past 2^53 too). */
function takeVarint(bytes, at) {
  let value = 0;
  for (let i = 0, scale = 1; i < 9; i++, scale *= 128) {
    if (at >= bytes.length) throw 'truncated';
    const b = bytes[at++];
    value += (b & 127) * scale;
    if (b < 128) {
      if (!Number.isSafeInteger(value)) break;
      return [value, at];
    }
  }
  throw 'damaged';
}

/** Reads a badge's text: {claim, signed, signature}, or {error} with the
 * server's reason. Spaces around it and lower case are forgiven. */
export function parseCode(input) {
  try {
    const text = String(input ?? '').trim();
    if (!text) throw 'empty';
    if (new TextEncoder().encode(text).length > 160) throw 'too_long';
    const up = text.replace(/[a-z]+/g, (c) => c.toUpperCase()); // ASCII only, as the server
    if (!up.startsWith('CF')) throw 'not_ours';
    const bytes = base32Decode(up.slice(2));
    if (!bytes) throw 'damaged';
    if (!bytes.length) throw 'truncated';
    if (bytes[0] !== 1) throw 'unknown_format';
    let at = 1;
    const v = [];
    for (let i = 0; i < 4; i++) [v[i], at] = takeVarint(bytes, at);
    const rest = bytes.length - at;
    if (v[3] > 0x7fffffff || rest > SIG_LEN) throw 'damaged';
    if (rest < SIG_LEN) throw 'truncated';
    const claim = { key_id: v[0], edition_id: v[1], registration_id: v[2], version: v[3] };
    const signed = bytes.slice(0, at);
    // Only the shortest encoding of each number is a code the server made.
    if (record(claim).join() !== signed.join()) throw 'damaged';
    return { claim, signed, signature: bytes.slice(at) };
  } catch (reason) {
    return { error: typeof reason === 'string' ? reason : 'damaged' };
  }
}

/** Whether a scanner that sends no Enter has typed a whole code. */
export const looksComplete = (text) => /^\s*cf/i.test(text) && text.trim().length >= 100 && !parseCode(text).error;

const keyCache = new Map();
/** WebCrypto Ed25519; throws where the browser cannot verify at all. */
export async function verifyEd25519(hex, signature, message) {
  if (!keyCache.has(hex)) {
    const raw = Uint8Array.from(hex.match(/../g), (b) => parseInt(b, 16));
    const key = crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(hex, key);
    key.catch(() => keyCache.delete(hex));
  }
  return crypto.subtle.verify({ name: 'Ed25519' }, await keyCache.get(hex), signature, message);
}

/** What the judgement reads, from (parts of) a bootstrap answer: the
 * edition, its lists, and Maps of people, keys, badges (→ valid_version)
 * and check-ins ("list|id"); only the parts given. */
export function judgeDataOf({ edition, lists, people, keys, revocations, checkins }) {
  const data = {};
  if (edition) data.editionId = edition.id;
  if (lists) data.lists = lists;
  if (people) data.people = new Map(people.map((p) => [p.registration_id, p]));
  if (keys) data.keys = new Map(keys.map((k) => [k.key_id, k]));
  if (revocations) {
    data.revokedKeys = new Set(revocations.revoked_keys || []);
    data.badges = new Map((revocations.badges || []).map((b) => [b.registration_id, b.valid_version]));
  }
  if (checkins) data.checkins = new Map(checkins.map((c) => [c.id, c]));
  return data;
}

/** A ScanAnswer made on this device. */
export const answer = (light, outcome, rid = null, extra = {}) => ({
  client_id: null, light, outcome, registration_id: rid, person: null, earlier: null, warning: null, ...extra,
});

function admit(data, listKey, rid, extra = {}) {
  const person = data.people.get(rid) || null;
  const list = data.lists.find((l) => l.key === listKey);
  const warning = person && list?.session_id != null && list.invitation_only
    && !(person.sessions || []).includes(list.session_id) ? 'no_place' : null;
  const earlier = data.checkins.get(`${listKey}|${rid}`);
  return earlier
    ? answer('amber', 'already_in', rid, { person, warning, earlier: { at: earlier.at, device_name: earlier.device_name }, ...extra })
    : answer('green', 'welcome', rid, { person, warning, ...extra });
}

/** The offline judgement, in the contract's order, over judgeData():
 * Maps of keys, badges (→ valid_version), people and checkins ("list|id"). */
export async function judgeOffline(text, data, listKey, verify = verifyEd25519) {
  const read = parseCode(text);
  if (read.error) return answer('red', 'unreadable');
  const { claim } = read;
  const rid = claim.registration_id;
  // The server's order (app::badges::domain::judge): edition, key,
  // signature, revocation. This tablet holds its edition's keys only, so
  // the edition comes first; a revoked key is news only for a genuine code.
  if (claim.edition_id !== data.editionId) return answer('red', 'other_edition', rid);
  const key = data.keys.get(claim.key_id);
  if (!key) return answer('red', 'unknown_key', rid);
  let good;
  try {
    good = await verify(key.public_key, read.signature, Uint8Array.from([...CONTEXT, ...read.signed]));
  } catch {
    good = null; // no Ed25519 in this browser: the code may be forged
  }
  if (good === false) return answer('red', 'forged', rid);
  if (key.revoked || data.revokedKeys.has(claim.key_id)) return answer('red', 'revoked_key', rid);
  const person = data.people.get(rid) || null;
  if (data.badges.has(rid)) {
    const valid = data.badges.get(rid);
    if (valid == null) return answer('red', 'not_approved', rid, { person });
    if (valid !== claim.version) return answer('red', 'superseded', rid, { person });
  }
  // Never greener than the server would be: a code nobody checked is
  // amber, named so that staff compare the person with an ID document.
  if (good !== true) return answer('amber', 'unchecked', rid, { person, unverified: true });
  return admit(data, listKey, rid);
}

/** A check-in by hand, judged on this device. */
export const judgeManual = (rid, data, listKey) =>
  data.people.has(rid) ? admit(data, listKey, rid) : answer('red', 'unknown_registration', rid);
