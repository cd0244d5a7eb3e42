/** Thrown when a feature needs an optional peer dependency that is not installed. */
export class MissingPeerDependencyError extends Error {
  readonly code = 'MISSING_PEER_DEPENDENCY';
  /** The npm package to install, e.g. `jsdom`. */
  readonly packageName: string;

  constructor(packageName: string, feature: string, options?: { cause?: unknown }) {
    super(
      `${feature} needs the optional peer dependency "${packageName}": run \`npm install ${packageName}\``,
      options,
    );
    this.name = 'MissingPeerDependencyError';
    this.packageName = packageName;
  }
}
