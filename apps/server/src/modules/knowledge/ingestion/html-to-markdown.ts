/** A parsed element of mammoth's HTML (mammoth emits a small, well-formed subset). */
interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const VOID = new Set(['br', 'img', 'hr']);
const BLOCK = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'blockquote',
  'pre',
  'hr',
]);
const NOTE_ID = /^(footnote|endnote|comment)-\d+$/;

/**
 * Converts the HTML mammoth makes from a DOCX into Markdown: `#` headings,
 * `-`/`1.` lists (nested by indentation), pipe tables (first row as header,
 * merged cells padded so columns line up; one-column "box" tables become
 * plain paragraphs), `**bold**`/`*italic*`, links, and footnotes/endnotes as
 * `[^n]` references with `[^n]: text` definitions. Images are dropped.
 *
 * @example htmlToMarkdown('<h1>Guide</h1><ul><li>One</li></ul>') // '# Guide\n\n- One'
 */
export function htmlToMarkdown(html: string): string {
  const root = parse(html);
  const labels = new Map<string, string>();
  collectNoteLabels(root, labels);
  return renderBlocks(root.children, { labels })
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Context {
  /** Note id (`footnote-1`) → label shown in the text (`1`). */
  labels: Map<string, string>;
}

function parse(html: string): Element {
  const root: Element = { tag: 'root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  const token = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)|</g;
  for (const m of html.matchAll(token)) {
    const top = stack[stack.length - 1]!;
    const [, closing, rawTag, rawAttrs, selfClosing, text] = m;
    if (text !== undefined) {
      top.children.push(decodeEntities(text));
    } else if (rawTag === undefined) {
      top.children.push('<'); // a stray "<" that starts no tag
    } else if (closing) {
      const tag = rawTag.toLowerCase();
      const at = stack.findLastIndex((e) => e.tag === tag);
      if (at > 0) stack.length = at;
    } else {
      const el: Element = { tag: rawTag.toLowerCase(), attrs: parseAttrs(rawAttrs ?? ''), children: [] };
      top.children.push(el);
      if (!selfClosing && !VOID.has(el.tag)) stack.push(el);
    }
  }
  return root;
}

function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g))
    attrs[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? '');
  return attrs;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[lower] ?? '';
  });
}

/** Mammoth links each note reference (`<a href="#footnote-1">[1]</a>`) to its note; the text is the label. */
function collectNoteLabels(node: Node, labels: Map<string, string>) {
  if (typeof node === 'string') return;
  const target = node.tag === 'a' ? (node.attrs.href ?? '').slice(1) : '';
  if (NOTE_ID.test(target)) labels.set(target, textOf(node).replace(/[[\]\s]/g, '') || target);
  for (const child of node.children) collectNoteLabels(child, labels);
}

function textOf(node: Node): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** Renders a run of nodes as blocks; loose inline content between blocks becomes its own paragraph. */
function renderBlocks(nodes: Node[], ctx: Context): string[] {
  const blocks: string[] = [];
  let inline: Node[] = [];
  const flushInline = () => {
    const text = paragraph(renderInline(inline, ctx));
    if (text) blocks.push(text);
    inline = [];
  };
  for (const node of nodes) {
    if (typeof node !== 'string' && BLOCK.has(node.tag)) {
      flushInline();
      const block = renderBlock(node, ctx);
      if (block) blocks.push(block);
    } else {
      inline.push(node);
    }
  }
  flushInline();
  return blocks;
}

function renderBlock(el: Element, ctx: Context): string {
  switch (el.tag) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': {
      const text = renderInline(el.children, ctx).replace(/\s+/g, ' ').trim();
      return text ? `${'#'.repeat(Number(el.tag[1]))} ${text}` : '';
    }
    case 'ul':
    case 'ol':
      return isNoteList(el) ? renderNotes(el, ctx) : renderList(el, ctx);
    case 'table':
      return renderTable(el, ctx);
    case 'blockquote':
      return renderBlocks(el.children, ctx)
        .join('\n\n')
        .split('\n')
        .map((l) => `> ${l}`.trimEnd())
        .join('\n');
    case 'pre':
      return `\`\`\`\n${textOf(el).replace(/\n+$/, '')}\n\`\`\``;
    case 'hr':
      return '---';
    default:
      return paragraph(renderInline(el.children, ctx));
  }
}

/**
 * Trims each line and escapes what would change meaning at a line start in
 * Markdown: a paragraph "# 1 priority" must not become a heading, nor "```" a code fence.
 */
