import { describe, expect, it } from 'vitest';
import type { TemplateRow } from './whatsapp.repository.ts';
import { pickCheckInTemplate, splitText, toWhatsApp } from './whatsapp-outbound.ts';

const template = (name: string, language: string, status = 'APPROVED', parameterCount = 1) =>
  ({ name, language, status, parameterCount }) as TemplateRow;

describe('what a message becomes on WhatsApp', () => {
  it('sends up to three short choices as reply buttons, up to ten as a list, more as numbered text', () => {
    const three = toWhatsApp('34600', 'How was your week?', {
      program: {
        programId: 'p',
        enrollmentId: 'e',
        nodeId: 'n',
        quickReplies: [
          { id: 'a', label: 'Great' },
          { id: 'b', label: 'OK' },
          { id: 'c', label: 'Hard' },
        ],
      },
    });
    expect(three).toEqual([
      {
        kind: 'buttons',
        to: '34600',
        body: 'How was your week?',
        buttons: [
          { id: 'a', title: 'Great' },
          { id: 'b', title: 'OK' },
          { id: 'c', title: 'Hard' },
        ],
      },
    ]);
    const labels = Array.from({ length: 5 }, (_, i) => ({ id: `o${i}`, label: `Option number ${i}` }));
    expect(
      toWhatsApp('1', 'Pick', {
        program: { programId: 'p', enrollmentId: 'e', nodeId: 'n', quickReplies: labels },
      })[0],
    ).toMatchObject({ kind: 'list' });
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` }));
    const text = toWhatsApp('1', 'Pick', {
      program: { programId: 'p', enrollmentId: 'e', nodeId: 'n', quickReplies: many },
    });
    expect(text[0]).toMatchObject({ kind: 'text' });
    expect((text[0] as { body: string }).body).toContain('12. Option 11');
  });

  it('splits text over 4,096 characters at sentence ends, losing nothing', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const parts = splitText(long);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join(' ')).toBe(long);
    expect(parts[0]!.endsWith('.')).toBe(true);
  });
});

describe('check-in template outside the 24-hour window', () => {
  it('picks an approved template in the client’s language with at most the name as parameter, check-ins first', () => {
    const all = [
      template('promo_summer', 'es', 'APPROVED', 0),
      template('weekly_checkin', 'es', 'APPROVED', 1),
      template('checkin_reminder', 'es', 'PENDING', 1),
      template('two_params', 'es', 'APPROVED', 2),
      template('checkin_en', 'en_US', 'APPROVED', 1),
    ];
    expect(pickCheckInTemplate(all, 'es')?.name).toBe('weekly_checkin');
    expect(pickCheckInTemplate(all, 'en')?.name).toBe('checkin_en');
    expect(pickCheckInTemplate(all.slice(2, 4), 'es')).toBeUndefined();
  });
});
