#!/usr/bin/env node
// CI's dependency audit (issue 14): `npm audit --omit=dev`, reported in full, failing only on a high
// or critical advisory in a production dependency for which a fixed version exists. A registry that
// does not answer audits (as the one this project's machines use) is reported and passes: there is
// nothing to judge, and CI must not fail for the network it runs on.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * The verdict on an `npm audit --json` report (auditReportVersion 2): `blocking` are the high or
 * critical advisories with a fix available; the rest are only reported.
 * @param {{ vulnerabilities?: Record<string, { name: string; severity: string; isDirect?: boolean; fixAvailable?: unknown; range?: string }> }} report
 */
export function auditVerdict(report) {
  const all = Object.values(report.vulnerabilities ?? {});
  const serious = (v) => v.severity === 'high' || v.severity === 'critical';
  const blocking = all.filter((v) => serious(v) && !!v.fixAvailable);
  return { total: all.length, blocking, reported: all.filter((v) => !blocking.includes(v)) };
}

function main() {
  const res = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', shell: process.platform === 'win32' });
  let report;
  try {
    report = JSON.parse(res.stdout || '{}');
  } catch {
    report = {};
  }
  if (!report.auditReportVersion) {
    const why = report.error?.summary || report.message || (res.stderr || '').split('\n').find((l) => l.includes('error')) || 'no report';
    console.log(`npm audit: the registry gave no audit report (${String(why).slice(0, 200)}); nothing to judge, passing.`);
    return 0;
  }
  const { total, blocking, reported } = auditVerdict(report);
  const line = (v) => `  ${v.severity.padEnd(8)} ${v.name}${v.range ? ` ${v.range}` : ''}${v.fixAvailable ? ' (fix available)' : ' (no fix yet)'}`;
  console.log(`npm audit (production dependencies): ${total} advisories, ${blocking.length} blocking`);
  for (const v of [...blocking, ...reported]) console.log(line(v));
  return blocking.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
