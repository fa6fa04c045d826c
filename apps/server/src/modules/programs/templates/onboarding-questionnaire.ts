import type { Locale } from '@companero/contracts';
import { Flow, type ProgramTemplateEntry } from './flow.ts';

/**
 * Onboarding questionnaire: goal, experience, sleep, availability, start date, health and
 * motivation. Answers become variables and tags (goal, level, low sleep, health review);
 * a reported health condition is handed to the coach.
 */
const TEXT = {
  en: {
    branches: { low: 'Under 6 h' },
    labels: {
      start: 'Start',
      welcome: 'Welcome',
      ask_goal: 'Goal',
      ask_experience: 'Experience',
      tag_level: 'Tag: level',
      ask_sleep: 'Sleep',
      sleep_check: 'Under 6 hours?',
      tag_low_sleep: 'Tag: low sleep',
      msg_low_sleep: 'Sleep tip',
      ask_days: 'Days per week',
      ask_start: 'Start date',
      ask_health: 'Health',
      ask_health_detail: 'Health details',
      tag_health: 'Tag: health review',
      handoff: 'Coach review',
      ask_why: 'Motivation',
      summary: 'Summary',
      tag_onboarded: 'Tag: onboarded',
      completed_event: 'Onboarding completed',
      end: 'Done',
      tag_goal_weight: 'Tag: lose weight',
      tag_goal_strength: 'Tag: get stronger',
      tag_goal_energy: 'Tag: more energy',
      tag_goal_stress: 'Tag: less stress',
    },
    name: 'Onboarding Questionnaire',
    description:
      'Get to know a new client in about three minutes: goal, experience, sleep, availability, start date, health notes and motivation. Tags clients by their answers and flags health conditions for your review.',
    duration: '1 session (≈3 minutes)',
    welcome:
      "Welcome, {{user.firstName}}! Before we start, I'd like to get to know you. Just a few quick questions, about three minutes. Your answers help me tailor everything to you.",
    askGoal: "What's your main goal right now?",
    goals: {
      weight: { label: 'Lose weight', tag: 'goal-weight-loss' },
      strength: { label: 'Get stronger', tag: 'goal-strength' },
      energy: { label: 'More energy', tag: 'goal-energy' },
      stress: { label: 'Less stress', tag: 'goal-stress' },
    },
    askExperience: 'How much experience do you have with training or coaching?',
    levels: {
      beginner: { label: 'Just starting', value: 'beginner' },
      intermediate: { label: 'Some experience', value: 'intermediate' },
      advanced: { label: 'Very experienced', value: 'advanced' },
    },
    levelTag: 'level-{{experience}}',
    askSleep: 'On a typical night, how many hours do you sleep? (e.g. 7 or 6.5)',
    sleepRetry: 'Please reply with a number of hours between 0 and 24, for example 7 or 6.5.',
    lowSleepTag: 'low-sleep',
    lowSleep:
      "Noted. Sleep affects energy, mood and cravings, so we'll keep an eye on it. A consistent bedtime is one of the easiest levers to start with.",
    askDays: 'How many days a week can you realistically dedicate to your goal? (1 to 7)',
    askStart: 'When would you like to start? Reply "today", "tomorrow" or a date like 15/03/2026.',
    askHealth: 'Do you have any injury or health condition I should know about?',
    yes: 'Yes',
    no: 'No',
    askHealthDetail: 'Please tell me briefly what it is. This stays between you and your coach.',
    healthTag: 'health-review',
    handoffReason: 'New client {{user.name}} reported a health condition: {{health_notes}}',
    handoffMessage:
      'Thank you for telling me. Your coach will review this personally before planning anything intense.',
    askWhy: 'Last one: in one sentence, why does this goal matter to you now?',
    summary:
      'Here\'s what I have:\n• Goal: {{goal}}\n• Experience: {{experience}}\n• Sleep: {{sleep_hours}} h per night\n• Available: {{days_per_week}} days a week\n• Start date: {{start_date}}\n\nAnd your why: "{{why}}". Keep it close; it will carry you through the hard days.',
    onboardedTag: 'onboarded',
    end: "You're all set, {{user.firstName}}! I'll be in touch on your start date with your first steps.",
  },
  es: {
    branches: { low: 'Menos de 6 h' },
    labels: {
      start: 'Inicio',
      welcome: 'Bienvenida',
      ask_goal: 'Objetivo',
      ask_experience: 'Experiencia',
      tag_level: 'Etiqueta: nivel',
      ask_sleep: 'Sueño',
      sleep_check: '¿Menos de 6 horas?',
      tag_low_sleep: 'Etiqueta: poco sueño',
      msg_low_sleep: 'Consejo de sueño',
      ask_days: 'Días por semana',
      ask_start: 'Fecha de inicio',
      ask_health: 'Salud',
      ask_health_detail: 'Detalles de salud',
      tag_health: 'Etiqueta: revisar salud',
      handoff: 'Revisión del coach',
      ask_why: 'Motivación',
      summary: 'Resumen',
      tag_onboarded: 'Etiqueta: bienvenida completada',
      completed_event: 'Bienvenida completada',
      end: 'Fin',
      tag_goal_weight: 'Etiqueta: perder peso',
      tag_goal_strength: 'Etiqueta: ganar fuerza',
      tag_goal_energy: 'Etiqueta: más energía',
      tag_goal_stress: 'Etiqueta: menos estrés',
    },
    name: 'Cuestionario de bienvenida',
    description:
      'Conoce a un nuevo cliente en unos tres minutos: objetivo, experiencia, sueño, disponibilidad, fecha de inicio, salud y motivación. Etiqueta a cada cliente según sus respuestas y marca las condiciones de salud para que las revises.',
    duration: '1 sesión (≈3 minutos)',
    welcome:
      '¡Bienvenido/a, {{user.firstName}}! Antes de empezar, me gustaría conocerte. Son unas preguntas rápidas, unos tres minutos. Tus respuestas me ayudan a adaptarlo todo a ti.',
    askGoal: '¿Cuál es tu objetivo principal ahora mismo?',
    goals: {
      weight: { label: 'Perder peso', tag: 'objetivo-perder-peso' },
      strength: { label: 'Ganar fuerza', tag: 'objetivo-fuerza' },
      energy: { label: 'Más energía', tag: 'objetivo-energia' },
      stress: { label: 'Menos estrés', tag: 'objetivo-estres' },
    },
    askExperience: '¿Cuánta experiencia tienes con el entrenamiento o el coaching?',
    levels: {
      beginner: { label: 'Empiezo de cero', value: 'principiante' },
      intermediate: { label: 'Algo de experiencia', value: 'intermedio' },
      advanced: { label: 'Mucha experiencia', value: 'avanzado' },
    },
    levelTag: 'nivel-{{experience}}',
    askSleep: 'En una noche normal, ¿cuántas horas duermes? (p. ej. 7 o 6,5)',
    sleepRetry: 'Responde con un número de horas entre 0 y 24, por ejemplo 7 o 6,5.',
    lowSleepTag: 'poco-sueno',
    lowSleep:
      'Apuntado. El sueño influye en la energía, el ánimo y los antojos, así que lo vigilaremos. Acostarte siempre a la misma hora es una de las palancas más fáciles para empezar.',
    askDays: '¿Cuántos días a la semana puedes dedicar de verdad a tu objetivo? (del 1 al 7)',
    askStart: '¿Cuándo te gustaría empezar? Responde «hoy», «mañana» o una fecha como 15/03/2026.',
    askHealth: '¿Tienes alguna lesión o problema de salud que deba conocer?',
    yes: 'Sí',
    no: 'No',
    askHealthDetail: 'Cuéntame brevemente de qué se trata. Queda entre tu coach y tú.',
    healthTag: 'revisar-salud',
    handoffReason: 'Nuevo cliente {{user.name}} ha indicado un problema de salud: {{health_notes}}',
    handoffMessage:
      'Gracias por contármelo. Tu coach lo revisará personalmente antes de planificar nada intenso.',
    askWhy: 'La última: en una frase, ¿por qué es importante para ti este objetivo ahora?',
    summary:
      'Esto es lo que tengo:\n• Objetivo: {{goal}}\n• Experiencia: {{experience}}\n• Sueño: {{sleep_hours}} h por noche\n• Disponibilidad: {{days_per_week}} días a la semana\n• Fecha de inicio: {{start_date}}\n\nY tu porqué: «{{why}}». Tenlo presente; te sostendrá en los días difíciles.',
    onboardedTag: 'bienvenida-completada',
    end: '¡Todo listo, {{user.firstName}}! Te escribiré en tu fecha de inicio con tus primeros pasos.',
  },
} as const;

