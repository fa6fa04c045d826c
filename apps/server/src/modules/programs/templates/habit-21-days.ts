import type { Locale } from '@companero/contracts';
import { Flow, type ProgramTemplateEntry } from './flow.ts';

/**
 * 21-day habit builder: pick one tiny habit, anchor it to an existing routine, then a
 * check-in every evening at 20:00 for 21 days. Two missed days in a row open a short AI
 * conversation to shrink the habit; milestones on days 7, 14 and 21.
 */
const TEXT = {
  en: {
    branches: { twice: 'Two in a row', day21: 'Day 21', day14: 'Day 14', day7: 'Day 7' },
    labels: {
      start: 'Start',
      welcome: 'Welcome',
      ask_habit: 'Choose the habit',
      ask_custom: 'Own habit',
      ask_anchor: 'Anchor',
      habit: 'Assign habit',
      wait_evening: 'Every evening',
      next_day: 'Day + 1',
      check_in: 'Daily check-in',
      count_done: 'Count done',
      msg_done: 'Well done',
      count_partly: 'Reset missed',
      msg_partly: 'Partly',
      count_missed: 'Count missed',
      missed_twice: 'Missed twice in a row?',
      ai_obstacle: 'Find the obstacle',
      reset_missed: 'Reset missed',
      msg_missed: 'Missed once',
      msg_no_check: 'No answer',
      which_day: 'Which day?',
      milestone_7: 'Week 1',
      milestone_14: 'Week 2',
      milestone_21: 'Day 21',
      ask_reflect: 'Reflection',
      end: 'Done',
    },
    name: '21-Day Habit Builder',
    description:
      'Build one small habit in three weeks: choose it, anchor it to your routine, and check in every evening. Includes support when days are missed and milestones at days 7, 14 and 21.',
    duration: '21 days',
    welcome:
      "Hi {{user.firstName}}! Welcome to the 21-Day Habit Builder. For the next three weeks we'll build one small habit together, one day at a time. Small and consistent beats big and occasional.",
    askHabit: 'Which habit would you like to build? Pick one, or choose "Something else".',
    choices: {
      move: { label: 'Move 10 minutes', value: 'move for 10 minutes' },
      read: { label: 'Read 10 pages', value: 'read 10 pages' },
      breathe: { label: 'Breathe 5 minutes', value: 'do 5 minutes of calm breathing' },
      other: { label: 'Something else', value: 'something else' },
    },
    askCustom:
      'What small habit would you like to build? Keep it tiny: something you could do even on a bad day (e.g. "drink a glass of water after waking up").',
    askAnchor:
      'Habits stick when they are attached to something you already do every day. After which moment will you do it? (e.g. "after my morning coffee", "when I get home")',
    habitName: '{{habit}}',
    habitMessage:
      "Your habit for the next 21 days: {{habit}}, right after {{anchor}}. I'll check in every evening at 20:00. Today is day zero, so just get ready.",
    checkIn: 'Day {{day}} of 21. Did you {{habit}} today?',
    checkInChoices: { done: 'Yes, done', partly: 'Partly', missed: 'Not today' },
    checkInRetry: 'Just tap one of the options, or reply 1, 2 or 3.',
    done: 'Nice work! That makes {{done_days}} days done. Every repetition makes the next one easier.',
    partly:
      'Partly still counts. Showing up, even in a small way, keeps the habit alive. Tomorrow, start with the smallest version and see where it takes you.',
    missed:
      "That's okay. Missing one day doesn't undo your progress. The rule is simple: never miss twice. Let's make tomorrow count.",
    noCheck: "No problem, let's skip today's check-in. I'll ask again tomorrow evening.",
    aiGoal:
      'The client missed their habit ({{habit}}, done after {{anchor}}) two days in a row. Help them name what got in the way and shrink or move the habit so it fits even a hard day. Be warm and curious, ask one question at a time, no guilt, keep replies short.',
    aiOpening:
      'Two days missed. That happens to everyone, and it tells us something useful. What got in the way?',
    aiKeywords: ['thanks', 'thank you', 'got it', 'done'],
    m7: {
      name: 'First week done',
      message: '🎉 One week in! Seven days ago this habit was just an idea. Keep going.',
    },
    m14: {
      name: 'Two weeks strong',
      message:
        "💪 Two weeks! This is where most people quit, and you're still here. The habit is taking root.",
    },
    m21: {
      name: '21-day habit',
      message: "🏆 21 days! You've built a habit from scratch. You earned the 21-day badge.",
    },
    askReflect:
      'Before we close: looking back at these 21 days, what made the difference on the days you did it?',
    end: "Thank you, {{user.firstName}}. Keep that insight close: it's your recipe for the next habit too. Keep going with {{habit}}; it's yours now.",
  },
  es: {
    branches: { twice: 'Dos seguidos', day21: 'Día 21', day14: 'Día 14', day7: 'Día 7' },
    labels: {
      start: 'Inicio',
      welcome: 'Bienvenida',
      ask_habit: 'Elegir el hábito',
      ask_custom: 'Hábito propio',
      ask_anchor: 'Ancla',
      habit: 'Asignar hábito',
      wait_evening: 'Cada noche',
      next_day: 'Día + 1',
      check_in: 'Check-in diario',
      count_done: 'Contar hecho',
      msg_done: 'Bien hecho',
      count_partly: 'Reiniciar fallos',
      msg_partly: 'A medias',
      count_missed: 'Contar fallo',
      missed_twice: '¿Dos fallos seguidos?',
      ai_obstacle: 'Encontrar el obstáculo',
      reset_missed: 'Reiniciar fallos',
      msg_missed: 'Un fallo',
      msg_no_check: 'Sin respuesta',
      which_day: '¿Qué día?',
      milestone_7: 'Semana 1',
      milestone_14: 'Semana 2',
      milestone_21: 'Día 21',
      ask_reflect: 'Reflexión',
      end: 'Fin',
    },
    name: 'Constructor de hábitos de 21 días',
    description:
      'Crea un pequeño hábito en tres semanas: elígelo, ánclalo a tu rutina y haz un check-in cada noche. Incluye apoyo cuando fallas algún día e hitos en los días 7, 14 y 21.',
    duration: '21 días',
    welcome:
      '¡Hola, {{user.firstName}}! Te doy la bienvenida al Constructor de hábitos de 21 días. Durante tres semanas vamos a construir juntos un pequeño hábito, día a día. Poco y constante gana a mucho y de vez en cuando.',
    askHabit: '¿Qué hábito quieres construir? Elige uno, o «Otro distinto».',
    choices: {
      move: { label: 'Moverme 10 minutos', value: 'moverte 10 minutos' },
      read: { label: 'Leer 10 páginas', value: 'leer 10 páginas' },
      breathe: { label: 'Respirar 5 minutos', value: 'hacer 5 minutos de respiración tranquila' },
      other: { label: 'Otro distinto', value: 'otro hábito' },
    },
    askCustom:
      '¿Qué pequeño hábito quieres construir? Que sea muy pequeño: algo que puedas hacer incluso en un mal día (p. ej. «beber un vaso de agua al levantarme»).',
    askAnchor:
      'Los hábitos se consolidan cuando se enganchan a algo que ya haces cada día. ¿Después de qué momento lo harás? (p. ej. «después del café de la mañana», «al llegar a casa»)',
    habitName: '{{habit}}',
    habitMessage:
      'Tu hábito para los próximos 21 días: {{habit}}, justo después de {{anchor}}. Te escribiré cada noche a las 20:00. Hoy es el día cero: solo prepárate.',
    checkIn: 'Día {{day}} de 21. ¿Has conseguido {{habit}} hoy?',
    checkInChoices: { done: 'Sí, hecho', partly: 'A medias', missed: 'Hoy no' },
    checkInRetry: 'Toca una de las opciones, o responde 1, 2 o 3.',
    done: '¡Muy bien! Ya llevas {{done_days}} días. Cada repetición hace que la siguiente cueste menos.',
    partly:
      'A medias también cuenta. Aparecer, aunque sea un poco, mantiene vivo el hábito. Mañana empieza por la versión más pequeña y mira hasta dónde llegas.',
    missed:
      'No pasa nada. Fallar un día no borra tu progreso. La regla es sencilla: nunca falles dos veces seguidas. Hagamos que mañana cuente.',
    noCheck: 'Sin problema, hoy nos saltamos el check-in. Te vuelvo a preguntar mañana por la noche.',
    aiGoal:
      'La persona ha fallado su hábito ({{habit}}, después de {{anchor}}) dos días seguidos. Ayúdala a identificar qué se lo impidió y a reducir o mover el hábito para que encaje incluso en un día difícil. Con calidez y curiosidad, una pregunta cada vez, sin culpa, respuestas breves.',
    aiOpening:
      'Dos días sin hacerlo. Le pasa a todo el mundo, y nos da información útil. ¿Qué te lo impidió?',
    aiKeywords: ['gracias', 'entendido', 'vale gracias', 'listo'],
    m7: {
      name: 'Primera semana',
      message: '🎉 ¡Una semana! Hace siete días este hábito era solo una idea. Sigue así.',
    },
    m14: {
      name: 'Dos semanas firmes',
      message:
        '💪 ¡Dos semanas! Aquí es donde mucha gente abandona, y tú sigues. El hábito está echando raíces.',
    },
    m21: {
      name: 'Hábito de 21 días',
      message: '🏆 ¡21 días! Has construido un hábito desde cero. Te has ganado la insignia de 21 días.',
    },
    askReflect: 'Antes de cerrar: mirando estos 21 días, ¿qué marcó la diferencia los días que lo hiciste?',
    end: 'Gracias, {{user.firstName}}. Guarda bien esa idea: también es tu receta para el próximo hábito. Sigue con {{habit}}; ahora es tuyo.',
  },
} as const;

