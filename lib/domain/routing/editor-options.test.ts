import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeUser } from '../../test/fixtures';
import { getRouteEditorOptions } from './editor-options';

describeEachEngine('route editor options', (ctx) => {
  it('lists every queue by name with the default marked, and tag names and inboxes by name, in three queries', async () => {
    const p = ctx.prisma;
    const viewer = await makeUser(p, 'AGENT');
    await p.queue.create({ data: { name: 'b-billing' } });
    await p.queue.create({ data: { name: 'a-general', isDefault: true } });
    await p.tag.createMany({ data: [{ name: 'vip' }, { name: 'billing' }] });
    const web = await p.inbox.create({ data: { name: 'Website chat' } });
    const wa = await p.inbox.create({ data: { name: 'WhatsApp DE' } });

    const before = ctx.queryCount();
    const options = await getRouteEditorOptions(p, viewer);
    expect(ctx.queryCount() - before).toBe(3);
    expect(options.queues.map(({ name, isDefault }) => ({ name, isDefault }))).toEqual([
      { name: 'a-general', isDefault: true },
      { name: 'b-billing', isDefault: false },
    ]);
    expect(options.tagNames).toEqual(['billing', 'vip']);
    expect(options.inboxes.filter((i) => [web.id, wa.id].includes(i.id))).toEqual([
      { id: web.id, name: 'Website chat' },
      { id: wa.id, name: 'WhatsApp DE' },
    ]);
  });
});
