import type { Locale } from '@companero/contracts';
import { Flow, type ProgramTemplateEntry } from './flow.ts';

/**
 * Weekly check-in: the client picks 4 or 12 weeks and a focus; every week they rate the
 * week (1–10), get feedback by score (a low week asks what got in the way, a very low one
 * alerts the coach) and set one step for next week. A counter ends the loop.
 */
const TEXT = {
  en: {
    branches: { done4: '4 weeks done', done12: '12 weeks done' },
    labels: {
      start: 'Start',
      welcome: 'Welcome',
      ask_length: 'Program length',
      ask_focus: 'Focus area',
      plan: 'Plan',
      wait_week: 'One week',
      next_week: 'Week + 1',
      ask_score: 'Rate the week',
      by_score: 'Score',
      ask_obstacle: 'Obstacle',
      very_low: 'Very low?',
      alert_coach: 'Alert the coach',
      msg_low: 'Hard week',
      msg_mid: 'Solid week',
      msg_high: 'Great week',
      ask_next: 'Next step',
      log_week: 'Week logged',
      finished: 'Last week?',
      see_you: 'See you next week',
      milestone: 'All check-ins',
      end: 'Done',
    },
    name: 'Weekly Check-in',
    description:
      'A short weekly reflection for 4 or 12 weeks: rate the week, name what got in the way, and commit to one concrete step. Alerts you when a client has a very hard week.',
    duration: '4 or 12 weeks',
    welcome:
      "Hi {{user.firstName}}! Once a week I'll ask you a few quick questions: how the week went, what got in the way and what's next. It takes two minutes, and over time it shows you patterns you would otherwise miss.",
    askLength: 'How long would you like to keep these weekly check-ins?',
    length4: '4 weeks',
    length12: '12 weeks',
    askFocus:
      "What's the one area you most want to improve over these weeks? (e.g. sleep, stress, fitness, focus at work)",
    plan: "Great. We'll check in every week for {{plan_weeks}} weeks, focusing on {{focus}}. See you in a week!",
    askScore: 'Week {{week}} check-in. On a scale of 1 to 10, how did this week go for {{focus}}?',
    askObstacle: 'Thanks for being honest. What got in the way the most?',
    obstacles: {
      time: 'Lack of time',
      energy: 'Low energy',
      motivation: 'Motivation',
      other: 'Something else',
    },
    handoffReason: 'Weekly check-in: {{user.name}} rated week {{week}} {{score}}/10 ({{obstacle}}).',
    handoffMessage: "I've let your coach know how this week went. They'll reach out to you personally.",
    low: 'A hard week is information, not failure. For next week, choose the smallest step that still moves you forward, and protect the time for it.',
    mid: 'A solid week. Small adjustments are what turn an okay week into a great one. What helped most? Do more of that.',
    high: 'Excellent week! Take a second to notice what made it work: that is your recipe. Write it down somewhere you will see it.',
    askNext: "What's one concrete thing you'll do next week for {{focus}}? (what, when, where)",
    seeYou: "Got it: {{next_step}}. I'll check in again next week. You've got this!",
    milestone: 'Check-in streak complete',
    milestoneMessage:
      '🏅 You completed all {{plan_weeks}} weekly check-ins. That consistency is a skill in itself.',
    end: 'That was our last check-in, {{user.firstName}}. Keep asking yourself these three questions every week: how did it go, what got in the way, what is my next step?',
  },
  es: {
    branches: { done4: '4 semanas hechas', done12: '12 semanas hechas' },
    labels: {
      start: 'Inicio',
      welcome: 'Bienvenida',
      ask_length: 'Duración',
      ask_focus: 'Área de enfoque',
      plan: 'Plan',
      wait_week: 'Una semana',
      next_week: 'Semana + 1',
      ask_score: 'Puntuar la semana',
      by_score: 'Puntuación',
      ask_obstacle: 'Obstáculo',
      very_low: '¿Muy baja?',
      alert_coach: 'Avisar al coach',
      msg_low: 'Semana difícil',
      msg_mid: 'Semana sólida',
      msg_high: 'Gran semana',
      ask_next: 'Siguiente paso',
      log_week: 'Semana registrada',
      finished: '¿Última semana?',
      see_you: 'Hasta la próxima semana',
      milestone: 'Todos los check-ins',
      end: 'Fin',
    },
    name: 'Check-in semanal',
    description:
      'Una breve reflexión semanal durante 4 o 12 semanas: puntúa la semana, identifica qué te frenó y comprométete con un paso concreto. Te avisa cuando alguien tiene una semana muy difícil.',
    duration: '4 o 12 semanas',
    welcome:
      '¡Hola, {{user.firstName}}! Una vez por semana te haré unas preguntas rápidas: cómo ha ido la semana, qué te ha frenado y cuál es el siguiente paso. Son dos minutos y, con el tiempo, te mostrarán patrones que de otro modo no verías.',
    askLength: '¿Durante cuánto tiempo quieres hacer estos check-ins semanales?',
    length4: '4 semanas',
    length12: '12 semanas',
    askFocus:
      '¿Qué área quieres mejorar sobre todo en estas semanas? (p. ej. sueño, estrés, forma física, concentración en el trabajo)',
    plan: 'Perfecto. Haremos un check-in cada semana durante {{plan_weeks}} semanas, centrados en: {{focus}}. ¡Nos vemos en una semana!',
    askScore: 'Check-in de la semana {{week}}. Del 1 al 10, ¿cómo ha ido esta semana en cuanto a {{focus}}?',
    askObstacle: 'Gracias por tu sinceridad. ¿Qué es lo que más te ha frenado?',
    obstacles: {
      time: 'Falta de tiempo',
      energy: 'Poca energía',
      motivation: 'Motivación',
      other: 'Otra cosa',
    },
    handoffReason:
      'Check-in semanal: {{user.name}} ha puntuado la semana {{week}} con {{score}}/10 ({{obstacle}}).',
    handoffMessage:
      'He avisado a tu coach de cómo ha ido esta semana. Se pondrá en contacto contigo personalmente.',
    low: 'Una semana difícil es información, no un fracaso. Para la próxima, elige el paso más pequeño que aún te haga avanzar y protege el tiempo para darlo.',
    mid: 'Una semana sólida. Los pequeños ajustes son los que convierten una semana normal en una gran semana. ¿Qué te ayudó más? Haz más de eso.',
    high: '¡Semana excelente! Párate un segundo a ver qué la hizo funcionar: esa es tu receta. Anótala donde la veas.',
    askNext: '¿Qué cosa concreta harás la próxima semana por {{focus}}? (qué, cuándo, dónde)',
    seeYou: 'Apuntado: {{next_step}}. Te escribo de nuevo la semana que viene. ¡Tú puedes!',
    milestone: 'Racha de check-ins completada',
    milestoneMessage:
      '🏅 Has completado los {{plan_weeks}} check-ins semanales. Esa constancia ya es una habilidad.',
    end: 'Este ha sido nuestro último check-in, {{user.firstName}}. Sigue haciéndote estas tres preguntas cada semana: ¿cómo ha ido?, ¿qué me ha frenado?, ¿cuál es mi siguiente paso?',
  },
} as const;

