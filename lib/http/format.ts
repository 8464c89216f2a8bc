/** The API's timestamp form: 2025-04-24T11:25:41.058+0000 (always UTC). */
export function apiTimestamp(d: Date): string;
export function apiTimestamp(d: Date | null | undefined): string | undefined;
export function apiTimestamp(d: Date | null | undefined): string | undefined {
  return d ? d.toISOString().replace('Z', '+0000') : undefined;
}

export type ApiPagination = { totalItems: number; page: number; limit: number; orderBy: string };

export function pagination(p: { totalItems: number; page: number; limit: number; orderBy: string }): ApiPagination {
  return { totalItems: p.totalItems, page: p.page, limit: p.limit, orderBy: p.orderBy };
}

/** Drops null and undefined fields: the reference types them as plain strings, so absent beats null. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
