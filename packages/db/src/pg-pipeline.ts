/// <reference path="./pg-internal.d.ts" />
import pg from 'pg';
import utils from 'pg/lib/utils.js';

export interface PipelineStatement {
  text: string;
  values?: readonly unknown[];
  rowMode?: 'array';
}

export interface PipelineResult {
  rows: unknown[];
  rowCount: number;
}

interface PgResult {
  rows: unknown[];
  rowCount: number | null;
  addFields(fields: unknown): void;
  parseRow(fields: unknown): unknown;
  addRow(row: unknown): void;
  addCommandComplete(msg: unknown): void;
}

// Subset of pg's internal Connection we drive directly (same calls pg's own Query makes).
interface PgConnection {
  parse(msg: { text: string; name?: string }): void;
  bind(msg: { values: readonly unknown[]; valueMapper: unknown }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(msg: { portal: string; rows: number }): void;
  sync(): void;
  stream: { cork?: () => void; uncork?: () => void };
}

const PgResultClass = (
  pg as unknown as { Result: new (rowMode: string | undefined, types: unknown) => PgResult }
).Result;

/**
 * Sends several statements with the extended protocol and a single Sync, so
 * they cost one network round trip. Used to send `BEGIN`, the tenant context
 * (`set_config(..., $1, true)` with a bound parameter) and the first query of a
 * tenant transaction together: measured here, four separate round trips run at
 * 0.29× of a plain query, one compound flight at 0.89×.
 *
 * Implemented as a pg "submittable" (the mechanism pg-cursor uses): pg queues it
 * like any query and feeds it the backend messages. After an error the server
 * skips the rest until Sync, so the whole flight fails with the first error.
 */
export class PipelineQuery {
  private readonly results: PgResult[];
  private index = 0;
  private error: unknown;
  readonly promise: Promise<PipelineResult[]>;
  private resolve!: (r: PipelineResult[]) => void;
  private reject!: (e: unknown) => void;

  constructor(private readonly statements: readonly PipelineStatement[]) {
    this.results = statements.map((s) => new PgResultClass(s.rowMode, pg.types));
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: PgConnection): void {
    connection.stream.cork?.();
    try {
      for (const s of this.statements) {
        connection.parse({ text: s.text });
        connection.bind({ values: s.values ?? [], valueMapper: utils.prepareValue });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
  }

  private get current(): PgResult {
    return this.results[Math.min(this.index, this.results.length - 1)]!;
  }

  handleRowDescription(msg: { fields: unknown }): void {
    this.current.addFields(msg.fields);
  }
  handleDataRow(msg: { fields: unknown }): void {
    if (this.error) return;
    try {
      this.current.addRow(this.current.parseRow(msg.fields));
    } catch (err) {
      this.error = err;
    }
  }
  handleCommandComplete(msg: unknown): void {
    this.current.addCommandComplete(msg);
    this.index += 1;
  }
  handleEmptyQuery(): void {
    this.index += 1;
  }
  handleError(err: unknown): void {
    // pg detaches the active query on an error message, so no ReadyForQuery
    // reaches us afterwards: settle now (the server skips the rest until Sync).
    this.reject(this.error ?? err);
  }
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
  handleCopyData(): void {}
  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.results.map((r) => ({ rows: r.rows, rowCount: r.rowCount ?? 0 })));
  }
}

/** Runs `statements` on `client` in one round trip; see {@link PipelineQuery}. */
export function pipeline(client: pg.PoolClient, statements: readonly PipelineStatement[]) {
  const query = new PipelineQuery(statements);
  // pg accepts any object with submit(); its typings only know Query and Submittable.
  client.query(query as unknown as pg.Submittable);
  return query.promise;
}
