import type { Locale } from '@companero/contracts';
import { Flow, type ProgramTemplateEntry } from './flow.ts';

/**
 * Mindset journal: every evening at 20:00 a prompt for the chosen focus (gratitude, stress,
 * confidence) and a short AI-guided reflection. A 7-day milestone with the option to stop
 * or continue, and a two-week completion.
 */
const TEXT = {
  en: {
    name: 'Mindset Journal',
    description:
      'A guided evening journal for one or two weeks: a daily prompt at 20:00 on gratitude, stress or self-confidence, followed by a short reflection with your AI coach. Milestones at 7 and 14 days.',
    duration: '7–14 days',
    labels: {
      start: 'Start',
      welcome: 'Welcome',
      ask_focus: 'Focus',
      how_it_works: 'How it works',
      wait_evening: 'Every evening 20:00',
      next_day: 'Day + 1',
      by_focus: 'Which focus?',
      prompt_gratitude: 'Gratitude prompt',
      prompt_stress: 'Stress prompt',
      prompt_confidence: 'Confidence prompt',
      reflect: 'Guided reflection',
      good_night: 'Good night',
      which_day: 'Which day?',
      milestone_7: '7-day streak',
      ask_continue: 'Continue?',
      continue: 'Continue',
      end_week: 'Stop after a week',
      milestone_14: '14 days',
      end: 'Done',
    },
    welcome:
      "Welcome to your Mindset Journal, {{user.firstName}}. Every evening at 20:00 I'll send you one short prompt. Five minutes of reflection a day is enough to start noticing your thoughts instead of being run by them.",
    askFocus: 'What would you like your journal to focus on?',
    focus: { gratitude: 'Gratitude', stress: 'Calm and stress', confidence: 'Self-confidence' },
    howItWorks:
      'Here\'s how it works: answer in your own words, as long or short as you like. I may ask a follow-up question or two. When you\'re finished, just say "done". Your first prompt arrives tonight at 20:00.',
    promptGratitude:
      'Day {{day}} 🌱 What are three things, big or small, that you are grateful for today? For each one: why did it matter?',
    promptStress:
      'Day {{day}} 🌊 What felt heavy today? Write it down as it is. Then ask yourself: which part of this is within my control, and which part can I let go of tonight?',
    promptConfidence:
      'Day {{day}} ✨ Describe one moment today when you handled something well, however small. What strength did you use?',
    aiGoal:
      'Guide a short evening journaling reflection on the prompt the client just received (focus: {{focus}}). Ask one gentle, open follow-up question at a time, reflect back what they say in their own words, and help them close with one kind sentence to themselves. No advice unless asked. Keep each reply under 80 words.',
    keywords: ['done', "that's all", 'finished', 'good night'],
    goodNight: 'Thank you for writing today, {{user.firstName}}. Sleep well 🌙',
    m7: 'Seven-day journal streak',
    m7Message: '🔥 Seven evenings in a row! You have built the start of a real reflection habit.',
    askContinue: 'Would you like to continue for another week?',
    yes: 'Yes, continue',
    no: 'Stop here',
    continue: 'Wonderful. See you tonight at 20:00 with a new prompt.',
    endWeek:
      'Thank you for seven evenings of reflection. The journal is always here if you want to come back. Keep noticing your thoughts; that is where change begins.',
    m14: 'Two weeks of journaling',
    m14Message: '🏆 Fourteen days of journaling! You earned the two-week journal badge.',
    end: 'Two weeks of daily reflection, {{user.firstName}}! You have built a real habit of looking inward. Keep it going on your own: a notebook by your bed and one question a night.',
  },
  es: {
    name: 'Diario de mentalidad',
    description:
      'Un diario guiado para las noches durante una o dos semanas: una pregunta diaria a las 20:00 sobre gratitud, estrés o confianza, seguida de una breve reflexión con tu coach de IA. Hitos a los 7 y a los 14 días.',
    duration: '7-14 días',
    labels: {
      start: 'Inicio',
      welcome: 'Bienvenida',
      ask_focus: 'Enfoque',
      how_it_works: 'Cómo funciona',
      wait_evening: 'Cada noche 20:00',
      next_day: 'Día + 1',
      by_focus: '¿Qué enfoque?',
      prompt_gratitude: 'Pregunta de gratitud',
      prompt_stress: 'Pregunta de estrés',
      prompt_confidence: 'Pregunta de confianza',
      reflect: 'Reflexión guiada',
      good_night: 'Buenas noches',
      which_day: '¿Qué día?',
      milestone_7: 'Racha de 7 días',
      ask_continue: '¿Continuar?',
      continue: 'Continuar',
      end_week: 'Terminar tras una semana',
      milestone_14: '14 días',
      end: 'Fin',
    },
    welcome:
      'Te doy la bienvenida a tu Diario de mentalidad, {{user.firstName}}. Cada noche a las 20:00 te enviaré una pregunta breve. Cinco minutos de reflexión al día bastan para empezar a observar tus pensamientos en lugar de dejarte llevar por ellos.',
    askFocus: '¿En qué quieres que se centre tu diario?',
    focus: { gratitude: 'Gratitud', stress: 'Calma y estrés', confidence: 'Confianza' },
    howItWorks:
      'Funciona así: responde con tus palabras, tan largo o corto como quieras. Puede que te haga una o dos preguntas más. Cuando termines, escribe «listo». Tu primera pregunta llega esta noche a las 20:00.',
    promptGratitude:
      'Día {{day}} 🌱 ¿Qué tres cosas, grandes o pequeñas, agradeces hoy? Para cada una: ¿por qué fue importante?',
    promptStress:
      'Día {{day}} 🌊 ¿Qué se te ha hecho pesado hoy? Escríbelo tal cual. Después pregúntate: ¿qué parte depende de mí y qué parte puedo soltar esta noche?',
    promptConfidence:
      'Día {{day}} ✨ Describe un momento de hoy en el que gestionaste bien algo, por pequeño que sea. ¿Qué fortaleza usaste?',
    aiGoal:
      'Guía una breve reflexión de diario nocturno sobre la pregunta que la persona acaba de recibir (enfoque: {{focus}}). Haz una sola pregunta abierta y amable cada vez, devuélvele lo que dice con sus propias palabras y ayúdala a cerrar con una frase amable hacia sí misma. Sin consejos salvo que los pida. Respuestas de menos de 80 palabras.',
    keywords: ['listo', 'eso es todo', 'terminado', 'buenas noches'],
    goodNight: 'Gracias por escribir hoy, {{user.firstName}}. Que descanses 🌙',
    m7: 'Racha de siete días de diario',
    m7Message: '🔥 ¡Siete noches seguidas! Ya tienes el comienzo de un verdadero hábito de reflexión.',
    askContinue: '¿Quieres continuar una semana más?',
    yes: 'Sí, continuar',
    no: 'Terminar aquí',
    continue: 'Estupendo. Nos vemos esta noche a las 20:00 con una nueva pregunta.',
    endWeek:
      'Gracias por siete noches de reflexión. El diario sigue aquí si quieres volver. Sigue observando tus pensamientos: ahí empieza el cambio.',
    m14: 'Dos semanas de diario',
    m14Message: '🏆 ¡Catorce días escribiendo! Te has ganado la insignia de dos semanas de diario.',
    end: '¡Dos semanas de reflexión diaria, {{user.firstName}}! Has creado un hábito real de mirar hacia dentro. Continúa por tu cuenta: una libreta junto a la cama y una pregunta cada noche.',
  },
} as const;

