import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain ES module without types
import { auditVerdict } from './audit.mjs';

describe('CI dependency audit', () => {
  it('blocks only on a high or critical advisory with a fix available', () => {
    const report = {
      auditReportVersion: 2,
      vulnerabilities: {
        a: { name: 'a', severity: 'critical', fixAvailable: true },
        b: { name: 'b', severity: 'high', fixAvailable: { name: 'b', version: '2.0.0', isSemVerMajor: true } },
        c: { name: 'c', severity: 'high', fixAvailable: false },
        d: { name: 'd', severity: 'moderate', fixAvailable: true },
        e: { name: 'e', severity: 'low', fixAvailable: false },
      },
    };
    const v = auditVerdict(report);
    expect(v.total).toBe(5);
    expect(v.blocking.map((x: { name: string }) => x.name)).toEqual(['a', 'b']);
    expect(v.reported.map((x: { name: string }) => x.name)).toEqual(['c', 'd', 'e']);
  });

  it('a clean report blocks nothing', () => {
    expect(auditVerdict({ auditReportVersion: 2, vulnerabilities: {} })).toMatchObject({ total: 0, blocking: [] });
  });
});