function build(language: Locale): ProgramTemplateEntry {
  const t = TEXT[language];
  const goalIds = ['weight', 'strength', 'energy', 'stress'] as const;
  const f = new Flow(t.labels)
    .node('start', 'start', {}, 0, 0)
    .node('welcome', 'message', { text: t.welcome }, 0, 1)
    .node(
      'ask_goal',
      'question',
      {
        prompt: t.askGoal,
        answerType: 'choice',
        variable: 'goal',
        display: 'list',
        choices: goalIds.map((id) => ({ id, label: t.goals[id].label })),
      },
      0,
      2,
    );
  goalIds.forEach((id, i) => {
    f.node(`tag_goal_${id}`, 'set', { addTags: [t.goals[id].tag] }, i - 1.5, 3);
  });
  f.node(
    'ask_experience',
    'question',
    {
      prompt: t.askExperience,
      answerType: 'choice',
      variable: 'experience',
      choices: (['beginner', 'intermediate', 'advanced'] as const).map((id) => ({ id, ...t.levels[id] })),
    },
    0,
    4,
  )
    .node('tag_level', 'set', { addTags: [t.levelTag] }, 0, 5)
    .node(
      'ask_sleep',
      'question',
      {
        prompt: t.askSleep,
        answerType: 'number',
        variable: 'sleep_hours',
        min: 0,
        max: 24,
        retryMessage: t.sleepRetry,
      },
      0,
      6,
    )
    .node(
      'sleep_check',
      'condition',
      {
        branches: [
          {
            id: 'low',
            label: t.branches.low,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'sleep_hours', op: 'lt', value: 6 }],
          },
        ],
      },
      0,
      7,
    )
    .node('tag_low_sleep', 'set', { addTags: [t.lowSleepTag] }, 1, 8)
    .node('msg_low_sleep', 'message', { text: t.lowSleep }, 1, 9)
    .node(
      'ask_days',
      'question',
      { prompt: t.askDays, answerType: 'number', variable: 'days_per_week', min: 1, max: 7 },
      0,
      10,
    )
    .node('ask_start', 'question', { prompt: t.askStart, answerType: 'date', variable: 'start_date' }, 0, 11)
    .node(
      'ask_health',
      'question',
      {
        prompt: t.askHealth,
        answerType: 'choice',
        variable: 'has_condition',
        choices: [
          { id: 'yes', label: t.yes, value: 'yes' },
          { id: 'no', label: t.no, value: 'no' },
        ],
      },
      0,
      12,
    )
    .node(
      'ask_health_detail',
      'question',
      { prompt: t.askHealthDetail, answerType: 'text', variable: 'health_notes', max: 1000 },
      1,
      13,
    )
    .node('tag_health', 'set', { addTags: [t.healthTag] }, 1, 14)
    .node('handoff', 'handoff', { reason: t.handoffReason, message: t.handoffMessage }, 1, 15)
    .node(
      'ask_why',
      'question',
      { prompt: t.askWhy, answerType: 'text', variable: 'why', min: 2, max: 500 },
      0,
      16,
    )
    .node('summary', 'message', { text: t.summary }, 0, 17)
    .node('tag_onboarded', 'set', { addTags: [t.onboardedTag] }, 0, 18)
    .node('completed_event', 'webhook', { event: 'onboarding.completed' }, 0, 19)
    .node('end', 'end', { message: t.end, outcome: 'completed' }, 0, 20);

  f.chain('start', 'welcome', 'ask_goal');
  for (const id of goalIds) {
    if (id === 'stress') f.edge('ask_goal', `tag_goal_${id}`);
    else f.edge('ask_goal', `tag_goal_${id}`, `choice:${id}`);
    f.edge(`tag_goal_${id}`, 'ask_experience');
  }
  f.chain('ask_experience', 'tag_level', 'ask_sleep', 'sleep_check')
    .edge('sleep_check', 'tag_low_sleep', 'branch:low')
    .edge('sleep_check', 'ask_days', 'default')
    .chain('tag_low_sleep', 'msg_low_sleep', 'ask_days')
    .chain('ask_days', 'ask_start', 'ask_health')
    .edge('ask_health', 'ask_health_detail', 'choice:yes')
    .edge('ask_health', 'ask_why')
    .chain('ask_health_detail', 'tag_health', 'handoff', 'ask_why')
    .chain('ask_why', 'summary', 'tag_onboarded', 'completed_event', 'end');

  return {
    key: 'onboarding-questionnaire',
    language,
    name: t.name,
    description: t.description,
    duration: t.duration,
    definition: f.build([
      { name: 'goal', type: 'text' },
      { name: 'experience', type: 'text' },
      { name: 'sleep_hours', type: 'number' },
      { name: 'days_per_week', type: 'number' },
      { name: 'start_date', type: 'date' },
      { name: 'health_notes', type: 'text', default: '' },
      { name: 'why', type: 'text' },
    ]),
  };
}

export const ONBOARDING_QUESTIONNAIRE: readonly ProgramTemplateEntry[] = [build('en'), build('es')];
