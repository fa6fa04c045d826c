import {
  CreateProgramBodySchema,
  EnrollBodySchema,
  EnrollmentDetailSchema,
  EnrollmentInputBodySchema,
  EnrollmentSchema,
  IdParamsSchema,
  ListEnrollmentsQuerySchema,
  ListProgramsQuerySchema,
  MigrateEnrollmentsBodySchema,
  MigrateEnrollmentsResultSchema,
  ProgramDefinitionSchema,
  ProgramSchema,
  ProgramStatsSchema,
  ProgramSummarySchema,
  ProgramTemplateSchema,
  ProgramValidationSchema,
  ProgramVersionDetailSchema,
  ProgramVersionParamsSchema,
  ProgramVersionSchema,
  PublishProgramBodySchema,
  pageOf,
  SimulateBodySchema,
  SimulationResultSchema,
  StepResultSchema,
  UpdateProgramBodySchema,
} from '@companero/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProgramsService } from './programs.service.ts';

export const programsRoutes =
  ({ programs }: { programs: ProgramsService }): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['programs'];
    app.get(
      '/program-templates',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'Ready-made programs (English and Spanish), to create in one click',
          response: { 200: z.array(ProgramTemplateSchema) },
        },
      },
      () => programs.templates(),
    );
    app.get(
      '/programs',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'List programs (most recently changed first)',
          querystring: ListProgramsQuerySchema,
          response: { 200: pageOf(ProgramSummarySchema) },
        },
      },
      (req) => programs.list(req.tenant, req.query),
    );
    app.post(
      '/programs',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary: 'Create a program: blank, from a template (`templateKey`) or from a definition',
          body: CreateProgramBodySchema,
          response: { 201: ProgramSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await programs.create(req.tenant, req.body)),
    );
    app.post(
      '/programs/validate',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'Validate a program definition without saving it',
          body: z.strictObject({ definition: ProgramDefinitionSchema }),
          response: { 200: ProgramValidationSchema },
        },
      },
      (req) => programs.validate(req.body.definition),
    );
    app.get(
      '/programs/:id',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'Get a program with its draft and the draft’s validation',
          params: IdParamsSchema,
          response: { 200: ProgramSchema },
        },
      },
      (req) => programs.get(req.tenant, req.params.id),
    );
    app.patch(
      '/programs/:id',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary:
            'Rename, archive, or save the draft (with the `draftRevision` it started from; 409 if it moved on)',
          params: IdParamsSchema,
          body: UpdateProgramBodySchema,
          response: { 200: ProgramSchema },
        },
      },
      (req) => programs.update(req.tenant, req.params.id, req.body),
    );
    app.delete(
      '/programs/:id',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary: 'Delete a program, its versions and its enrollments',
          params: IdParamsSchema,
        },
      },
      async (req, reply) => {
        await programs.delete(req.tenant, req.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/programs/:id/publish',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary:
            'Publish the draft as a new frozen version (422 PROGRAM_INVALID with the errors if it has any)',
          params: IdParamsSchema,
          body: PublishProgramBodySchema,
          response: { 201: ProgramVersionSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await programs.publish(req.tenant, req.params.id, req.body)),
    );
    app.get(
      '/programs/:id/versions',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'Published versions, newest first, with how many users each has',
          params: IdParamsSchema,
          response: { 200: z.array(ProgramVersionSchema) },
        },
      },
      (req) => programs.versions(req.tenant, req.params.id),
    );
    app.get(
      '/programs/:id/versions/:version',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'One published version with its frozen definition',
          params: ProgramVersionParamsSchema,
          response: { 200: ProgramVersionDetailSchema },
        },
      },
      (req) => programs.version(req.tenant, req.params.id, req.params.version),
    );
    app.post(
      '/programs/:id/simulate',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary:
            'Run the draft (or a given definition) as a virtual user on a virtual clock; nothing is stored',
          params: IdParamsSchema,
          body: SimulateBodySchema,
          response: { 200: SimulationResultSchema },
        },
      },
      (req) => programs.simulate(req.tenant, req.params.id, req.body),
    );
    app.get(
      '/programs/:id/stats',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'Enrollments by status, completion rate and the per-step funnel with drop-off',
          params: IdParamsSchema,
          response: { 200: ProgramStatsSchema },
        },
      },
      (req) => programs.stats(req.tenant, req.params.id),
    );
    app.post(
      '/programs/:id/enrollments',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary: 'Enroll an end user in the latest published version and run it to its first pause',
          params: IdParamsSchema,
          body: EnrollBodySchema,
          response: { 201: StepResultSchema },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await programs.enroll(req.tenant, req.params.id, req.body)),
    );
    app.get(
      '/programs/:id/enrollments',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'Who is where: enrollments, most recently active first',
          params: IdParamsSchema,
          querystring: ListEnrollmentsQuerySchema,
          response: { 200: pageOf(EnrollmentSchema) },
        },
      },
      (req) => programs.enrollments(req.tenant, req.params.id, req.query),
    );
    app.post(
      '/programs/:id/enrollments/migrate',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary: 'Move live enrollments to another version, mapping moved or renamed steps',
          params: IdParamsSchema,
          body: MigrateEnrollmentsBodySchema,
          response: { 200: MigrateEnrollmentsResultSchema },
        },
      },
      (req) => programs.migrate(req.tenant, req.params.id, req.body),
    );
    app.get(
      '/enrollments/:id',
      {
        config: { auth: 'programs:read' },
        schema: {
          tags,
          summary: 'One enrollment with its step history',
          params: IdParamsSchema,
          response: { 200: EnrollmentDetailSchema },
        },
      },
      (req) => programs.enrollment(req.tenant, req.params.id),
    );
    app.post(
      '/enrollments/:id/input',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary: 'Apply a user’s reply to their program (once per `messageId`)',
          params: IdParamsSchema,
          body: EnrollmentInputBodySchema,
          response: { 200: StepResultSchema },
        },
      },
      async (req) => {
        const { enrollment, outputs, applied } = await programs.input(req.tenant, req.params.id, req.body);
        return { enrollment, outputs, applied };
      },
    );
    app.post(
      '/enrollments/:id/exit',
      {
        config: { auth: 'programs:write' },
        schema: {
          tags,
          summary: 'Remove a user from the program (their history stays)',
          params: IdParamsSchema,
          response: { 200: EnrollmentSchema },
        },
      },
      (req) => programs.exit(req.tenant, req.params.id),
    );
  };
