import { describe, expect, it } from 'vitest';
import { type CrisisKind, crisisResponse, detectCrisis } from './crisis.ts';
import type { ChatLanguage } from './detect-language.ts';

type Positive = [text: string, kind: CrisisKind, matched: string];

const ENGLISH_CRISES: Positive[] = [
  ['I want to die', 'self_harm', 'want to die'],
  ["honestly I just wanna die, I can't do this anymore", 'self_harm', 'wanna die'],
  ["I'm going to kill myself", 'self_harm', 'going to kill myself'],
  ['sometimes I think about how to end my life', 'self_harm', 'end my life'],
  ['There is no reason to live anymore', 'self_harm', 'no reason to live'],
  ["I've been thinking about hurting myself again", 'self_harm', 'thinking about hurting myself'],
  ['I feel suicidal tonight', 'self_harm', 'suicidal'],
  ["I don't want to live like this anymore", 'self_harm', "don't want to live"],
  ['Everyone would be better off without me', 'self_harm', 'better off without me'],
  ['I’m having chest pain after the run', 'medical_emergency', 'chest pain'],
  ['I CANT BREATHE', 'medical_emergency', 'CANT BREATHE'],
  ['I fainted in the shower this morning', 'medical_emergency', 'fainted'],
  ['I think I took an overdose of my pills', 'medical_emergency', 'overdose'],
  ["I think I'm having a heart attack", 'medical_emergency', 'heart attack'],
  ['my dad is having a stroke, his face is drooping', 'medical_emergency', 'having a stroke'],
  ['Someone is hurting me', 'violence', 'Someone is hurting me'],
  ['my boyfriend hit me again last night', 'violence', 'my boyfriend hit me'],
  ["I'm scared he will kill me", 'violence', 'scared he will kill me'],
  ["I don't feel safe at home", 'violence', "I don't feel safe at home"],
];

const SPANISH_CRISES: Positive[] = [
  ['quiero morir', 'self_harm', 'quiero morir'],
  ['A veces me quiero morir', 'self_harm', 'me quiero morir'],
  ['no puedo más, me quiero matar', 'self_harm', 'me quiero matar'],
  ['he pensado en quitarme la vida', 'self_harm', 'quitarme la vida'],
  ['Siento que no vale la pena vivir', 'self_harm', 'no vale la pena vivir'],
  ['tengo ganas de hacerme daño', 'self_harm', 'ganas de hacerme daño'],
  ['He tenido pensamientos de suicidio', 'self_harm', 'suicidio'],
  ['no se quiero morirme ya', 'self_harm', 'quiero morirme'],
  ['ya no quiero vivir', 'self_harm', 'no quiero vivir'],
  ['Quiero estar muerta', 'self_harm', 'Quiero estar muerta'],
  ['Tengo un dolor fuerte en el pecho', 'medical_emergency', 'dolor fuerte en el pecho'],
  ['no puedo respirar bien', 'medical_emergency', 'no puedo respirar'],
  ['Me desmayé en el gimnasio', 'medical_emergency', 'Me desmayé'],
  ['creo que es una sobredosis', 'medical_emergency', 'sobredosis'],
  ['Creo que mi padre está teniendo un infarto', 'medical_emergency', 'infarto'],
  ['Mi pareja me está pegando', 'violence', 'me está pegando'],
  ['mi novio me pegó otra vez', 'violence', 'mi novio me pegó'],
  ['Tengo miedo de que me mate', 'violence', 'miedo de que me mate'],
  ['No me siento segura en casa', 'violence', 'No me siento segura en casa'],
];

// Everyday talk that borrows the words of a crisis: each one must stay quiet.
const ENGLISH_HARMLESS = [
  'This workout is killing me',
  "I'm dying to try the new recipe",
  'Those killer abs though 🔥',
  'This chocolate cake is to die for',
  'I was dying of laughter at the class',
  "I'm going to die on this hill",
  'I hurt myself lifting yesterday, my back is sore',
  "I don't want to die young, so I'm taking my health seriously",
  'We did suicide sprints at practice today',
  'Chest day was brutal',
  'My chest is sore from bench press',
  "I can't breathe through my nose, I have a cold",
  'I was laughing so hard I can’t breathe',
  'Can you overdose on caffeine?',
  'This burger is a heart attack on a plate',
  'You almost gave me a heart attack with that plan',
  'My swim stroke is getting better',
  'My trainer hit me with a brutal leg day',
  'I want to take my life back and get healthy',
  'No chest pain, just tired legs',
];

