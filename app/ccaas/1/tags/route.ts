import { NextResponse } from 'next/server';
import { apiRoute } from '@/lib/http/handler';
import { queryObject, readJson } from '@/lib/http/request';
import { pagination } from '@/lib/http/format';
import { apiTag } from '@/lib/http/mappers';
import { createTag, listTags } from '@/lib/domain/conversations/tags';

export const GET = apiRoute(async (_req, { db, actor, url }) => {
  const page = await listTags(db, actor, queryObject(url));
  return NextResponse.json({ tags: page.tags.map(apiTag), pagination: pagination(page) });
});

export const POST = apiRoute(async (req, { db, actor }) => NextResponse.json(apiTag(await createTag(db, actor, await readJson(req)))));
