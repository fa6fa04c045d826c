/**
 * Writes the small, self-made test files of the ingestion stage into this
 * folder. Run once after changing it (the outputs are committed, and are
 * byte-for-byte reproducible):
 *
 *   npx tsx apps/server/src/modules/knowledge/__fixtures__/generate-fixtures.ts
 *
 * All text is our own (short coaching notes in English and Spanish), so the
 * files carry no third-party licence. Files too big to commit (a 5 MB line)
 * are generated inside the tests instead.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { createZip } from '../ingestion/create-zip.ts';

const here = dirname(fileURLToPath(import.meta.url));
const write = (name: string, data: Uint8Array | string) => writeFileSync(join(here, name), data);
const utf8 = (s: string) => new TextEncoder().encode(s);

// ---------------------------------------------------------------- PDF

/** A page: a bold title, then paragraphs (each an array of already wrapped lines). */
interface PdfPage {
  title?: string;
  paragraphs: string[][];
}

const PDF_PAGES: PdfPage[] = [
  {
    title: 'Coaching Conversations: A Practical Guide',
    paragraphs: [
      [
        'A coaching conversation is a structured dialogue in which the coach helps the client',
        'think clearly about a goal. The coach does not give advice first; the coach asks',
        'questions that open options the client had not considered.',
      ],
      [
        'Good questions are short and open. They start with what, how or when, and they invite',
        'the client to describe rather than to justify. Why questions often sound like blame,',
        'so experienced coaches use them sparingly.',
      ],
      [
        'Listening matters as much as asking. Summarise what you heard in the client\u2019s own',
        'words before moving on; the client hears their idea again and often refines it.',
      ],
    ],
  },
  {
    title: 'The GROW model',
    paragraphs: [
      [
        'GROW stands for Goal, Reality, Options and Will. Start with the goal of the session,',
        'explore the current reality without judgement, list at least three options, and end',
        'with a commitment the client chooses: what will you do, and by when?',
      ],
      [
        'A session that ends without a concrete next step is a pleasant chat, not coaching.',
        'Write the next step down together, and open the following session by reviewing it.',
        'This long paragraph deliberately runs on so that it continues on the next page of',
      ],
    ],
  },
  {
    paragraphs: [
      ['the guide, which lets tests check chunks that start on one page and end on another.'],
      [
        'Preguntas poderosas: \u00bfqu\u00e9 quieres conseguir esta semana? \u00bfQu\u00e9 te lo impide?',
        'La persona que recibe el coaching encuentra sus propias respuestas; el acompa\u00f1amiento',
        'consiste en escuchar con atenci\u00f3n y en preguntar sin juzgar.',
      ],
    ],
  },
];

/** PDF literal string (encoded as WinAnsi, i.e. Windows-1252, when written): escape the three special characters. */
function pdfString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/**
 * A tiny, valid PDF 1.4 writer: standard Helvetica fonts (no embedding), one
 * content stream per page, a correct xref table. Enough for pdf.js to read
 * the text layer exactly as a real PDF's.
 */
function buildPdf(pages: PdfPage[]): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesId = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const page of pages) {
    const ops: string[] = [];
    let y = 770;
    if (page.title) {
      ops.push(`BT /F2 16 Tf 72 ${y} Td ${pdfString(page.title)} Tj ET`);
      y -= 30;
    }
    for (const paragraph of page.paragraphs) {
      for (const line of paragraph) {
        ops.push(`BT /F1 11 Tf 72 ${y} Td ${pdfString(line)} Tj ET`);
        y -= 14;
      }
      y -= 12; // paragraph spacing: what the extractor turns into a blank line
    }
    const stream = ops.join('\n');
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R >>`;
  objects[pagesId - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length); // one byte per character in Windows-1252
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(iconv.encode(out, 'windows-1252'));
}

// ---------------------------------------------------------------- DOCX

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string) => `<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${run(text)}</w:p>`;
const item = (text: string, numId: number) =>
  `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(text)}</w:p>`;
const table = (rows: string[][]) =>
  `<w:tbl>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;

