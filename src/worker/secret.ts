/**
 * What is worth saying about a worker secret before the Engine relies on it. The secret is used
 * exactly as given (arcade_serve's auth.py verifies with the raw value), so these are warnings only.
 */
export const recommendedSecretLength = 32;

export function workerSecretWarnings(secret: string, setting = "ARCADE_WORKER_SECRET"): string[] {
  const warnings: string[] = [];
  if (secret.length < recommendedSecretLength) {
    warnings.push(
      `${setting} is only ${secret.length} characters long; anyone who guesses it can call this worker's tools. ` +
        `Use at least ${recommendedSecretLength} random characters, e.g. the output of "openssl rand -hex 32".`,
    );
  }
  if (secret !== secret.trim()) {
    warnings.push(
      `${setting} starts or ends with whitespace. It is used exactly as given, as the Arcade Engine uses it, ` +
        "so the secret registered in Arcade must contain the same whitespace; if that is a copy-and-paste accident, remove it in both places.",
    );
  }
  return warnings;
}
