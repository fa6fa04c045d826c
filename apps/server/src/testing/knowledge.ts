import type { FastifyInstance } from 'fastify';
import { eventually } from './http.ts';

type Auth = { auth: { authorization: string } };

/** A multipart/form-data body, as a browser sends it. */
export function multipart(
  files: { name: string; content: string | Buffer }[],
  fields: Record<string, string> = {},
) {
  const boundary = `----companero${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * Uploads documents and waits until the worker has indexed every one (the
 * test app must run with `{ worker: true }`). Returns the document ids in order.
 */
export async function uploadAndIndex(
  app: FastifyInstance,
  who: Auth,
  files: { name: string; content: string | Buffer }[],
  fields: Record<string, string> = {},
): Promise<string[]> {
  const body = multipart(files, fields);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/knowledge/documents',
    headers: { ...who.auth, ...body.headers },
    payload: body.payload,
  });
  const result = res.json() as { accepted?: { id: string }[]; rejected?: unknown[] };
  if (res.statusCode !== 201 || result.rejected?.length) throw new Error(`upload failed: ${res.body}`);
  const ids = (result.accepted ?? []).map((d) => d.id);
  for (const id of ids)
    await eventually(async () => {
      const doc = (
        await app.inject({ method: 'GET', url: `/api/v1/knowledge/documents/${id}`, headers: who.auth })
      ).json();
      if (doc.status === 'failed') throw new Error(`ingestion failed: ${JSON.stringify(doc)}`);
      if (doc.status !== 'ready') throw new Error(`still ${doc.status}`);
    }, 20_000);
  return ids;
}
