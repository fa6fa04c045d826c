import { describe, expect, it } from 'vitest';
import { MEMORY_FACT_RULES } from './memory-fact-rules.ts';
import { extractMemoryFacts, type MemoryFact } from './memory-facts.ts';
import { normalizeText } from './normalize.ts';

type Example = [text: string, facts: MemoryFact[]];
const fact = (key: MemoryFact['key'], value: string, text: string): MemoryFact => ({
  kind: 'fact',
  key,
  value,
  text,
});
const preference = (key: MemoryFact['key'], value: string, text: string): MemoryFact => ({
  kind: 'preference',
  key,
  value,
  text,
});
const goal = (value: string, text: string): MemoryFact => ({ kind: 'goal', key: 'goal', value, text });

const ENGLISH: Example[] = [
  ['my name is ana', [fact('name', 'Ana', 'Name: Ana')]],
  ['Call me Ana, please', [fact('name', 'Ana', 'Name: Ana')]],
  [
    "Hi, I'm Ana and I want to lose 5 kg by summer.",
    [fact('name', 'Ana', 'Name: Ana'), goal('lose 5 kg by summer', 'Goal: lose 5 kg by summer')],
  ],
  ['My goal is to run a 10k!', [goal('run a 10k', 'Goal: run a 10k')]],
  [
    "I'm training for a half marathon in May",
    [goal('a half marathon in May', 'Training for a half marathon in May')],
  ],
  [
    'I prefer morning workouts',
    [preference('preferred_time', 'morning workouts', 'Prefers morning workouts')],
  ],
  ["I don't like running tbh", [preference('dislikes', 'running', 'Dislikes running')]],
  ['I love cooking 😍', [preference('likes', 'cooking', 'Likes cooking')]],
  [
    "I'm vegetarian and I'm allergic to nuts, shellfish and eggs.",
    [
      preference('diet', 'vegetarian', 'Vegetarian'),
      fact('allergy', 'nuts, shellfish and eggs', 'Allergic to nuts, shellfish and eggs'),
    ],
  ],
  ['I have a nut allergy', [fact('allergy', 'nut', 'Nut allergy')]],
  ['I have a bad knee', [fact('injury', 'bad knee', 'Bad knee')]],
  ['I sprained my ankle last week', [fact('injury', 'sprained ankle', 'Sprained ankle')]],
  [
    'I live in Madrid with my wife, I work nights.',
    [fact('location', 'Madrid', 'Lives in Madrid'), fact('schedule', 'nights', 'Works nights')],
  ],
  [
    "I'm 34 years old and I'm lactose intolerant",
    [fact('age', '34', '34 years old'), fact('intolerance', 'lactose intolerant', 'Lactose intolerant')],
  ],
  ["I'm on CET", [fact('time_zone', 'CET', 'Time zone: CET')]],
  ['I work as a nurse', [fact('occupation', 'nurse', 'Works as a nurse')]],
  [
    "I don't eat meat and I'm a night owl",
    [preference('diet', 'meat', "Doesn't eat meat"), fact('schedule', 'night owl', 'Night owl')],
  ],
  ['I have tendinitis in my elbow', [fact('injury', 'tendinitis in the elbow', 'Tendinitis in the elbow')]],
];

const SPANISH: Example[] = [
  ['Me llamo Ana', [fact('name', 'Ana', 'Nombre: Ana')]],
  ['me llamo ana garcía', [fact('name', 'Ana García', 'Nombre: Ana García')]],
  [
    'Hola, soy Ana y quiero bajar 5 kilos.',
    [fact('name', 'Ana', 'Nombre: Ana'), goal('bajar 5 kilos', 'Objetivo: bajar 5 kilos')],
  ],
  [
    'Mi objetivo es correr una media maratón',
    [goal('correr una media maratón', 'Objetivo: correr una media maratón')],
  ],
  ['Estoy entrenando para una maratón', [goal('una maratón', 'Entrenando para una maratón')]],
  [
    'Prefiero entrenar por la mañana',
    [preference('preferred_time', 'entrenar por la mañana', 'Prefiere entrenar por la mañana')],
  ],
  ['No me gusta correr', [preference('dislikes', 'correr', 'No le gusta correr')]],
  ['Me encanta nadar 🏊', [preference('likes', 'nadar', 'Le encanta nadar')]],
  ['Sí, soy vegetariana', [preference('diet', 'vegetariana', 'Vegetariana')]],
  ['Soy alérgica a los frutos secos', [fact('allergy', 'frutos secos', 'Alérgica a los frutos secos')]],
  ['Tengo una lesión en la rodilla', [fact('injury', 'lesión en la rodilla', 'Lesión en la rodilla')]],
  ['Me torcí el tobillo la semana pasada', [fact('injury', 'se torció el tobillo', 'Se torció el tobillo')]],
  [
    'Soy vegetariana, vivo en Sevilla y trabajo por turnos',
    [
      preference('diet', 'vegetariana', 'Vegetariana'),
      fact('location', 'Sevilla', 'Vive en Sevilla'),
      fact('schedule', 'por turnos', 'Trabaja por turnos'),
    ],
  ],
  [
    'vivo en ciudad de méxico con mi novio',
    [fact('location', 'Ciudad de México', 'Vive en Ciudad de México')],
  ],
  ['Trabajo de noche', [fact('schedule', 'de noche', 'Trabaja de noche')]],
  ['Tengo 34 años', [fact('age', '34', '34 años')]],
  [
    'Soy intolerante a la lactosa',
    [fact('intolerance', 'intolerante a la lactosa', 'Intolerante a la lactosa')],
  ],
  [
    'No como carne y soy muy madrugadora',
    [preference('diet', 'carne', 'No come carne'), fact('schedule', 'madrugadora', 'Madrugadora')],
  ],
  ['Tengo la rodilla mal', [fact('injury', 'la rodilla mal', 'Tiene la rodilla mal')]],
  ['Mi zona horaria es CET', [fact('time_zone', 'CET', 'Zona horaria: CET')]],
];

