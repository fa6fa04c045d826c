import type { AnalyticsOverview } from '@companero/contracts';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/**
 * Exports of an overview: CSV (one section), Excel (one sheet per section) and
 * a PDF report with the KPIs, charts drawn as vectors and the tables. They are
 * built from the overview the creator sees, so they hold only that creator's
 * figures.
 */

export type ExportSection =
  | 'kpis'
  | 'daily'
  | 'channels'
  | 'programs'
  | 'cohorts'
  | 'documents'
  | 'unanswered';
type Cell = string | number | null;
interface Table {
  section: ExportSection;
  title: string;
  columns: string[];
  rows: Cell[][];
}

const pct = (v: number | null) => (v == null ? null : Math.round(v * 1000) / 10);

export function tablesOf(o: AnalyticsOverview): Table[] {
  return [
    {
      section: 'kpis',
      title: 'KPIs',
      columns: ['metric', 'value', 'previous period', 'change %'],
      rows: o.kpis.map((k) => [k.key, k.value, k.previous, pct(k.delta)]),
    },
    {
      section: 'daily',
      title: o.period.granularity === 'hour' ? 'By hour' : 'By day',
      columns: [
        o.period.granularity === 'hour' ? 'hour' : 'day',
        'active users',
        'messages received',
        'messages sent',
        'conversations',
        'AI answers',
        'AI latency p95 (ms)',
        'handoffs',
        'thumbs up',
        'thumbs down',
        'negative',
        'neutral',
        'positive',
        `revenue (${o.currency ?? 'cents'})`,
      ],
      rows: o.series.map((s) => [
        s.at,
        s.activeUsers,
        s.messagesReceived,
        s.messagesSent,
        s.conversations,
        s.aiAnswers,
        s.latencyP95Ms,
        s.handoffs,
        s.feedbackUp,
        s.feedbackDown,
        s.sentimentNegative,
        s.sentimentNeutral,
        s.sentimentPositive,
        s.revenueCents / 100,
      ]),
    },
    {
      section: 'channels',
      title: 'Channels',
      columns: ['channel', 'messages received'],
      rows: o.channels.map((c) => [c.channel, c.messages]),
    },
    {
      section: 'programs',
      title: 'Programs',
      columns: [
        'program',
        'step',
        'enrolled',
        'completed',
        'drop-off %',
        'finished',
        'dropped',
        'completion %',
      ],
      rows: o.programs.flatMap((p) => [
        [p.name, null, p.enrolled, null, null, p.finished, p.dropped, pct(p.completionRate)],
        ...p.steps.map((s): Cell[] => [p.name, s.label, null, s.completed, pct(s.dropOff), null, null, null]),
      ]),
    },
    {
      section: 'cohorts',
      title: 'Weekly retention',
      columns: [
        'first week',
        'clients',
        ...Array.from(
          { length: Math.max(0, ...o.cohorts.map((c) => c.retention.length)) },
          (_, k) => `week ${k} %`,
        ),
      ],
      rows: o.cohorts.map((c) => [c.week, c.size, ...c.retention.map((r) => pct(r))]),
    },
    {
      section: 'documents',
      title: 'Most cited documents',
      columns: ['document', 'citations', 'followed by a thumbs up or a step'],
      rows: o.topDocuments.map((d) => [d.title ?? '(deleted)', d.citations, d.followedByPositive]),
    },
    {
      section: 'unanswered',
      title: 'Unanswered questions',
      columns: ['question', 'times asked', 'last asked'],
      rows: o.unansweredQuestions.map((u) => [u.question, u.count, u.lastAskedAt]),
    },
  ];
}

