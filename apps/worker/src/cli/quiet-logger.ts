import type { Logger } from '../observe/logger.js';
import type { ProgressStream } from './progress.js';

/**
 * While a progress bar is redrawn on a terminal, log lines below `warn` would tear it apart (the
 * JSON goes to the same screen): they are suppressed until the returned function restores the
 * level. Off a terminal (cron, CI) the bar is plain lines and every log line is kept.
 */
export function quietWhileDrawing(logger: Logger, stream: ProgressStream): () => void {
  if (!stream.isTTY || !logger.isLevelEnabled('info')) return () => {};
  const level = logger.level;
  logger.level = 'warn';
  return () => {
    logger.level = level;
  };
}
