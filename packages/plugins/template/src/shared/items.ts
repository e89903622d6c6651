import { pageQuerySchema } from '@rtc-console/core/shared';
import { z } from 'zod';

export const ITEM_NAME_MAX = 120;

/** One item as the API sends it. */
export interface Item {
  id: number;
  name: string;
  createdAt: string;
}

/** POST /api/template/items: the API parses with it, the page checks with it before sending. */
export const itemInputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(ITEM_NAME_MAX, `name must be at most ${ITEM_NAME_MAX} characters`),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

/** GET /api/template/items: limit/offset pages, newest first; the answer is `{ rows, count }`. */
export const itemListQuerySchema = pageQuerySchema.pick({ limit: true, offset: true });
