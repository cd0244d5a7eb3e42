import { articleCommand } from './article-command.js';
import type { CliCommand } from './cli-io.js';
import { feedCommand } from './feed-command.js';
import { textCommand } from './text-command.js';

/** Every sub-command of `newsfeed-parser`; each lives in its own module. */
export const COMMANDS: readonly CliCommand[] = [feedCommand, articleCommand, textCommand];
