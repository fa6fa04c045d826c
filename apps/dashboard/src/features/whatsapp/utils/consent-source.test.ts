import { describe, expect, it } from 'vitest';
import { consentSourceOf } from './consent-source.ts';

describe('consentSourceOf', () => {
  it('reads what the creator typed', () => {
    expect(consentSourceOf('creator:signup form: March')).toEqual({
      kind: 'creator',
      text: 'signup form: March',
    });
  });

  it('reads the keyword a contact sent', () => {
    expect(consentSourceOf('keyword:baja')).toEqual({ kind: 'keyword', text: 'baja' });
  });

  it('shows any other source as it is', () => {
    expect(consentSourceOf('import')).toEqual({ kind: 'other', text: 'import' });
  });
});