/** The parts of a DOCX with a title, headings, lists, a table, a footnote and a tracked change. */
function docxParts(): { name: string; data: Uint8Array }[] {
  const body = [
    para('Coaching Plan for Spring', 'Title'),
    para('Goals', 'Heading1'),
    `<w:p>${run('Three goals agreed in the first session')}<w:r><w:footnoteReference w:id="1"/></w:r>${run('.')}</w:p>`,
    item('Sleep seven to eight hours every night', 1),
    item('Walk thirty minutes after lunch', 1),
    item('Write a short journal entry on Sundays', 1),
    para('Weekly schedule', 'Heading2'),
    table([
      ['Day', 'Focus', 'Duration'],
      ['Monday', 'Review of the week', '45 minutes'],
      ['Thursday', 'Check-in call', '15 minutes'],
    ]),
    para('Next steps', 'Heading1'),
    item('Book the first session', 2),
    item('Share the journal template', 2),
    // A tracked change: "second" was deleted and "third" inserted; only the accepted text must be indexed.
    `<w:p>${run('We meet every ')}<w:del w:id="10" w:author="Coach" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">second </w:delText></w:r></w:del><w:ins w:id="11" w:author="Coach" w:date="2024-01-01T00:00:00Z">${run('third ')}</w:ins>${run('Monday of the month.')}</w:p>`,
  ].join('');
  return [
    {
      name: '[Content_Types].xml',
      data: utf8(
        xml(
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
            '<Default Extension="xml" ContentType="application/xml"/>' +
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>' +
            '</Types>',
        ),
      ),
    },
    {
      name: '_rels/.rels',
      data: utf8(
        xml(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
            '</Relationships>',
        ),
      ),
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: utf8(
        xml(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
            `<Relationship Id="rId2" Type="${REL}/numbering" Target="numbering.xml"/>` +
            `<Relationship Id="rId3" Type="${REL}/footnotes" Target="footnotes.xml"/>` +
            '</Relationships>',
        ),
      ),
    },
    {
      name: 'word/styles.xml',
      data: utf8(
        xml(
          `<w:styles ${W}>` +
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>' +
            '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>' +
            '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>' +
            '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>' +
            '</w:styles>',
        ),
      ),
    },
    {
      name: 'word/numbering.xml',
      data: utf8(
        xml(
          `<w:numbering ${W}>` +
            '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>' +
            '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
            '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
            '</w:numbering>',
        ),
      ),
    },
    {
      name: 'word/footnotes.xml',
      data: utf8(
        xml(
          `<w:footnotes ${W}>` +
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>' +
            `<w:footnote w:id="1">${para('Taken from our own intake questionnaire.')}</w:footnote>` +
            '</w:footnotes>',
        ),
      ),
    },
    { name: 'word/document.xml', data: utf8(xml(`<w:document ${W}><w:body>${body}</w:body></w:document>`)) },
  ];
}

/**
 * The same package, but word/document.xml is 12 MB of spaces inside the body:
 * it deflates to ~12 KB, a ratio near 1000:1, like a real zip bomb (which
 * would be gigabytes; the tests lower the limits instead).
 */
function zipBombParts(): { name: string; data: Uint8Array }[] {
  const padding = ' '.repeat(12 * 1024 * 1024);
  return docxParts().map((p) =>
    p.name === 'word/document.xml'
      ? {
          name: p.name,
          data: utf8(xml(`<w:document ${W}><w:body>${padding}${para('Boom')}</w:body></w:document>`)),
        }
      : p,
  );
}

// ---------------------------------------------------------------- text files

const ENGLISH_TXT = `Morning routine for busy coaches

Start the day before the inbox does. Ten minutes of quiet planning \u2014 not email \u2014 decides what the day is for.

Write down the three conversations that matter most today, and the one question you want each client to leave with.

Close the routine with a glass of water and a short walk; the body sets the pace the mind follows.
`;

const SPANISH_TXT = `Notas de la sesi\u00f3n con Mar\u00eda

\u00bfQu\u00e9 ha cambiado desde la \u00faltima sesi\u00f3n? Mar\u00eda cuenta que ya duerme m\u00e1s y que camina cada ma\u00f1ana con su perro.

El objetivo para el pr\u00f3ximo mes es preparar la presentaci\u00f3n del a\u00f1o sin trabajar los fines de semana. \u00a1Lo ha escrito ella misma!

Acordamos revisar el plan dentro de quince d\u00edas, a la misma hora.
`;

const MARKDOWN = `# Habit tracker

A small guide to tracking habits with a plain text file and a script.

## Setup

Create a file called \`habits.csv\` with one row per day. The script below reads it:

\`\`\`ts
// Count the days a habit was done.
# not a heading: this line is inside a code block
export function countDone(rows: string[][], habit: number): number {
  return rows.filter((row) => row[habit] === 'yes').length;
}
\`\`\`

## Weekly review

Every Sunday, look at the week:

- Which habit held every day?
- Which one slipped, and what got in the way?
- What is the smallest change that would help next week?

### Example

\`\`\`bash
# Print the last seven days
tail -n 7 habits.csv
\`\`\`

Keep the review short: ten minutes is enough.
`;

// ---------------------------------------------------------------- write

const pdf = buildPdf(PDF_PAGES);
write('coaching-guide.pdf', pdf);
write('coaching-guide-really-a-pdf.docx', pdf); // wrong extension: detection must go by content
write('coaching-plan.docx', createZip(docxParts(), { compress: true }));
write('zip-bomb.docx', createZip(zipBombParts(), { compress: true }));
write('morning-routine-utf8.txt', ENGLISH_TXT);
write('notas-sesion-latin1.txt', Buffer.from(SPANISH_TXT, 'latin1'));
write('habit-tracker.md', MARKDOWN);
write('empty.txt', '');
