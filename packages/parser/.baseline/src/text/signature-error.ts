/** A value passed as a signature is not one (a simhash must be 16 hex digits). */
export class SignatureError extends Error {
  readonly code = 'INVALID_SIGNATURE';
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
    this.name = 'SignatureError';
  }
}
