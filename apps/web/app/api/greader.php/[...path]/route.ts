import { handleGreader } from '../../../../lib/greader/handlers';

// The Google Reader API for reader apps (lib/greader/handlers.ts); base URL /api/greader.php.

export const dynamic = 'force-dynamic';

export const GET = handleGreader;
export const POST = handleGreader;