/** A cell as CSV: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
function csvCell(v: Cell): string {
  if (v == null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(o: AnalyticsOverview, section: ExportSection): string {
  const t = tablesOf(o).find((x) => x.section === section)!;
  const lines = [t.columns, ...t.rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`; // BOM: Excel opens UTF-8 (accents) correctly
}

export async function toXlsx(o: AnalyticsOverview): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Compañero';
  book.created = new Date();
  for (const t of tablesOf(o)) {
    const sheet = book.addWorksheet(t.title.slice(0, 31));
    sheet.addRow(t.columns).font = { bold: true };
    // Text that looks like a formula stays text: ExcelJS writes strings as strings, never as formulas.
    for (const r of t.rows) sheet.addRow(r.map((v) => v ?? undefined));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    sheet.columns.forEach((c, i) => {
      const longest = Math.max(t.columns[i]!.length, ...t.rows.map((r) => String(r[i] ?? '').length));
      c.width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const KPI_LABELS: Record<string, string> = {
  activeUsers: 'Active clients',
  conversations: 'Conversations',
  messagesReceived: 'Messages received',
  messagesPerUser: 'Messages per client',
  sessions: 'Sessions',
  avgSessionSeconds: 'Avg session (s)',
  aiAnswers: 'AI answers',
  latencyP50Ms: 'AI latency p50 (ms)',
  latencyP95Ms: 'AI latency p95 (ms)',
  satisfaction: 'Satisfaction',
  groundedness: 'Groundedness',
  noAnswerRate: 'No-answer rate',
  handoffRate: 'Handoff rate',
  programCompletionRate: 'Program completion',
  revenueCents: 'Revenue',
  mrrCents: 'MRR',
  activeSubscriptions: 'Active subscriptions',
  conversionRate: 'Conversion',
  churnRate: 'Churn',
  revenuePerUserCents: 'Revenue per client',
};
const RATES = new Set([
  'satisfaction',
  'groundedness',
  'noAnswerRate',
  'handoffRate',
  'programCompletionRate',
  'conversionRate',
  'churnRate',
]);

function formatKpi(key: string, v: number | null, currency: string | null): string {
  if (v == null) return '—';
  if (RATES.has(key)) return `${(v * 100).toFixed(1)} %`;
  if (key.endsWith('Cents'))
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency ?? 'EUR' }).format(v / 100);
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(1);
}

/** A PDF report: KPI grid, line and bar charts drawn as vectors, and the tables. */
export function toPdf(o: AnalyticsOverview): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: 'Analytics report', Author: 'Compañero' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 80;
  const p = o.period;
  doc.fontSize(18).fillColor('#111').text('Analytics report');
  doc
    .fontSize(10)
    .fillColor('#555')
    .text(`${p.from} to ${p.to} (${p.timeZone}); compared with ${p.previousFrom} to ${p.previousTo}`);
  doc.moveDown();

  // KPI grid: 4 per row.
  const cardW = width / 4;
  let y = doc.y;
  o.kpis.forEach((k, i) => {
    const x = 40 + (i % 4) * cardW;
    if (i % 4 === 0 && i > 0) y += 46;
    doc
      .fontSize(8)
      .fillColor('#666')
      .text(KPI_LABELS[k.key] ?? k.key, x, y, { width: cardW - 8 });
    doc
      .fontSize(13)
      .fillColor('#111')
      .text(formatKpi(k.key, k.value, o.currency), x, y + 11, { width: cardW - 8 });
    if (k.delta != null)
      doc
        .fontSize(8)
        .fillColor(k.delta >= 0 ? '#1a7f37' : '#c62828')
        .text(`${k.delta >= 0 ? '+' : ''}${(k.delta * 100).toFixed(1)} %`, x, y + 28, { width: cardW - 8 });
  });
  doc.y = y + 56;
  doc.x = 40;

  lineChart(
    doc,
    'Active clients and messages received',
    o.series.map((s) => s.at),
    [
      { label: 'Active clients', color: '#2563eb', values: o.series.map((s) => s.activeUsers) },
      { label: 'Messages received', color: '#16a34a', values: o.series.map((s) => s.messagesReceived) },
    ],
  );
  lineChart(
    doc,
    'AI answers',
    o.series.map((s) => s.at),
    [
      { label: 'AI answers', color: '#9333ea', values: o.series.map((s) => s.aiAnswers) },
      { label: 'Handoffs', color: '#dc2626', values: o.series.map((s) => s.handoffs) },
    ],
  );
  barChart(
    doc,
    'Messages by channel',
    o.channels.map((c) => ({ label: c.channel, value: c.messages })),
  );

  for (const t of tablesOf(o).filter((x) => x.section !== 'daily' && x.section !== 'kpis')) {
    if (!t.rows.length) continue;
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.x = 40;
    doc.moveDown().fontSize(12).fillColor('#111').text(t.title);
    table(doc, t);
  }
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function lineChart(
  doc: Doc,
  title: string,
  labels: string[],
  lines: { label: string; color: string; values: number[] }[],
) {
  const h = 120;
  if (doc.y + h + 40 > doc.page.height - 40) doc.addPage();
  const x0 = 40;
  const w = doc.page.width - 80;
  doc.x = x0;
  doc.fontSize(11).fillColor('#111').text(title);
  const top = doc.y + 4;
  const max = Math.max(1, ...lines.flatMap((l) => l.values));
  doc.lineWidth(0.5).strokeColor('#ddd');
  for (let g = 0; g <= 4; g++) {
    const gy = top + h - (h * g) / 4;
    doc
      .moveTo(x0 + 30, gy)
      .lineTo(x0 + w, gy)
      .stroke();
    doc
      .fontSize(7)
      .fillColor('#888')
      .text(String(Math.round((max * g) / 4)), x0, gy - 3, { width: 26, align: 'right' });
  }
  const n = labels.length;
  const xAt = (i: number) => x0 + 30 + (n > 1 ? ((w - 30) * i) / (n - 1) : (w - 30) / 2);
  for (const l of lines) {
    doc.lineWidth(1.5).strokeColor(l.color);
    l.values.forEach((v, i) => {
      const py = top + h - (h * v) / max;
      if (i === 0) doc.moveTo(xAt(i), py);
      else doc.lineTo(xAt(i), py);
    });
    if (n === 1) doc.circle(xAt(0), top + h - (h * l.values[0]!) / max, 2).fill(l.color);
    else doc.stroke();
  }
  if (n) {
    doc.fontSize(7).fillColor('#888');
    doc.text(labels[0]!, x0 + 30, top + h + 3, { lineBreak: false });
    doc.text(labels[n - 1]!, x0 + w - 80, top + h + 3, { width: 80, align: 'right', lineBreak: false });
  }
  let lx = x0 + 30;
  for (const l of lines) {
    doc.rect(lx, top + h + 14, 8, 8).fill(l.color);
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(l.label, lx + 11, top + h + 14, { lineBreak: false });
    lx += 20 + doc.widthOfString(l.label);
  }
  doc.x = x0;
  doc.y = top + h + 32;
}

