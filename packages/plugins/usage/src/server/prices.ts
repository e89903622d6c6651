import { rowsOf, type Db } from '@rtc-console/core';
import { asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import { DURATION_METRICS, PRODUCTS, type Currency } from '../shared/model.js';
import { usagePrices, type UsagePrice } from './schema.js';

const productCodes = Object.values(PRODUCTS) as number[];
const metricCodes = Object.values(DURATION_METRICS) as number[];

/** The operator's price table, replaced as a whole (a row per currency, product and metric). */
export const pricesInputSchema = z.object({
  prices: z
    .array(
      z.object({
        currency: z.enum(['USD', 'CNY'], { error: 'currency must be USD or CNY' }),
        product: z.number().int().refine((p) => productCodes.includes(p), 'product must be a product code'),
        metric: z.number().int().refine((m) => metricCodes.includes(m), 'metric must be a duration metric code'),
        perThousand: z.number({ error: 'perThousand must be a number' }).min(0, 'perThousand must not be negative').max(1_000_000),
        freeMinutes: z.number({ error: 'freeMinutes must be a number' }).int('freeMinutes must be a whole number').min(0, 'freeMinutes must not be negative').max(100_000_000),
      }),
    )
    .max(500)
    .refine((rows) => new Set(rows.map((r) => `${r.currency}|${r.product}|${r.metric}`)).size === rows.length, 'each currency, product and metric may appear once'),
});
export type PricesInput = z.infer<typeof pricesInputSchema>;

export async function listPrices(db: Db): Promise<UsagePrice[]> {
  return db.select().from(usagePrices).orderBy(asc(usagePrices.currency), asc(usagePrices.product), asc(usagePrices.metric));
}

/** Replaces the price table in one transaction. */
export async function savePrices(db: Db, input: PricesInput): Promise<UsagePrice[]> {
  await db.transaction(async (tx) => {
    await tx.delete(usagePrices);
    if (input.prices.length) await tx.insert(usagePrices).values(input.prices);
  });
  return listPrices(db);
}

export type PriceBook = Map<string, { perThousand: number; freeMinutes: number }>;
export const priceKey = (currency: string, product: number, metric: number) => `${currency}|${product}|${metric}`;

export async function priceBook(db: Db): Promise<PriceBook> {
  const rows = rowsOf<{ currency: string; product: number; metric: number; per_thousand: string; free_minutes: number }>(
    await db.execute(sql`select currency, product, metric, per_thousand, free_minutes from usage_prices`),
  );
  return new Map(rows.map((r) => [priceKey(r.currency, Number(r.product), Number(r.metric)), { perThousand: Number(r.per_thousand), freeMinutes: Number(r.free_minutes) }]));
}

/** A company pays in CNY when its area is CN, in USD otherwise. */
export const currencyOf = (area: string): Currency => (area === 'CN' ? 'CNY' : 'USD');

/** The demo's prices: per 1,000 minutes, with 10,000 free audio minutes a month. */
export function demoPrices(): PricesInput {
  const usd = { audio: 0.99, sd: 3.99, hd: 3.99, hdp: 8.99 } as const;
  const cnyRate = 7;
  const prices: PricesInput['prices'] = [];
  for (const [product, factor] of [[PRODUCTS.rtc, 1], [PRODUCTS.recording, 1.5], [PRODUCTS.cloudRecording, 1.5], [PRODUCTS.miniapp, 1]] as const) {
    for (const [name, perThousand] of Object.entries(usd) as [keyof typeof usd, number][]) {
      const freeMinutes = product === PRODUCTS.rtc && name === 'audio' ? 10_000 : 0;
      prices.push({ currency: 'USD', product, metric: DURATION_METRICS[name], perThousand: Math.round(perThousand * factor * 100) / 100, freeMinutes });
      prices.push({ currency: 'CNY', product, metric: DURATION_METRICS[name], perThousand: Math.round(perThousand * factor * cnyRate * 100) / 100, freeMinutes });
    }
  }
  return { prices };
}
