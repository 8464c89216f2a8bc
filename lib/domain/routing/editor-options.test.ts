import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/db';
import { makeUser } from '../../test/fixtures';
import { getRouteEditorOptions } from './editor-options';

describeEachEngine('route editor options', (ctx) => {
  it('lists every queue by name with the default marked, and tag names by name, in two queries', async () => {
    const p = ctx.prisma;
    const viewer = await makeUser(p, 'AGENT');
    await p.queue.create({ data: { name: 'b-billing' } });
    await p.queue.create({ data: { name: 'a-general', isDefault: true } });
    await p.tag.createMany({ data: [{ name: 'vip' }, { name: 'billing' }] });

    const before = ctx.queryCount();
    const options = await getRouteEditorOptions(p, viewer);
    expect(ctx.queryCount() - before).toBe(2);
    expect(options.queues.map(({ name, isDefault }) => ({ name, isDefault }))).toEqual([
      { name: 'a-general', isDefault: true },
      { name: 'b-billing', isDefault: false },
    ]);
    expect(options.tagNames).toEqual(['billing', 'vip']);
  });
});