function barChart(doc: Doc, title: string, bars: { label: string; value: number }[]) {
  if (!bars.length) return;
  const rowH = 16;
  if (doc.y + bars.length * rowH + 30 > doc.page.height - 40) doc.addPage();
  const x0 = 40;
  const w = doc.page.width - 80;
  doc.x = x0;
  doc.fontSize(11).fillColor('#111').text(title);
  const top = doc.y + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(b.label, x0, y + 3, { width: 80, lineBreak: false });
    doc.rect(x0 + 85, y, ((w - 140) * b.value) / max, rowH - 4).fill('#2563eb');
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(String(b.value), x0 + 90 + ((w - 140) * b.value) / max, y + 3, { lineBreak: false });
  });
  doc.x = x0;
  doc.y = top + bars.length * rowH + 8;
}

function table(doc: Doc, t: Table) {
  const x0 = 40;
  const w = doc.page.width - 80;
  const colW = w / t.columns.length;
  const row = (cells: Cell[], bold: boolean) => {
    if (doc.y > doc.page.height - 60) doc.addPage();
    const y = doc.y;
    let h = 0;
    cells.forEach((c, i) => {
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(8)
        .fillColor('#222')
        .text(c == null ? '' : String(c), x0 + i * colW, y, { width: colW - 4 });
      h = Math.max(h, doc.y - y);
    });
    doc.y = y + h + 2;
  };
  row(t.columns, true);
  for (const r of t.rows.slice(0, 60)) row(r, false);
  doc.font('Helvetica');
  doc.x = x0;
}