function build(language: Locale): ProgramTemplateEntry {
  const t = TEXT[language];
  const f = new Flow(t.labels)
    .node('start', 'start', {}, 0, 0)
    .node('welcome', 'message', { text: t.welcome }, 0, 1)
    .node(
      'ask_habit',
      'question',
      {
        prompt: t.askHabit,
        answerType: 'choice',
        variable: 'habit',
        display: 'list',
        choices: [
          { id: 'move', ...t.choices.move },
          { id: 'read', ...t.choices.read },
          { id: 'breathe', ...t.choices.breathe },
          { id: 'other', ...t.choices.other },
        ],
      },
      0,
      2,
    )
    .node(
      'ask_custom',
      'question',
      { prompt: t.askCustom, answerType: 'text', variable: 'habit', min: 3, max: 120 },
      1,
      3,
    )
    .node(
      'ask_anchor',
      'question',
      { prompt: t.askAnchor, answerType: 'text', variable: 'anchor', min: 3, max: 120 },
      0,
      4,
    )
    .node('habit', 'habit', { name: t.habitName, frequency: 'daily', message: t.habitMessage }, 0, 5)
    .node('wait_evening', 'wait', { mode: 'until', time: '20:00' }, 0, 6)
    .node('next_day', 'set', { assignments: [{ variable: 'day', op: 'increment', value: 1 }] }, 0, 7)
    .node(
      'check_in',
      'question',
      {
        prompt: t.checkIn,
        answerType: 'choice',
        variable: 'checkin',
        choices: [
          { id: 'done', label: t.checkInChoices.done, value: 'done' },
          { id: 'partly', label: t.checkInChoices.partly, value: 'partly' },
          { id: 'missed', label: t.checkInChoices.missed, value: 'missed' },
        ],
        retryMessage: t.checkInRetry,
        maxRetries: 1,
      },
      0,
      8,
    )
    .node(
      'count_done',
      'set',
      {
        assignments: [
          { variable: 'done_days', op: 'increment', value: 1 },
          { variable: 'missed_row', value: 0 },
        ],
      },
      -1,
      9,
    )
    .node('msg_done', 'message', { text: t.done }, -1, 10)
    .node('count_partly', 'set', { assignments: [{ variable: 'missed_row', value: 0 }] }, 0, 9)
    .node('msg_partly', 'message', { text: t.partly }, 0, 10)
    .node(
      'count_missed',
      'set',
      { assignments: [{ variable: 'missed_row', op: 'increment', value: 1 }] },
      1,
      9,
    )
    .node(
      'missed_twice',
      'condition',
      {
        branches: [
          {
            id: 'twice',
            label: t.branches.twice,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'missed_row', op: 'gte', value: 2 }],
          },
        ],
      },
      1,
      10,
    )
    .node(
      'ai_obstacle',
      'ai',
      {
        goal: t.aiGoal,
        opening: t.aiOpening,
        exit: { maxTurns: 4, keywords: [...t.aiKeywords] },
        variable: 'obstacle',
      },
      1,
      11,
    )
    .node('reset_missed', 'set', { assignments: [{ variable: 'missed_row', value: 0 }] }, 1, 12)
    .node('msg_missed', 'message', { text: t.missed }, 2, 11)
    .node('msg_no_check', 'message', { text: t.noCheck }, 2, 9)
    .node(
      'which_day',
      'condition',
      {
        branches: [
          {
            id: 'day21',
            label: t.branches.day21,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'day', op: 'gte', value: 21 }],
          },
          {
            id: 'day14',
            label: t.branches.day14,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'day', op: 'eq', value: 14 }],
          },
          {
            id: 'day7',
            label: t.branches.day7,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'day', op: 'eq', value: 7 }],
          },
        ],
      },
      0,
      13,
    )
    .node(
      'milestone_7',
      'milestone',
      { name: t.m7.name, points: 50, badge: 'habit-week-1', message: t.m7.message },
      1,
      14,
    )
    .node(
      'milestone_14',
      'milestone',
      { name: t.m14.name, points: 100, badge: 'habit-week-2', message: t.m14.message },
      2,
      14,
    )
    .node(
      'milestone_21',
      'milestone',
      { name: t.m21.name, points: 250, badge: 'habit-21', message: t.m21.message },
      0,
      14,
    )
    .node(
      'ask_reflect',
      'question',
      { prompt: t.askReflect, answerType: 'text', variable: 'reflection' },
      0,
      15,
    )
    .node('end', 'end', { message: t.end, outcome: 'completed' }, 0, 16);

  f.chain('start', 'welcome', 'ask_habit', 'ask_anchor', 'habit', 'wait_evening', 'next_day', 'check_in')
    .edge('ask_habit', 'ask_custom', 'choice:other')
    .edge('ask_custom', 'ask_anchor')
    .edge('check_in', 'count_done')
    .edge('check_in', 'count_partly', 'choice:partly')
    .edge('check_in', 'count_missed', 'choice:missed')
    .edge('check_in', 'msg_no_check', 'invalid')
    .chain('count_done', 'msg_done', 'which_day')
    .chain('count_partly', 'msg_partly', 'which_day')
    .chain('count_missed', 'missed_twice')
    .edge('missed_twice', 'ai_obstacle', 'branch:twice')
    .edge('missed_twice', 'msg_missed', 'default')
    .chain('ai_obstacle', 'reset_missed', 'which_day')
    .edge('msg_missed', 'which_day')
    .edge('msg_no_check', 'which_day')
    .edge('which_day', 'milestone_21', 'branch:day21')
    .edge('which_day', 'milestone_14', 'branch:day14')
    .edge('which_day', 'milestone_7', 'branch:day7')
    .edge('which_day', 'wait_evening', 'default')
    .edge('milestone_7', 'wait_evening')
    .edge('milestone_14', 'wait_evening')
    .chain('milestone_21', 'ask_reflect', 'end');

  return {
    key: 'habit-21-days',
    language,
    name: t.name,
    description: t.description,
    duration: t.duration,
    definition: f.build([
      { name: 'habit', type: 'text' },
      { name: 'anchor', type: 'text' },
      { name: 'day', type: 'number', default: 0 },
      { name: 'done_days', type: 'number', default: 0 },
      { name: 'missed_row', type: 'number', default: 0 },
    ]),
  };
}

export const HABIT_21_DAYS: readonly ProgramTemplateEntry[] = [build('en'), build('es')];
