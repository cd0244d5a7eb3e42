import { feedRoute } from '../../lib/feeds-out/feed-route';

export const dynamic = 'force-dynamic';
export const GET = feedRoute('atom');
