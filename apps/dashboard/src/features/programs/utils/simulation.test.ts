import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatRealTime,
  isTimeZone,
  parseAnswers,
  toZonedInputValue,
  zonedTimeToIso,
} from './simulation.ts';

const DAY = 86_400_000;

describe('parseAnswers', () => {
  it('takes one answer per line, trimmed, skipping blank lines', () => {
    expect(parseAnswers(' Sleep better \r\n\n7\n  \nYes')).toEqual(['Sleep better', '7', 'Yes']);
    expect(parseAnswers('')).toEqual([]);
  });
});

describe('formatDuration', () => {
  it('says the two largest units in the interface language', () => {
    expect(formatDuration(21 * DAY, 'en')).toBe('21 days');
    expect(formatDuration(3 * DAY + 4 * 3_600_000 + 5 * 60_000, 'en')).toBe('3 days, 4 hours');
    expect(formatDuration(90 * 60_000, 'en')).toBe('1 hour, 30 minutes');
    expect(formatDuration(2 * DAY, 'es')).toBe('2 días');
  });

  it('says zero minutes for a run that took no virtual time', () => {
    expect(formatDuration(0, 'en')).toBe('0 minutes');
    expect(formatDuration(20_000, 'en')).toBe('0 minutes');
  });
});

describe('formatRealTime', () => {
  it('uses milliseconds under a second, seconds above', () => {
    expect(formatRealTime(38, 'en')).toBe('38 ms');
    expect(formatRealTime(1234, 'en')).toBe('1.2 sec');
  });
});

describe('zonedTimeToIso', () => {
  it('reads the typed time on the virtual user’s clock', () => {
    expect(zonedTimeToIso('2025-01-06T09:00', 'Europe/Madrid')).toBe('2025-01-06T08:00:00.000Z');
    expect(zonedTimeToIso('2025-07-01T09:00', 'Europe/Madrid')).toBe('2025-07-01T07:00:00.000Z');
    expect(zonedTimeToIso('2025-01-06T09:00', 'America/Mexico_City')).toBe('2025-01-06T15:00:00.000Z');
    expect(zonedTimeToIso('2025-01-06T09:00', 'UTC')).toBe('2025-01-06T09:00:00.000Z');
  });

  it('refuses an unknown zone or a malformed time', () => {
    expect(zonedTimeToIso('2025-01-06T09:00', 'Mars/Olympus')).toBeUndefined();
    expect(zonedTimeToIso('06/01/2025', 'UTC')).toBeUndefined();
    expect(isTimeZone('')).toBe(false);
  });

  it('round-trips with toZonedInputValue', () => {
    const iso = zonedTimeToIso('2025-03-30T10:30', 'Europe/Madrid') ?? '';
    expect(toZonedInputValue(new Date(iso), 'Europe/Madrid')).toBe('2025-03-30T10:30');
  });
});
