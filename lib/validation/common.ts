import { z } from 'zod';

/** The tag box counts against this; TAG_NAME says the same. */
export const TAG_NAME_MAX = 100;
export const TAG_NAME = /^[A-Za-z0-9._-]{1,100}$/;
export const tagNameSchema = z.string().regex(TAG_NAME, 'Tag names are 1–100 letters, digits, ".", "_" or "-".');

export const idSchema = z.string().trim().min(1, 'Required.').max(255, 'At most 255 characters.');

/** ISO 8601 date-times, with or without a colon in the offset (the API writes +0000). */
export const dateTimeSchema = z
  .string()
  // Months 01–12, days 01–31, hours 00–23, minutes and seconds 00–59 in the pattern itself, so the
  // document refuses 2025-26-01 as the server does (a 31st of February is refused by the transform).
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?$/,
    'Expected a date-time like 2025-04-24T11:25:41.058+0000.',
  )
  .transform((s, ctx) => {
    const d = new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    // Date() rolls 2025-02-31 over to 3 March: the day must exist in its month.
    const [year, month, day] = s.slice(0, 10).split('-').map(Number);
    if (Number.isNaN(d.getTime()) || year < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      ctx.addIssue({ code: 'custom', message: 'Not a real date.' });
      return z.NEVER;
    }
    return d;
  });

/** A JSON object of free attributes (customer or message), kept small. */
export const attributesSchema = z
  .record(z.string().min(1).max(100), z.unknown())
  .refine((v) => JSON.stringify(v).length <= 8000, 'Attributes are limited to 8000 characters of JSON.');

export const paginationSchema = {
  page: z.coerce.number({ message: 'Expected a whole number.' }).int('Expected a whole number.').min(0).max(1_000_000).default(0),
  limit: z.coerce.number({ message: 'Expected a whole number.' }).int('Expected a whole number.').min(1).max(999, 'At most 999.').default(10),
};

export function orderBySchema<F extends string>(fields: readonly F[], fallback: `${F}:${'asc' | 'desc'}`) {
  return z
    .string()
    .transform((s) => s.replace(/:(ASC|DESC)$/, (m) => m.toLowerCase()))
    .pipe(z.string().regex(new RegExp(`^(${fields.join('|')}):(asc|desc)$`), `Use field:asc or field:desc, field one of ${fields.join(', ')}.`))
    .default(fallback);
}

/** Query-string lists: `a,b` or repeated `x=a&x=b`. */
export function listOf<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(100, 'At most 100 values.'));
}
