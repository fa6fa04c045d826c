import { LOCALES, ProgramDefinitionSchema, SimulateBodySchema, validateProgram } from '@companero/contracts';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../engine/compile-program.ts';
import { simulateProgram } from '../engine/simulate.ts';
import { findTemplate, PROGRAM_TEMPLATES } from './index.ts';

const NOW = new Date('2026-03-02T09:00:00Z');

describe('program templates', () => {
  it('has at least five programs, each in every language', () => {
    const keys = [...new Set(PROGRAM_TEMPLATES.map((t) => t.key))];
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const key of keys) {
      for (const language of LOCALES) expect(findTemplate(key, language)?.language).toBe(language);
    }
    expect(findTemplate('nope', 'en')).toBeUndefined();
  });

  describe.each(PROGRAM_TEMPLATES.map((t) => [`${t.key} (${t.language})`, t] as const))(
    '%s',
    (_name, template) => {
      it('parses and validates', () => {
        expect(() => ProgramDefinitionSchema.parse(template.definition)).not.toThrow();
        const validation = validateProgram(template.definition);
        expect(validation.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(validation.valid).toBe(true);
        expect(template.name).not.toBe('');
        expect(template.description.length).toBeGreaterThan(40);
      });

      it('labels every node and lays nodes out on distinct positions, top to bottom', () => {
        const positions = template.definition.nodes.map((n) => `${n.position.x},${n.position.y}`);
        expect(new Set(positions).size).toBe(positions.length);
        for (const n of template.definition.nodes) expect(n.data.label, n.id).toBeTruthy();
        const start = template.definition.nodes.find((n) => n.type === 'start')!;
        for (const n of template.definition.nodes)
          expect(n.position.y).toBeGreaterThanOrEqual(start.position.y);
      });

      it('every node is reachable by some answers, and some run completes', () => {
        const body = SimulateBodySchema.parse({
          mode: 'all_branches',
          user: { name: 'Alex Doe', language: template.language, timeZone: 'Europe/Madrid' },
        });
        const result = simulateProgram(template.definition, body, NOW);
        expect(result.validation.valid).toBe(true);
        expect(result.unreachedNodeIds).toEqual([]);
        expect(result.runs.some((r) => r.outcome === 'completed')).toBe(true);
        expect(result.runs.every((r) => r.outcome === 'completed')).toBe(true);
      });

      it('has progress from 0 at the start to 100 at the ends', () => {
        const program = compileProgram(template.definition);
        expect(program.progress.get(program.startNodeId)).toBe(0);
        for (const n of template.definition.nodes) {
          const p = program.progress.get(n.id)!;
          if (n.type === 'end') expect(p).toBe(100);
          else if (n.type !== 'start') expect(p).toBeGreaterThan(0);
        }
      });
    },
  );
});
