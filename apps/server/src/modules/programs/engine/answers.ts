import type { Locale, QuestionNodeData } from '@companero/contracts';
import { fold } from './text.ts';
import { addCalendarDays, isoDate, zonedParts } from './time.ts';

/** A reply checked against a question's answer type. */
export type ParsedAnswer =
  | { ok: true; value: string | number; choiceId?: string }
  | {
      ok: false;
      reason:
        | 'empty'
        | 'too_short'
        | 'too_long'
        | 'pattern'
        | 'no_match'
        | 'not_a_number'
        | 'out_of_range'
        | 'not_a_date';
    };

export interface AnswerContext {
  language: Locale;
  timeZone: string;
  now: Date;
}

/**
 * Validates and normalises a reply:
 * - text: trimmed, non-empty, min/max length, pattern;
 * - choice: label, value or id (case and accent-insensitive, punctuation and emoji ignored) or its 1-based number;
 * - number: "7", "7.5", "7,5", "1,500" (en) / "1.500" (es), an optional short unit ("75 kg");
 * - scale: an integer within min..max (default 1..10), "8/10", "8 de 10", "8 out of 10";
 * - date: yyyy-mm-dd, dd/mm/yyyy (mm/dd when only that reading is a date), today/tomorrow/hoy/mañana...
 */
export function parseAnswer(q: QuestionNodeData, raw: string, ctx: AnswerContext): ParsedAnswer {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  switch (q.answerType) {
    case 'text':
      return parseText(q, text);
    case 'choice':
      return parseChoice(q, text);
    case 'number':
      return parseNumberAnswer(q, text, ctx.language);
    case 'scale':
      return parseScale(q, text);
    case 'date':
      return parseDate(text, ctx);
  }
}

function parseText(q: QuestionNodeData, text: string): ParsedAnswer {
  const length = [...text].length;
  if (q.min !== undefined && length < q.min) return { ok: false, reason: 'too_short' };
  if (q.max !== undefined && length > q.max) return { ok: false, reason: 'too_long' };
  if (q.pattern) {
    // Compiled like validateProgram does (no flags); an invalid pattern is ignored rather than rejecting every answer.
    let re: RegExp | null = null;
    try {
      re = new RegExp(q.pattern);
    } catch {
      re = null;
    }
    if (re && !re.test(text)) return { ok: false, reason: 'pattern' };
  }
  return { ok: true, value: text };
}

/** Letters and digits only, folded: "💪 Get stronger!" → "getstronger". */
const compact = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');

function parseChoice(q: QuestionNodeData, text: string): ParsedAnswer {
  const choices = q.choices ?? [];
  const found = (c: (typeof choices)[number]) =>
    ({ ok: true, value: c.value ?? c.label, choiceId: c.id }) as const;
  const folded = fold(text);
  for (const c of choices) {
    if ([c.label, c.value, c.id].some((s) => s !== undefined && fold(s) === folded)) return found(c);
  }
  const n = /^(\d{1,2})\s*[.)]?$/.exec(folded);
  if (n) {
    const c = choices[Number(n[1]) - 1];
    if (c) return found(c);
  }
  const key = compact(text);
  if (key) {
    for (const c of choices) {
      if ([c.label, c.value, c.id].some((s) => s !== undefined && compact(s) === key)) return found(c);
    }
  }
  return { ok: false, reason: 'no_match' };
}

function parseNumber(text: string, language: Locale): number | undefined {
  const m = /^([-+]?)(\d+(?:[.,]\d+)*)\s*(?:[\p{L}%°]{1,12}\.?)?$/u.exec(text.trim());
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  let digits = m[2]!;
  const thousands = language === 'es' ? '.' : ',';
  const decimal = language === 'es' ? ',' : '.';
  const groups = digits.split(/[.,]/);
  if (groups.length > 2) {
    // 1,234,567 (en) / 1.234.567 (es): grouping separators only.
    const seps = digits.replace(/\d/g, '');
    if (![...seps].every((c) => c === thousands) || groups.slice(1).some((g) => g.length !== 3))
      return undefined;
    digits = groups.join('');
  } else if (groups.length === 2) {
    const sep = digits.includes(',') ? ',' : '.';
    // "1,500" in English or "1.500" in Spanish is a thousand and a half; otherwise a decimal mark.
    if (sep === thousands && sep !== decimal && groups[1]!.length === 3 && groups[0] !== '0') {
      digits = groups.join('');
    } else {
      digits = `${groups[0]}.${groups[1]}`;
    }
  }
  const n = sign * Number(digits);
  return Number.isFinite(n) ? n : undefined;
}