function paragraph(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .map((l) => l.replace(/^(#{1,6}(\s|$)|```|~~~)/, '\\$1'))
    .join('\n');
}

function renderInline(nodes: Node[], ctx: Context): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += node.replace(/[ \t\r\n]+/g, ' ');
      continue;
    }
    const inner = () => renderInline(node.children, ctx);
    switch (node.tag) {
      case 'br':
        out += '\n';
        break;
      case 'strong':
      case 'b':
        out += wrap(inner(), '**');
        break;
      case 'em':
      case 'i':
        out += wrap(inner(), '*');
        break;
      case 'img':
        break;
      case 'a':
        out += renderLink(node, inner(), ctx);
        break;
      default:
        // u, s, sup, sub, span and unknown tags: their text, without markup.
        out += BLOCK.has(node.tag) ? ` ${renderBlock(node, ctx)} ` : inner();
    }
  }
  return out;
}

/** `**bold **` is not bold in Markdown: keep the spaces outside the markers. */
function wrap(text: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  if (!m?.[2]) return text;
  return `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

function renderLink(a: Element, text: string, ctx: Context): string {
  const href = a.attrs.href ?? '';
  if (href.startsWith('#')) {
    const target = href.slice(1);
    if (NOTE_ID.test(target)) return `[^${ctx.labels.get(target) ?? target}]`;
    if (/^(footnote|endnote|comment)-ref-\d+$/.test(target)) return ''; // the "↑" back link of a note
    return text;
  }
  if (/^(https?:|mailto:)/i.test(href) && text.trim())
    return text.trim() === href ? `<${href}>` : `[${text}](${href})`;
  return text;
}

function isNoteList(list: Element): boolean {
  const items = list.children.filter((c): c is Element => typeof c !== 'string' && c.tag === 'li');
  return items.length > 0 && items.every((li) => NOTE_ID.test(li.attrs.id ?? ''));
}

function renderNotes(list: Element, ctx: Context): string {
  return list.children
    .filter((c): c is Element => typeof c !== 'string' && c.tag === 'li')
    .map((li) => {
      const id = li.attrs.id ?? '';
      const text = renderBlocks(li.children, ctx).join(' ').replace(/\s+/g, ' ').trim();
      return `[^${ctx.labels.get(id) ?? id}]: ${text}`;
    })
    .join('\n');
}

function renderList(list: Element, ctx: Context): string {
  const lines: string[] = [];
  let n = 0;
  for (const li of list.children) {
    if (typeof li === 'string' || li.tag !== 'li') continue;
    n++;
    const marker = list.tag === 'ol' ? `${n}. ` : '- ';
    const body = renderBlocks(li.children, ctx).join('\n');
    const [first = '', ...rest] = body.split('\n');
    lines.push(`${marker}${first}`.trimEnd());
    const indent = ' '.repeat(marker.length);
    for (const line of rest) lines.push(line ? indent + line : '');
  }
  return lines.join('\n');
}

/**
 * Pipe tables need a rectangular grid: colspan repeats an empty cell,
 * rowspan leaves the cells below empty. The first row becomes the header row
 * (DOCX does not say which rows are headers reliably).
 */
function renderTable(table: Element, ctx: Context): string {
  const rows: Element[] = [];
  const collectRows = (el: Element) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'tr') rows.push(c);
      else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') collectRows(c);
    }
  };
  collectRows(table);
  const grid: string[][] = [];
  const pending: number[] = []; // per column: rows still covered by a rowspan above
  for (const tr of rows) {
    const row: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((pending[col] ?? 0) > 0) {
        pending[col] = (pending[col] ?? 0) - 1;
        row[col++] = '';
      }
    };
    for (const cell of tr.children) {
      if (typeof cell === 'string' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
      skipCovered();
      const text = renderBlocks(cell.children, ctx)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim()
        .replaceAll('|', '\\|');
      const span = Math.max(1, Number(cell.attrs.colspan) || 1);
      const down = Math.max(1, Number(cell.attrs.rowspan) || 1) - 1;
      for (let k = 0; k < span; k++) {
        if (down > 0) pending[col] = down;
        row[col++] = k === 0 ? text : '';
      }
    }
    skipCovered();
    grid.push(row);
  }
  const width = Math.max(0, ...grid.map((r) => r.length));
  if (width === 0 || grid.every((r) => r.every((c) => !c))) return '';
  if (width === 1) {
    // A one-column table is a text box or a layout frame in Word, not data: keep its text as paragraphs.
    return renderBlocksOfColumn(rows, ctx);
  }
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  const [header = [], ...body] = grid;
  return [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

function renderBlocksOfColumn(rows: Element[], ctx: Context): string {
  return rows
    .flatMap((tr) => tr.children)
    .filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
    .flatMap((cell) => renderBlocks(cell.children, ctx))
    .join('\n\n');
}
