import { describe, expect, it } from 'vitest';

import { AUDIT_CSV_HEADER, auditCsvLine, csvCell, csvLine } from './csv';

describe('csvCell', () => {
  it('quotes quotes, commas, line breaks and edge spaces, and leaves plain text alone', () => {
    expect(csvCell('aks-a')).toBe('aks-a');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(undefined)).toBe('');
  });

  it('turns what a spreadsheet would run as a formula into text', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('auditCsvLine', () => {
  it('writes one CRLF line per entry in the header order, settings as JSON', () => {
    expect(AUDIT_CSV_HEADER).toBe('at,actorId,actorName,action,outcome,subscriptionId,clusterId,extensionId,errorCode,errorMessage,settings,previousSettings,resourceId\r\n');
    const line = auditCsvLine({
      id: 'x',
      at: '2026-11-28T23:38:20.123Z',
      actor: { id: 'oid-1', name: '=Ada, Admin' },
      action: 'update',
      outcome: 'failed',
      subscriptionId: 's',
      clusterId: '/c',
      error: { code: 'E', message: 'Helm said "no"' },
      settings: { a: '2' },
      previousSettings: { a: '1' },
    });
    expect(line).toBe('2026-11-28T23:38:20.123Z,oid-1,"\'=Ada, Admin",update,failed,s,/c,,E,"Helm said ""no""","{""a"":""2""}","{""a"":""1""}",\r\n');
    const compute = '/subscriptions/s/resourceGroups/g/providers/Microsoft.MachineLearningServices/workspaces/w/computes/c1';
    expect(auditCsvLine({ id: 'y', at: '2026-11-28T23:38:20.123Z', actor: { id: 'o', name: 'O' }, action: 'attach', outcome: 'accepted', resourceId: compute })).toBe(
      `2026-11-28T23:38:20.123Z,o,O,attach,accepted,,,,,,,,${compute}\r\n`,
    );
    expect(csvLine(['a', undefined, 'c'])).toBe('a,,c\r\n');
  });
});
