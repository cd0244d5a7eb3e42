import { feedRoute } from '../../lib/feeds-out/feed-route';

export const GET = feedRoute('atom');
