/**
 * Text from outside (Asana's error messages, exception texts) can carry a credential: an echoed
 * Authorization header, a token in a URL, a key in a message. Anything that looks like one is blanked
 * before the text reaches a tool result or a log line.
 */
const credentialShapes: readonly RegExp[] = [
  // JSON Web Tokens.
  /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g,
  // Asana personal access tokens ("2/1204…:9f3a…") and Arcade API keys ("arc_…").
  /\b\d\/\d{6,}:[0-9a-f]{16,}\b/gi,
  /\barc_[A-Za-z0-9_-]{8,}/g,
  // Other common API key shapes.
  /\b(?:sk|pk|rk|ghp|gho|ghs|xox[abprs])[-_][A-Za-z0-9_-]{10,}/g,
];

/** Authorization header values: "Bearer abc…", "Basic abc…". */
const authorizationValue = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;

/** "token=…", "api_key: …", "secret …": the value is blanked when it looks like a credential, not a word. */
const labelledValue = /\b((?:access_?|api_?|auth_?|refresh_?|client_?)?(?:token|key|secret|password))(["'\s:=]+)([^\s"',;&]+)/gi;

function looksLikeCredential(value: string): boolean {
  return value.length >= 16 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

export function redactSecrets(text: string): string {
  let redacted = text.replace(authorizationValue, (_match, scheme: string) => `${scheme} [redacted]`);
  for (const shape of credentialShapes) redacted = redacted.replace(shape, "[redacted]");
  return redacted.replace(labelledValue, (match, label: string, separator: string, value: string) =>
    looksLikeCredential(value) ? `${label}${separator}[redacted]` : match,
  );
}