const SPANISH_HARMLESS = [
  'Me muero de ganas de empezar',
  'Esta profe me mata de risa',
  'Este entrenamiento me está matando',
  'Me muero de hambre',
  'me quiero morir de la vergüenza jaja',
  'Estoy muerta después de la clase',
  'Me hice daño en la rodilla corriendo',
  'No quiero hacerme daño con las pesas',
  'Hoy toca día de pecho',
  'Casi me da un infarto cuando vi la báscula',
  'Me va a dar un infarto con esta rutina',
  'Casi me desmayo de la risa',
  'No puedo respirar por la nariz, estoy resfriada',
  'Quiero acabar con todo el plan antes del verano',
  'No quiero vivir en Madrid',
  'Mi jefe me amenazó con despedirme',
  'No tengo dolor en el pecho, solo en las piernas',
];

describe('detectCrisis', () => {
  it.each([
    ['English', 'en', ENGLISH_CRISES],
    ['Spanish', 'es', SPANISH_CRISES],
  ] as const)('finds every %s crisis, with its kind and the words as typed', (_, language, cases) => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const kind of ['self_harm', 'medical_emergency', 'violence'] as const) {
      expect(cases.some(([, k]) => k === kind)).toBe(true);
    }
    for (const [text, kind, matched] of cases) {
      expect(detectCrisis(text), text).toEqual({ kind, matched, language });
    }
  });

  it.each([
    ['English', ENGLISH_HARMLESS],
    ['Spanish', SPANISH_HARMLESS],
  ] as const)('stays quiet on %s hyperbole and injuries', (_, cases) => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const text of cases) expect(detectCrisis(text), text).toBeNull();
  });

  it('ignores accents, case, apostrophes and spacing', () => {
    expect(detectCrisis('Me   QUIERO   MATAR')?.kind).toBe('self_harm');
    expect(detectCrisis('me desmaye ayer')?.kind).toBe('medical_emergency');
    expect(detectCrisis('i cant breathe')?.kind).toBe('medical_emergency');
    expect(detectCrisis('I can’t breathe')?.kind).toBe('medical_emergency');
  });

  it('still finds a crisis after a negated mention of it', () => {
    expect(detectCrisis("I don't want to die. But some days I want to die")).toMatchObject({
      kind: 'self_harm',
      matched: 'want to die',
    });
  });

  it('ranks self-harm above a medical emergency in the same message', () => {
    expect(detectCrisis('I have chest pain and I want to die')?.kind).toBe('self_harm');
  });

  it('finds nothing in ordinary coaching messages', () => {
    for (const text of ['', 'What time is the session on Monday?', '¿Cuántas calorías tiene un plátano?']) {
      expect(detectCrisis(text)).toBeNull();
    }
  });
});

describe('crisisResponse', () => {
  const kinds: CrisisKind[] = ['self_harm', 'medical_emergency', 'violence'];
  const languages: ChatLanguage[] = ['en', 'es'];
  const cases = kinds.flatMap((kind) => languages.map((lang) => [kind, lang] as const));

  it.each(cases)('names the emergency numbers and the coach (%s, %s)', (kind, lang) => {
    const text = crisisResponse(kind, lang, { creatorName: 'Lucía Pérez' });
    expect(text).toContain('112');
    expect(text).toContain('911');
    expect(text).toContain('Lucía Pérez');
    if (kind === 'self_harm') {
      expect(text).toContain('988');
      expect(text).toContain('024');
    }
    if (kind === 'violence') expect(text).toContain('016');
  });

  it('answers in the language asked for', () => {
    expect(crisisResponse('self_harm', 'en', { creatorName: 'Ana' })).toMatch(/please/i);
    expect(crisisResponse('self_harm', 'es', { creatorName: 'Ana' })).toMatch(/por favor/i);
  });

  it('falls back to a generic name when the coach has none', () => {
    expect(crisisResponse('violence', 'en', { creatorName: '  ' })).toContain('your coach');
    expect(crisisResponse('violence', 'es', { creatorName: '' })).toContain('tu coach');
  });

  it('gives no medical instructions', () => {
    for (const [kind, lang] of cases) {
      expect(crisisResponse(kind, lang, { creatorName: 'Ana' })).not.toMatch(
        /aspirin|aspirina|lie down|túmbate|acuéstate|dose|dosis|CPR|RCP/i,
      );
    }
  });
});
