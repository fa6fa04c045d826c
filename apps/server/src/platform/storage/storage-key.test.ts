import { describe, expect, it } from 'vitest';
import { assertStorageKey, normalizeStoragePrefix, storageKeyFor } from './storage-key.ts';

const creator = '0b8e7a52-3c1d-4e2f-9a6b-5d4c3b2a1f00';

describe('storageKeyFor', () => {
  it('joins the creator directory and the segments', () => {
    expect(storageKeyFor(creator, 'documents', 'd1', 'original.pdf')).toBe(
      `creator_${creator}/documents/d1/original.pdf`,
    );
  });

  it('lower-cases the creator uuid, so one creator has one directory', () => {
    expect(storageKeyFor(creator.toUpperCase(), 'a')).toBe(`creator_${creator}/a`);
  });

  it('rejects segments that could leave the creator directory', () => {
    for (const part of ['..', '.', '', 'a/b', '../x', 'a\\b', 'a\0b']) {
      expect(() => storageKeyFor(creator, 'docs', part)).toThrow(/Invalid storage key/);
    }
  });

  it('rejects a creator id that is not a uuid and a key without a file segment', () => {
    expect(() => storageKeyFor('../../etc', 'passwd')).toThrow(/Invalid storage key/);
    expect(() => storageKeyFor(creator)).toThrow(/at least one path segment/);
  });
});

describe('assertStorageKey and normalizeStoragePrefix', () => {
  it('accept file names with dots and spaces', () => {
    expect(() => assertStorageKey(`creator_${creator}/docs/my file.v2.pdf`)).not.toThrow();
  });

  it('accept a creator directory as a prefix, with or without trailing slash', () => {
    expect(normalizeStoragePrefix(`creator_${creator}/`)).toBe(`creator_${creator}`);
    expect(normalizeStoragePrefix(`creator_${creator}/docs`)).toBe(`creator_${creator}/docs`);
  });
});