function parseNumberAnswer(q: QuestionNodeData, text: string, language: Locale): ParsedAnswer {
  const n = parseNumber(text, language);
  if (n === undefined) return { ok: false, reason: 'not_a_number' };
  if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max)) {
    return { ok: false, reason: 'out_of_range' };
  }
  return { ok: true, value: n };
}

export function scaleBounds(q: QuestionNodeData): { min: number; max: number } {
  return { min: q.min ?? 1, max: q.max ?? 10 };
}

function parseScale(q: QuestionNodeData, text: string): ParsedAnswer {
  const m = /^([-+]?\d+)\s*(?:(?:\/|out of|of|de|sobre)\s*\d+)?\s*[.!]?$/.exec(fold(text));
  if (!m) return { ok: false, reason: 'not_a_number' };
  const n = Number(m[1]);
  const { min, max } = scaleBounds(q);
  if (n < min || n > max) return { ok: false, reason: 'out_of_range' };
  return { ok: true, value: n };
}

const RELATIVE_DAYS: Record<string, number> = {
  today: 0,
  tonight: 0,
  hoy: 0,
  tomorrow: 1,
  manana: 1,
  'day after tomorrow': 2,
  'pasado manana': 2,
  yesterday: -1,
  ayer: -1,
};

function validDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return isoDate({ year, month, day });
}

function parseDate(text: string, ctx: AnswerContext): ParsedAnswer {
  const t = fold(text).replace(/[.!]+$/, '');
  const rel = RELATIVE_DAYS[t];
  if (rel !== undefined) {
    const today = zonedParts(ctx.now, ctx.timeZone);
    return { ok: true, value: isoDate(addCalendarDays(today, rel)) };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    const v = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return v ? { ok: true, value: v } : { ok: false, reason: 'not_a_date' };
  }
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[2]);
    let year = Number(dmy[3]);
    if (dmy[3]!.length === 2) year += 2000;
    // dd/mm/yyyy; mm/dd/yyyy only when that is the sole valid reading (e.g. 12/31/2026).
    const v = validDate(year, b, a) ?? validDate(year, a, b);
    return v ? { ok: true, value: v } : { ok: false, reason: 'not_a_date' };
  }
  return { ok: false, reason: 'not_a_date' };
}

/** The default message sent before asking again after an invalid reply. */
export function defaultRetryMessage(q: QuestionNodeData, language: Locale): string {
  const es = language === 'es';
  switch (q.answerType) {
    case 'choice':
      return es
        ? 'Perdona, no te he entendido. Elige una de las opciones, por favor.'
        : "Sorry, I didn't get that. Please pick one of the options.";
    case 'number': {
      const range =
        q.min !== undefined && q.max !== undefined
          ? es
            ? ` entre ${q.min} y ${q.max}`
            : ` between ${q.min} and ${q.max}`
          : '';
      return es
        ? `Perdona, no te he entendido. Responde con un número${range}, por favor.`
        : `Sorry, I didn't get that. Please reply with a number${range}.`;
    }
    case 'scale': {
      const { min, max } = scaleBounds(q);
      return es
        ? `Perdona, no te he entendido. Responde con un número del ${min} al ${max}, por favor.`
        : `Sorry, I didn't get that. Please reply with a number from ${min} to ${max}.`;
    }
    case 'date':
      return es
        ? 'Perdona, no te he entendido. Escribe una fecha como 31/12/2026, o "hoy" o "mañana".'
        : 'Sorry, I didn\'t get that. Please write a date like 2026-12-31, or "today" or "tomorrow".';
    case 'text':
      return es
        ? 'Perdona, no te he entendido. ¿Puedes responder de nuevo?'
        : "Sorry, I didn't get that. Could you answer again?";
  }
}
