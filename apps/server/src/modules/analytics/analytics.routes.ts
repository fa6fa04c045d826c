import {
  AnalyticsExportQuerySchema,
  AnalyticsOverviewSchema,
  AnalyticsPeriodQuerySchema,
  IngestEventsBodySchema,
  IngestEventsResultSchema,
  LiveCountersSchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Analytics } from './analytics.service.ts';
import { toCsv, toPdf, toXlsx } from './analytics-export.ts';
import type { AnalyticsOverviewService } from './analytics-overview.ts';
import type { AnalyticsRollup } from './analytics-rollup.ts';

const RerunBodySchema = z
  .strictObject({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .refine((b) => Date.parse(b.from) < Date.parse(b.to), { path: ['to'], message: 'to must be after from' });

export const analyticsRoutes =
  ({
    analytics,
    overview,
    rollup,
  }: {
    analytics: Analytics;
    overview: AnalyticsOverviewService;
    rollup: AnalyticsRollup;
  }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['analytics'];
    app.post(
      '/analytics/events',
      {
        config: { auth: 'analytics:write' },
        schema: {
          tags,
          summary: 'Record a batch of events (apps); each is validated against the catalog on its own',
          description:
            'Answers 202 with how many were stored and, for each refused event, its position and the reason. ' +
            'A bad event never drops the good ones of its batch.',
          body: IngestEventsBodySchema,
          response: { 202: IngestEventsResultSchema },
        },
      },
      async (req, reply) =>
        reply.status(202).send(await analytics.ingest(req.tenant.creatorId, req.body.events)),
    );
    app.get(
      '/analytics/live',
      {
        config: { auth: 'analytics:read' },
        schema: {
          tags,
          summary: 'Live counts of this hour and today (UTC) per event type',
          response: { 200: LiveCountersSchema },
        },
      },
      (req) => analytics.live(req.tenant.creatorId),
    );
    app.get(
      '/analytics/overview',
      {
        config: { auth: 'analytics:read' },
        schema: {
          tags,
          summary: 'KPIs, series, funnels, cohorts and content of a period, in the creator’s time zone',
          description:
            'Each KPI comes with the previous period of equal length. Read from the roll-ups, which are brought ' +
            'up to date first; cached until the next roll-up.',
          querystring: AnalyticsPeriodQuerySchema,
          response: { 200: AnalyticsOverviewSchema },
        },
      },
      (req) => overview.overview(req.tenant.creatorId, req.query),
    );
    app.get(
      '/analytics/export',
      {
        config: { auth: 'analytics:read' },
        schema: {
          tags,
          summary:
            'Download the overview of a period as CSV (one section), Excel (a sheet per section) or a PDF report',
          querystring: AnalyticsExportQuerySchema,
        },
      },
      async (req, reply) => {
        const { format, section, ...period } = req.query;
        const o = await overview.overview(req.tenant.creatorId, period);
        const name = `analytics-${o.period.from}-to-${o.period.to}`;
        const file =
          format === 'csv'
            ? { body: toCsv(o, section), type: 'text/csv; charset=utf-8', filename: `${name}-${section}.csv` }
            : format === 'xlsx'
              ? {
                  body: await toXlsx(o),
                  type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                  filename: `${name}.xlsx`,
                }
              : { body: await toPdf(o), type: 'application/pdf', filename: `${name}.pdf` };
        return reply
          .type(file.type)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(file.body);
      },
    );
    app.post(
      '/analytics/rollups',
      {
        config: { auth: 'analytics:write' },
        schema: {
          tags,
          summary: 'Recompute the roll-ups of a time window from the raw events',
          description:
            'Roll-ups follow new and late events by themselves; this re-runs a window on demand (after an import, ' +
            'say). Running it twice gives the same figures.',
          body: RerunBodySchema,
          response: {
            200: z.object({ hours: z.number().int(), days: z.number().int(), version: z.number().int() }),
          },
        },
      },
      async (req) => {
        const r = await rollup.rollUp(req.tenant.creatorId, {
          window: { from: new Date(req.body.from), to: new Date(req.body.to) },
        });
        return { hours: r.hours, days: r.days, version: r.version };
      },
    );
  };
