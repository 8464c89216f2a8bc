import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export const MIGRATIONS_DIR = path.resolve(process.cwd(), 'prisma/migrations');

export type MigrationFile = { name: string; sql: string; checksum: string };

/** The migrations on disk, in the order they apply (their folder names start with a timestamp). */
export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      // Prisma records the SHA-256 of the file as its checksum; using the same keeps `prisma migrate deploy` in agreement.
      const checksum = crypto.createHash('sha256').update(sql).digest('hex');
      return { name, sql, checksum };
    });
}
