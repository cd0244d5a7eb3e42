import { createRequire } from 'node:module';
import type { Readability } from '@mozilla/readability';
import type { JSDOM } from 'jsdom';
import { MissingPeerDependencyError } from '../errors/missing-peer-error.js';

/** The optional peers article extraction runs on, loaded on first use so other entries stay light. */
export interface DomLibraries {
  JSDOM: typeof JSDOM;
  Readability: typeof Readability;
}

const require = createRequire(import.meta.url);
let loaded: DomLibraries | undefined;

/** Requires an optional peer, turning "not installed" into a MissingPeerDependencyError naming it. */
export function requirePeer<T>(packageName: string, feature: string): T {
  try {
    return require(packageName) as T;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const missing =
      code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(`'${packageName}'`);
    if (missing) throw new MissingPeerDependencyError(packageName, feature, { cause: error });
    throw error;
  }
}

/** jsdom and Readability (both CommonJS, so a synchronous require); a typed error names a missing one. */
export function domLibraries(): DomLibraries {
  loaded ??= {
    JSDOM: requirePeer<{ JSDOM: typeof JSDOM }>('jsdom', 'extractArticle').JSDOM,
    Readability: requirePeer<{ Readability: typeof Readability }>('@mozilla/readability', 'extractArticle')
      .Readability,
  };
  return loaded;
}
