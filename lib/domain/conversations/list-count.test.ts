import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import type { Actor } from '../../access/actor';
import { EXACT_COUNT_CAP, listConversations } from './list';
import { conversationListQuerySchema } from '../../validation/conversations';

const q = (over: Record<string, unknown> = {}) => conversationListQuerySchema.parse({ limit: 5, ...over });

describeEachEngine('listConversations totalItems', (ctx) => {
  const sup: Actor = { kind: 'system', id: 'system', role: 'ADMIN', name: 'System', reason: 'test' };
  let queueId: string;

  beforeAll(async () => {
    queueId = (await ctx.prisma.queue.create({ data: { name: 'Counted' } })).id;
    await ctx.sql.exec(`
      INSERT INTO "Conversation" (id, topic, status, "updatedAt", "createdAt")
      SELECT 'bulk-' || g, 'bulk', CASE WHEN g % 4 = 0 THEN 'CLOSED' ELSE 'OPEN' END::"ConversationStatus", now(), now() - (g || ' seconds')::interval
      FROM generate_series(1, ${EXACT_COUNT_CAP + 5000}) g`);
    await ctx.sql.exec(`UPDATE "Conversation" SET "queueId" = '${queueId}' WHERE id IN ('bulk-1', 'bulk-2', 'bulk-3')`);
  });

  it('is exact below the cap', async () => {
    expect((await listConversations(ctx.prisma, sup, q({ queueIds: queueId }))).totalItems).toBe(3);
    expect((await listConversations(ctx.prisma, sup, q({ queueIds: queueId, status: 'OPEN' }))).totalItems).toBe(3);
  });

  it('past the cap is an estimate above it, and the page itself is still exact', async () => {
    const page = await listConversations(ctx.prisma, sup, q({ status: 'OPEN', orderBy: 'createdAt:desc' }));
    expect(page.totalItems).toBeGreaterThan(EXACT_COUNT_CAP);
    expect(page.items.map((c) => c.id)).toEqual(['bulk-1', 'bulk-2', 'bulk-3', 'bulk-5', 'bulk-6']);
  });

  it('costs at most two statements however many match', async () => {
    const before = ctx.queryCount();
    await listConversations(ctx.prisma, sup, q({ status: 'OPEN' }));
    expect(ctx.queryCount() - before).toBeLessThanOrEqual(2);
    const mid = ctx.queryCount();
    await listConversations(ctx.prisma, sup, q({ queueIds: queueId }));
    expect(ctx.queryCount() - mid).toBe(1);
  });
});
