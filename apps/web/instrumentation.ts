// Runs once when the server starts (Next.js instrumentation hook), before it answers any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { answerUnsupportedMethods } = await import('./lib/unsupported-methods');
  answerUnsupportedMethods();
}
