/**
 * Credentials as they turn up in text from outside: in an error Asana or Arcade echoes, a header, a URL.
 * Each entry is planted in such text; `secret` is the part that must never come out again, anywhere.
 * All values are made up.
 */
export interface PlantedCredential {
  name: string;
  /** The text as it is planted, the credential in its usual surroundings. */
  text: string;
  /** What must not appear in any output. */
  secret: string;
}

const plant = (name: string, text: string, secret: string): PlantedCredential => ({ name, text, secret });

/** Asana's current personal access token shape: 2/<16+ digits>/<16+ digits>:<32+ letters and digits>. */
export const currentShapePat = "2/1208834567123456/1209912345678901:AbCdEf12GhIjKl34MnOpQr56StUvWx78Yz";

export const plantedCredentials: readonly PlantedCredential[] = [
  plant("a JSON Web Token", "saw eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEiLCJleHAiOjE3fQ.c2lnbmF0dXJlLXBhcnQtMDEy expired", "c2lnbmF0dXJlLXBhcnQtMDEy"),
  plant("an Asana PAT, old shape", "echoed 1/1204567890123:0123456789abcdef0123456789abcdef in use", "0123456789abcdef0123456789abcdef"),
  plant("an Asana PAT, current shape", `Not Authorized (${currentShapePat}).`, "AbCdEf12GhIjKl34MnOpQr56StUvWx78Yz"),
  plant("an Asana PAT, current shape, shorter", "echoed 2/12045678901234/12098765432109:aB3dE5gH7jK9mN1pQ3sT", "aB3dE5gH7jK9mN1pQ3sT"),
  plant("an Arcade key", "rejected arc_live_ABCdef0123456789xyz here", "ABCdef0123456789xyz"),
  plant("an Arcade key in capitals", "rejected ARC_LIVE_QWERTYuiop0123456789 here", "QWERTYuiop0123456789"),
  plant("an OpenAI key", "uses sk-proj_ABCDEFGHIJKLMNOP0123 here", "ABCDEFGHIJKLMNOP0123"),
  plant("a Stripe key", "sk_live_51HaBcDeFgHiJkLmNoPqRsTu set", "51HaBcDeFgHiJkLmNoPqRsTu"),
  plant("a classic GitHub token", "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 pushed", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
  plant(
    "a fine-grained GitHub token",
    "github_pat_11ABCDEFG0abcdefghijklmn_OPQRSTUVWXYZ0123456789abcdefghijklmnopqrstu",
    "OPQRSTUVWXYZ0123456789abcdefghijklmnopqrstu",
  ),
  plant("a Slack token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx posted", "AbCdEfGhIjKlMnOpQrStUvWx"),
  plant("an npm token", "npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 published", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
  plant("an AWS access key id", "the id AKIAIOSFODNN7QWERTYU", "IOSFODNN7QWERTYU"),
  plant("an AWS secret key", "aws_secret_access_key = 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", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzyxwvutsrq"),
  plant("a Google API key", "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW in the URL", "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"),
  plant("an OAuth code in a URL", "redirected to https://app.example/callback?code=sPl1tC0deValue42&state=xyz", "sPl1tC0deValue42"),
  plant("an access token parameter", "access_token=abc123DEF456ghi789JKL&x=1", "abc123DEF456ghi789JKL"),
  plant("a refresh token", "refresh_token: zz9plural0alpha1234wxyz", "zz9plural0alpha1234wxyz"),
  plant("a client secret", '"client_secret":"cs_9f8e7d6c5b4a3928"', "cs_9f8e7d6c5b4a3928"),
  plant("a letters-only secret", "secret=correcthorsebatterystaple", "correcthorsebatterystaple"),
  plant("a password", "password: Tr0ub4dor&3xyzzy", "Tr0ub4dor&3xyzzy"),
  plant(
    "a PEM private key",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----",
    "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
  ),
  plant("a bearer token", "Authorization: Bearer 9f8e7d6c5b4a3928170f6e5d was refused", "9f8e7d6c5b4a3928170f6e5d"),
  plant("a bearer token after a colon, quoted", "header Bearer: 'qWeRtY1234567890zXcV' echoed", "qWeRtY1234567890zXcV"),
  plant("a bearer token split over a line", "Authorization: Bearer\n  mNbVcX0987654321LkJh", "mNbVcX0987654321LkJh"),
  plant("a bearer token wrapped inside", "Authorization: Bearer hardWrapped0123\n4567tokenTail89", "4567tokenTail89"),
  plant("a Basic credential", "Authorization: Basic YWRhOnNlY3JldC1wYXNzd29yZA== failed", "YWRhOnNlY3JldC1wYXNzd29yZA=="),
  plant("an API key in JSON", '"api_key": "9f8e7d6c5b4a39281706f5e4"', "9f8e7d6c5b4a39281706f5e4"),
  plant("credentials in a URL", "fetched https://ada:s3cretPassw0rd@files.example.com/report", "s3cretPassw0rd"),
  // Asana's signed download links: whoever has one can fetch the file until it expires.
  plant(
    "a signed Asana download link",
    "GET https://asanausercontent.com/us1/assets/1203651700000000/1216037900000000/625e17fa0c6b00000000f6860a2cccce?e=1787810344&v=0&t=2WQesJfH96MQmAQ0000000TUA30ipUHXdL8i-EqGU failed",
    "2WQesJfH96MQmAQ0000000TUA30ipUHXdL8i-EqGU",
  ),
  plant(
    "a presigned S3 link's session token",
    "https://asana-user-private-us-east-1.s3.amazonaws.com/assets/1/2/abc?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEML%2F%2F%2FwEaCXVz000000&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261207T101010Z&X-Amz-Expires=120&X-Amz-Signature=0d7d7e6067a5c9d773b7578f68c1e6b6",
    "IQoJb3JpZ2luX2VjEML%2F%2F%2FwEaCXVz000000",
  ),
];

/** Every planted credential in one text, as an upstream error message might carry several. */
export const allPlanted = plantedCredentials.map((c) => c.text).join(" | ");

/** The planted secrets found in `text` (none is the right answer). */
export function leakedSecrets(text: string): string[] {
  return plantedCredentials.filter((c) => text.includes(c.secret)).map((c) => c.name);
}