// Questions, hypotheticals, denials, other people and feedback on the coaching: nothing to remember.
const ENGLISH_NOTHING = [
  'Is my goal realistic?',
  'If I were vegetarian, what would I eat?',
  "I'm not vegetarian",
  'My wife is allergic to nuts',
  'I like your plan!',
  'call me tomorrow',
  'I want to run today but it is raining',
  "I'm tired",
  "I'm going to lose my mind with this schedule",
];

const SPANISH_NOTHING = [
  '¿Es realista mi objetivo?',
  'Si fuera vegetariana comería tofu',
  'No soy vegetariana',
  'Ya no vivo en Madrid',
  'Me gusta tu plan',
  'Mi hermana quiere bajar 5 kilos',
  'Tengo 2 años entrenando',
  'Soy de las que entrenan poco',
  'Me llamó la atención lo que dijiste',
];

describe('extractMemoryFacts', () => {
  it.each([
    ['English', ENGLISH],
    ['Spanish', SPANISH],
  ] as const)('extracts the expected facts from %s messages', (_, examples) => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    for (const [text, facts] of examples) expect(extractMemoryFacts(text), text).toEqual(facts);
  });

  it.each([
    ['English', ENGLISH_NOTHING],
    ['Spanish', SPANISH_NOTHING],
  ] as const)('extracts nothing from %s questions, hypotheticals and denials', (_, texts) => {
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const text of texts) expect(extractMemoryFacts(text), text).toEqual([]);
  });

  it('keeps facts in message order, so the later of two with the same key supersedes', () => {
    const facts = extractMemoryFacts('My goal is to run a 10k. Actually I want to run a marathon.');
    expect(facts.map((f) => f.value)).toEqual(['run a 10k', 'run a marathon']);
  });

  it('keeps statements that sit next to a question', () => {
    expect(extractMemoryFacts('Soy vegana ¿qué puedo desayunar?')).toEqual([
      preference('diet', 'vegana', 'Vegana'),
    ]);
  });

  it('uses only the rules of the language it is given', () => {
    expect(extractMemoryFacts('Vivo en Madrid', 'en')).toEqual([]);
    expect(extractMemoryFacts('Vivo en Madrid', 'es')).toHaveLength(1);
  });

  it('does not take a capitalised nationality or diet for a name', () => {
    expect(extractMemoryFacts("Hi, I'm Spanish")).toEqual([]);
    expect(extractMemoryFacts('Soy Vegetariana')).toEqual([preference('diet', 'Vegetariana', 'Vegetariana')]);
  });
});

// Hazard: a rule whose cue misses words its pattern needs never fires, and nothing else would notice.
describe('the memory fact rules', () => {
  const texts = [...ENGLISH, ...SPANISH].map(([text]) => normalizeText(text));

  it('have a cue that accepts every example their pattern matches', () => {
    for (const rule of MEMORY_FACT_RULES) {
      for (const text of texts) {
        if ([...text.matchAll(rule.pattern)].length > 0)
          expect(rule.cue.test(text), `${rule.pattern}`).toBe(true);
      }
    }
  });

  it('each fire on at least one example', () => {
    const silent = MEMORY_FACT_RULES.filter(
      (rule) => !texts.some((text) => [...text.matchAll(rule.pattern)].length > 0),
    );
    expect(silent.map((rule) => rule.pattern.source.slice(0, 60))).toEqual([]);
  });
});
