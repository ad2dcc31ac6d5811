/**
 * Text from outside (Asana's error messages and headers, Arcade's answers, exception texts) can carry a
 * credential: an echoed Authorization header, a token in a URL, a key in a message. Two defences run on
 * every such text before it reaches a tool result, a web page or a log line:
 * - the exact values of the credentials this process holds (see holdSecret) are blanked wherever they
 *   appear, whatever their shape;
 * - anything shaped like a credential is blanked too, so a token this process never saw (another
 *   user's, one Asana echoes from elsewhere) does not get through either.
 */

/** What a blanked credential reads as. */
export const redactedMark = "[redacted]";

/** Credential shapes that need no label around them to be recognised. */
const credentialShapes: readonly RegExp[] = [
  // PEM private keys, the whole block (or to the end of the text when the block was cut short).
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  // JSON Web Tokens (OAuth access and ID tokens, the Engine's worker tokens).
  /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g,
  // Asana personal access tokens, in the old shape "1/<digits>:<hex>" and the current one
  // "2/<digits>/<digits>:<letters and digits>" (TruffleHog's Asana detectors match both).
  /\b\d{1,2}\/\d{6,}(?:\/\d{6,})?:[A-Za-z0-9]{16,}/g,
  // Arcade API keys ("arc_…", in any case).
  /\barc_[A-Za-z0-9_-]{8,}/gi,
  // GitHub tokens: classic ("ghp_…", "gho_…", …) and fine-grained ("github_pat_…").
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  // OpenAI, Stripe and similar ("sk-…", "sk_live_…", "rk_…"), Slack ("xoxb-…"), npm ("npm_…").
  /\b(?:sk|pk|rk)[-_][A-Za-z0-9_-]{10,}/g,
  /\bxox[abeprs]-[A-Za-z0-9-]{10,}/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  // AWS access key ids, and Google API keys.
  /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
];

/**
 * Authorization header values, "Bearer abc…", "Bearer: 'abc…'", "Basic abc…", including one whose value
 * a line break split (a hard-wrapped header in a log or an echoed request: the next line is taken as the
 * value's tail when it starts with a word that has a digit, as token tails do and prose rarely does).
 */
const authorizationValue = /\b(Bearer|Basic)(\s*:?\s*["']?)[^\s"',;]+(?:[ \t]*\r?\n(?=[^\s"',;]*\d)[^\s"',;]+)?/gi;

/** URL credentials: "https://user:password@host". */
const urlUserinfo = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+(?=@)/gi;

/**
 * Secrets in a URL's query or fragment: an OAuth code ("?code=…"), a token or a key passed as a parameter.
 * The value ends at the next parameter.
 */
const urlParameter = /([?&#](?:code|access_token|id_token|refresh_token|token|client_secret|api_?key|key|secret|password|sig|signature)=)[^&#\s"'<>]+/gi;

/**
 * Signed links (Asana's download_url on asanausercontent.com, presigned S3 links, the emulator's storage):
 * whoever holds one fetches the file until it expires, so the whole query goes, the host and path stay.
 * A link is signed when its query names both an expiry and a signature.
 */
const urlWithQuery = /(\bhttps?:\/\/[^\s?#"'<>]+\?)([^\s#"'<>]+)/gi;
const expiryParameter = /(?:^|&)(?:e|expires|x-amz-expires|x-amz-date)=/i;
const signatureParameter = /(?:^|&)(?:t|sig|signature|x-amz-signature|x-amz-security-token|x-amz-credential)=/i;

function blankSignedQuery(match: string, prefix: string, query: string): string {
  return expiryParameter.test(query) && signatureParameter.test(query) ? `${prefix}${redactedMark}` : match;
}

/**
 * "token=…", "aws_secret_access_key = …", "api_key: …", "client_secret …": a label that names a
 * credential, a separator, and the value.
 */
const labelledValue = /\b([A-Za-z0-9_.-]*(?:token|key|secret|passw(?:or)?d|pwd|credentials?|signature))(\s*[:=]\s*["']?|["']\s*:\s*["']|\s+)([^\s"',;&]+)/gi;

/** Labels whose value is a secret whatever it looks like ("secret: hunter", "password=letters"). */
const alwaysSecretLabel = /(?:secret|passw(?:or)?d|pwd|credentials?)$/i;

function looksLikeCredential(value: string): boolean {
  return value.length >= 16 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

function blankLabelledValue(match: string, label: string, separator: string, value: string): string {
  if (value === redactedMark || value.startsWith("[redacted")) return match;
  // An assignment ("secret=…", "token: …") says the value is the credential; a label followed by a plain
  // word ("The token for this workspace", "Invalid key: workspace") is ordinary prose.
  const assigned = /[:=]/.test(separator);
  const secret = (assigned && (alwaysSecretLabel.test(label) || separator.includes("="))) || looksLikeCredential(value);
  return secret ? `${label}${separator}${redactedMark}` : match;
}

/**
 * The credentials this process holds: the personal access token, the Arcade API key, the worker secret,
 * and the tokens resolved for recent calls. Bounded, so a server that serves many users does not keep
 * every token it ever saw; the oldest are forgotten first (the shapes above still cover them).
 */
const heldSecrets = new Set<string>();
const maxHeldSecrets = 512;
/** Shorter values would blank ordinary words; no real credential is this short. */
const shortestHeldSecret = 8;

/** Blank this exact value wherever it appears in text that goes to a result, a page or a log. */
export function holdSecret(value: string | undefined): void {
  // An unexpanded "${VAR}" from a client config is not a secret, and the warning about it must name it.
  if (!value || value.length < shortestHeldSecret || /^\s*\$\{[^}]*\}\s*$/.test(value)) return;
  if (heldSecrets.has(value)) {
    heldSecrets.delete(value); // keep the most recently used last
  } else if (heldSecrets.size >= maxHeldSecrets) {
    heldSecrets.delete(heldSecrets.values().next().value!);
  }
  heldSecrets.add(value);
}

/** Forget the held values (tests that check the shapes alone). */
export function forgetHeldSecrets(): void {
  heldSecrets.clear();
}

export function redactSecrets(text: string): string {
  let redacted = text;
  for (const secret of heldSecrets) if (redacted.includes(secret)) redacted = redacted.split(secret).join(redactedMark);
  for (const shape of credentialShapes) redacted = redacted.replace(shape, redactedMark);
  redacted = redacted.replace(authorizationValue, (_match, scheme: string, separator: string) => `${scheme}${separator}${redactedMark}`);
  redacted = redacted.replace(urlUserinfo, (_match, prefix: string) => `${prefix}${redactedMark}`);
  redacted = redacted.replace(urlWithQuery, blankSignedQuery);
  redacted = redacted.replace(urlParameter, (_match, prefix: string) => `${prefix}${redactedMark}`);
  return redacted.replace(labelledValue, blankLabelledValue);
}

/**
 * Text from outside, made safe to show: credentials blanked, and control characters (terminal escape
 * sequences among them) taken out, so a string from Arcade or Asana cannot rewrite a terminal or a log.
 * Line breaks and tabs stay.
 */
export function sanitizeOutsideText(text: string): string {
  return withoutControlCharacters(redactSecrets(text));
}

/** Text without terminal escape sequences and control characters (line breaks and tabs stay). */
export function withoutControlCharacters(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed.
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}