function build(language: Locale): ProgramTemplateEntry {
  const t = TEXT[language];
  const byFocus = (id: 'gratitude' | 'stress') => ({
    id,
    label: t.focus[id],
    match: 'all' as const,
    clauses: [{ source: 'variable' as const, variable: 'focus', op: 'eq' as const, value: id }],
  });
  const f = new Flow(t.labels)
    .node('start', 'start', {}, 0, 0)
    .node('welcome', 'message', { text: t.welcome }, 0, 1)
    .node(
      'ask_focus',
      'question',
      {
        prompt: t.askFocus,
        answerType: 'choice',
        variable: 'focus',
        choices: (['gratitude', 'stress', 'confidence'] as const).map((id) => ({
          id,
          label: t.focus[id],
          value: id,
        })),
      },
      0,
      2,
    )
    .node('how_it_works', 'message', { text: t.howItWorks }, 0, 3)
    .node('wait_evening', 'wait', { mode: 'until', time: '20:00' }, 0, 4)
    .node('next_day', 'set', { assignments: [{ variable: 'day', op: 'increment', value: 1 }] }, 0, 5)
    .node('by_focus', 'condition', { branches: [byFocus('gratitude'), byFocus('stress')] }, 0, 6)
    .node('prompt_gratitude', 'message', { text: t.promptGratitude }, -1, 7)
    .node('prompt_stress', 'message', { text: t.promptStress }, 0, 7)
    .node('prompt_confidence', 'message', { text: t.promptConfidence }, 1, 7)
    .node(
      'reflect',
      'ai',
      { goal: t.aiGoal, exit: { maxTurns: 3, keywords: [...t.keywords] }, variable: 'last_entry' },
      0,
      8,
    )
    .node('good_night', 'message', { text: t.goodNight }, 0, 9)
    .node(
      'which_day',
      'condition',
      {
        branches: [
          {
            id: 'day14',
            label: t.labels.milestone_14,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'day', op: 'gte', value: 14 }],
          },
          {
            id: 'day7',
            label: t.labels.milestone_7,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'day', op: 'eq', value: 7 }],
          },
        ],
      },
      0,
      10,
    )
    .node(
      'milestone_7',
      'milestone',
      { name: t.m7, points: 70, badge: 'journal-7', message: t.m7Message },
      1,
      11,
    )
    .node(
      'ask_continue',
      'question',
      {
        prompt: t.askContinue,
        answerType: 'choice',
        variable: 'continue_journal',
        choices: [
          { id: 'yes', label: t.yes, value: 'yes' },
          { id: 'no', label: t.no, value: 'no' },
        ],
      },
      1,
      12,
    )
    .node('continue', 'message', { text: t.continue }, 1, 13)
    .node('end_week', 'end', { message: t.endWeek, outcome: 'completed' }, 2, 13)
    .node(
      'milestone_14',
      'milestone',
      { name: t.m14, points: 200, badge: 'journal-14', message: t.m14Message },
      -1,
      11,
    )
    .node('end', 'end', { message: t.end, outcome: 'completed' }, -1, 12);

  f.chain('start', 'welcome', 'ask_focus', 'how_it_works', 'wait_evening', 'next_day', 'by_focus')
    .edge('by_focus', 'prompt_gratitude', 'branch:gratitude')
    .edge('by_focus', 'prompt_stress', 'branch:stress')
    .edge('by_focus', 'prompt_confidence', 'default')
    .edge('prompt_gratitude', 'reflect')
    .edge('prompt_stress', 'reflect')
    .edge('prompt_confidence', 'reflect')
    .chain('reflect', 'good_night', 'which_day')
    .edge('which_day', 'milestone_14', 'branch:day14')
    .edge('which_day', 'milestone_7', 'branch:day7')
    .edge('which_day', 'wait_evening', 'default')
    .chain('milestone_14', 'end')
    .chain('milestone_7', 'ask_continue')
    .edge('ask_continue', 'end_week', 'choice:no')
    .edge('ask_continue', 'continue')
    .edge('continue', 'wait_evening');

  return {
    key: 'mindset-journal',
    language,
    name: t.name,
    description: t.description,
    duration: t.duration,
    definition: f.build([
      { name: 'focus', type: 'text' },
      { name: 'day', type: 'number', default: 0 },
      { name: 'last_entry', type: 'text', default: '' },
    ]),
  };
}

export const MINDSET_JOURNAL: readonly ProgramTemplateEntry[] = [build('en'), build('es')];
