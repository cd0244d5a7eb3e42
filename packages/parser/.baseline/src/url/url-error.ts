/** Thrown when a string cannot be read as a URL, even against the given base. */
export class InvalidUrlError extends Error {
  readonly code = 'INVALID_URL';
  readonly input: string;

  constructor(input: string, base?: string, options?: { cause?: unknown }) {
    super(`Not a valid URL: ${JSON.stringify(input)}${base ? ` (base ${base})` : ''}`, options);
    this.name = 'InvalidUrlError';
    this.input = input;
  }
}
