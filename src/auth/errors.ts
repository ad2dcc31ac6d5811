/** Why no Asana token could be had. Messages name the variables or the step that fixes it. */

/** The user has not authorized Asana through Arcade yet; `url` is where they do so. */
export class AuthorizationRequiredError extends Error {
  override readonly name = "AuthorizationRequiredError";
  constructor(
    readonly url: string,
    /** Arcade's authorization id; also used as the MCP URL-elicitation id. */
    readonly authorizationId: string,
    readonly providerId: string,
  ) {
    super(`Asana authorization is required: open ${url} and approve access, then retry`);
  }
}

/** No token source is configured. The server still starts so that clients can list tools. */
export class MissingCredentialsError extends Error {
  override readonly name = "MissingCredentialsError";
}

/** Arcade reports the authorization as failed, or refused our API key. */
export class AuthorizationFailedError extends Error {
  override readonly name = "AuthorizationFailedError";
}

/** Arcade itself could not be reached or answered with an error we cannot act on. */
export class TokenServiceUnavailableError extends Error {
  override readonly name = "TokenServiceUnavailableError";
}
