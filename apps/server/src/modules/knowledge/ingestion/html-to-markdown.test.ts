import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from './html-to-markdown.ts';

describe('htmlToMarkdown', () => {
  it('writes headings, nested lists and emphasis', () => {
    expect(
      htmlToMarkdown(
        '<h1>Plan</h1><p>Do <strong>this </strong>first.</p><ol><li>One<ul><li>Sub</li></ul></li><li>Two</li></ol>',
      ),
    ).toBe('# Plan\n\nDo **this** first.\n\n1. One\n   - Sub\n2. Two');
  });

  it('pads merged cells so pipe tables stay rectangular', () => {
    expect(
      htmlToMarkdown(
        '<table><tr><td colspan="2"><p>Week</p></td><td rowspan="2"><p>Notes</p></td></tr><tr><td><p>Mon</p></td><td><p>Tue</p></td></tr></table>',
      ),
    ).toBe('| Week | | Notes |\n| --- | --- | --- |\n| Mon | Tue | |');
  });

  it('keeps one-column tables (Word text boxes) as paragraphs', () => {
    expect(htmlToMarkdown('<table><tr><td><p>Tip</p><p>Breathe.</p></td></tr></table>')).toBe(
      'Tip\n\nBreathe.',
    );
  });

  it('turns mammoth footnotes into Markdown notes and drops their back links', () => {
    expect(
      htmlToMarkdown(
        '<p>Text<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><ol><li id="footnote-1"><p> Note. <a href="#footnote-ref-1">↑</a></p></li></ol>',
      ),
    ).toBe('Text[^1]\n\n[^1]: Note.');
  });

  it('escapes a paragraph that would read as a heading or a fence', () => {
    expect(htmlToMarkdown('<p># 1 priority</p><p>```</p>')).toBe('\\# 1 priority\n\n\\```');
  });

  it('decodes entities and keeps external links', () => {
    expect(htmlToMarkdown('<p>Fish &amp; chips at <a href="https://example.org">the café</a></p>')).toBe(
      'Fish & chips at [the café](https://example.org)',
    );
  });
});