function build(language: Locale): ProgramTemplateEntry {
  const t = TEXT[language];
  const f = new Flow(t.labels)
    .node('start', 'start', {}, 0, 0)
    .node('welcome', 'message', { text: t.welcome }, 0, 1)
    .node(
      'ask_length',
      'question',
      {
        prompt: t.askLength,
        answerType: 'choice',
        variable: 'plan_weeks',
        choices: [
          { id: 'w4', label: t.length4, value: '4' },
          { id: 'w12', label: t.length12, value: '12' },
        ],
      },
      0,
      2,
    )
    .node(
      'ask_focus',
      'question',
      { prompt: t.askFocus, answerType: 'text', variable: 'focus', min: 2, max: 120 },
      0,
      3,
    )
    .node('plan', 'message', { text: t.plan }, 0, 4)
    .node('wait_week', 'wait', { mode: 'duration', amount: 1, unit: 'weeks' }, 0, 5)
    .node('next_week', 'set', { assignments: [{ variable: 'week', op: 'increment', value: 1 }] }, 0, 6)
    .node(
      'ask_score',
      'question',
      { prompt: t.askScore, answerType: 'scale', variable: 'score', min: 1, max: 10 },
      0,
      7,
    )
    .node(
      'by_score',
      'condition',
      {
        branches: [
          {
            id: 'low',
            label: '1–4',
            match: 'all',
            clauses: [{ source: 'variable', variable: 'score', op: 'lte', value: 4 }],
          },
          {
            id: 'mid',
            label: '5–7',
            match: 'all',
            clauses: [{ source: 'variable', variable: 'score', op: 'lte', value: 7 }],
          },
        ],
      },
      0,
      8,
    )
    .node(
      'ask_obstacle',
      'question',
      {
        prompt: t.askObstacle,
        answerType: 'choice',
        variable: 'obstacle',
        display: 'list',
        choices: [
          { id: 'time', label: t.obstacles.time },
          { id: 'energy', label: t.obstacles.energy },
          { id: 'motivation', label: t.obstacles.motivation },
          { id: 'other', label: t.obstacles.other },
        ],
      },
      -1,
      9,
    )
    .node(
      'very_low',
      'condition',
      {
        branches: [
          {
            id: 'alert',
            label: '1–2',
            match: 'all',
            clauses: [{ source: 'variable', variable: 'score', op: 'lte', value: 2 }],
          },
        ],
      },
      -1,
      10,
    )
    .node('alert_coach', 'handoff', { reason: t.handoffReason, message: t.handoffMessage }, -2, 11)
    .node('msg_low', 'message', { text: t.low }, -1, 12)
    .node('msg_mid', 'message', { text: t.mid }, 0, 10)
    .node('msg_high', 'message', { text: t.high }, 1, 10)
    .node(
      'ask_next',
      'question',
      { prompt: t.askNext, answerType: 'text', variable: 'next_step', min: 2, max: 300 },
      0,
      13,
    )
    .node('log_week', 'webhook', { event: 'weekly_checkin.completed' }, 0, 14)
    .node(
      'finished',
      'condition',
      {
        branches: [
          {
            id: 'done4',
            label: t.branches.done4,
            match: 'all',
            clauses: [
              { source: 'variable', variable: 'plan_weeks', op: 'eq', value: '4' },
              { source: 'variable', variable: 'week', op: 'gte', value: 4 },
            ],
          },
          {
            id: 'done12',
            label: t.branches.done12,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'week', op: 'gte', value: 12 }],
          },
        ],
      },
      0,
      15,
    )
    .node('see_you', 'message', { text: t.seeYou }, 1, 16)
    .node(
      'milestone',
      'milestone',
      { name: t.milestone, points: 150, badge: 'weekly-checkins', message: t.milestoneMessage },
      0,
      16,
    )
    .node('end', 'end', { message: t.end, outcome: 'completed' }, 0, 17);

  f.chain(
    'start',
    'welcome',
    'ask_length',
    'ask_focus',
    'plan',
    'wait_week',
    'next_week',
    'ask_score',
    'by_score',
  )
    .edge('by_score', 'ask_obstacle', 'branch:low')
    .edge('by_score', 'msg_mid', 'branch:mid')
    .edge('by_score', 'msg_high', 'default')
    .chain('ask_obstacle', 'very_low')
    .edge('very_low', 'alert_coach', 'branch:alert')
    .edge('very_low', 'msg_low', 'default')
    .chain('alert_coach', 'msg_low', 'ask_next')
    .edge('msg_mid', 'ask_next')
    .edge('msg_high', 'ask_next')
    .chain('ask_next', 'log_week', 'finished')
    .edge('finished', 'milestone', 'branch:done4')
    .edge('finished', 'milestone', 'branch:done12')
    .edge('finished', 'see_you', 'default')
    .edge('see_you', 'wait_week')
    .chain('milestone', 'end');

  return {
    key: 'weekly-checkin',
    language,
    name: t.name,
    description: t.description,
    duration: t.duration,
    definition: f.build([
      { name: 'plan_weeks', type: 'text' },
      { name: 'focus', type: 'text' },
      { name: 'week', type: 'number', default: 0 },
      { name: 'score', type: 'number' },
      { name: 'obstacle', type: 'text', default: '' },
      { name: 'next_step', type: 'text' },
    ]),
  };
}

export const WEEKLY_CHECKIN: readonly ProgramTemplateEntry[] = [build('en'), build('es')];
