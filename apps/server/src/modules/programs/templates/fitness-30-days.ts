import type { Locale } from '@companero/contracts';
import { Flow, type ProgramTemplateEntry } from './flow.ts';

/**
 * 30-day fitness kickoff: level-specific advice, two habits (3 workouts a week, a daily
 * walk), then four weeks of "Monday 07:00 plan / Thursday 19:00 check-in", a halfway
 * milestone and a final self-assessment on Sunday evening.
 */
const TEXT = {
  en: {
    branches: { week: 'Week #', onTrack: '2 or more', finished: 'Week 4 done', halfway: 'Week 2' },
    labels: {
      start: 'Start',
      welcome: 'Welcome',
      ask_level: 'Level',
      msg_beginner: 'Beginner advice',
      msg_returning: 'Returning advice',
      msg_active: 'Active advice',
      habit_workout: 'Workout habit',
      habit_walk: 'Walk habit',
      milestone_kickoff: 'Kickoff',
      wait_monday: 'Monday 07:00',
      next_week: 'Week + 1',
      which_week: 'Which week?',
      plan_1: 'Week 1 plan',
      plan_2: 'Week 2 plan',
      plan_3: 'Week 3 plan',
      plan_4: 'Week 4 plan',
      wait_thursday: 'Thursday 19:00',
      ask_workouts: 'Workouts so far',
      workouts_check: 'On track?',
      msg_on_track: 'On track',
      msg_catch_up: 'Catch up',
      progress: 'Where are we?',
      milestone_halfway: 'Halfway',
      wait_sunday: 'Sunday 18:00',
      ask_final: 'Self-assessment',
      milestone_done: 'Completed',
      end: 'Done',
    },
    name: '30-Day Fitness Kickoff',
    description:
      'Four weeks to build a simple training routine: three short workouts a week plus a daily walk. Weekly plans every Monday morning, a Thursday check-in, and milestones to celebrate progress. No gym required.',
    duration: '30 days',
    welcome:
      "Welcome to your 30-Day Fitness Kickoff, {{user.firstName}}! Over the next four weeks we'll build a simple routine: three short workouts a week plus daily movement. No gym required.",
    askLevel: 'Where are you starting from?',
    levels: {
      beginner: { label: 'New to training', value: 'beginner' },
      returning: { label: 'Getting back to it', value: 'returning' },
      active: { label: 'Already active', value: 'active' },
    },
    beginner:
      'Perfect place to start. Your sessions will be 20 minutes: bodyweight squats, wall push-ups, glute bridges and a brisk walk. Quality beats quantity; stop each set with two reps still in the tank.',
    returning:
      "Welcome back! Your body remembers more than you think. We'll start at about 70% of what you used to do: 25–30 minutes, full body, and build from there. The goal this month is consistency, not records.",
    active:
      "Great, you have a base to build on. Your sessions will be 30–40 minutes with strength circuits and short intervals. We'll focus on structure and progression so every week builds on the last.",
    workoutHabit: 'Workout',
    workoutMessage:
      "I've added your workout habit: 3 sessions a week. I'll remind you at 07:30 on training days.",
    walkHabit: 'Daily walk',
    walkMessage:
      'And a daily walk: 20 minutes or 7,000 steps, whichever is easier for you. It counts on rest days too.',
    kickoff: 'Kickoff',
    kickoffMessage:
      '🏁 Kickoff badge unlocked! The hardest part, starting, is done. Your first weekly plan arrives on Monday morning.',
    plan1:
      'Week 1: Foundation 🧱\nThree sessions this week: 3 rounds of 10 squats, 8 push-ups (knees or wall are fine), 10 glute bridges and a 30-second plank. Rest 1 minute between rounds. Walk every day.',
    plan2:
      'Week 2: Consistency 📅\nSame workout, add a fourth round. Put your three sessions in your calendar right now and treat them like meetings you cannot move.',
    plan3:
      'Week 3: Progress 📈\nSlow down: take 3 seconds to lower in every squat and push-up. Add 10 minutes to your walk on two days this week.',
    plan4:
      'Week 4: Own it 🏆\nYour final week! Do your three sessions and add one activity you enjoy: a run, a class, a bike ride, a swim. This is how the routine becomes yours.',
    askWorkouts: 'Thursday check-in: how many workouts have you done since Monday?',
    workoutsRetry: 'Just a number please, from 0 to 7.',
    onTrack: 'Great pace, {{user.firstName}}! One more session and this week is done. 💪',
    catchUp:
      "No stress, there's still time. Could you fit a 15-minute session tomorrow and another at the weekend? Short sessions count.",
    halfway: 'Halfway there',
    halfwayMessage:
      '⭐ Halfway! Two weeks of training done. Take a moment to notice: what feels easier than on day one?',
    askFinal: 'Compared to 30 days ago, how much fitter do you feel? (1 = no change, 10 = a new person)',
    done: '30-Day Kickoff complete',
    doneMessage: '🏆 You did it: 30 days, four weeks of training. You earned the Kickoff 30 badge!',
    end: 'Congratulations, {{user.firstName}}! You rated your progress {{final_score}}/10. Keep your three weekly sessions in the calendar: the routine is yours now.',
  },
  es: {
    branches: { week: 'Semana #', onTrack: '2 o más', finished: 'Semana 4 hecha', halfway: 'Semana 2' },
    labels: {
      start: 'Inicio',
      welcome: 'Bienvenida',
      ask_level: 'Nivel',
      msg_beginner: 'Consejo para principiantes',
      msg_returning: 'Consejo para retomar',
      msg_active: 'Consejo para activos',
      habit_workout: 'Hábito de entrenamiento',
      habit_walk: 'Hábito de paseo',
      milestone_kickoff: 'Arranque',
      wait_monday: 'Lunes 07:00',
      next_week: 'Semana + 1',
      which_week: '¿Qué semana?',
      plan_1: 'Plan semana 1',
      plan_2: 'Plan semana 2',
      plan_3: 'Plan semana 3',
      plan_4: 'Plan semana 4',
      wait_thursday: 'Jueves 19:00',
      ask_workouts: 'Entrenamientos hasta hoy',
      workouts_check: '¿Buen ritmo?',
      msg_on_track: 'Buen ritmo',
      msg_catch_up: 'Recuperar',
      progress: '¿Dónde estamos?',
      milestone_halfway: 'Mitad del camino',
      wait_sunday: 'Domingo 18:00',
      ask_final: 'Autoevaluación',
      milestone_done: 'Completado',
      end: 'Fin',
    },
    name: 'Arranque fitness de 30 días',
    description:
      'Cuatro semanas para crear una rutina de entrenamiento sencilla: tres entrenamientos cortos a la semana y un paseo diario. Plan semanal cada lunes por la mañana, check-in los jueves e hitos para celebrar el progreso. Sin gimnasio.',
    duration: '30 días',
    welcome:
      '¡Bienvenido/a a tu Arranque fitness de 30 días, {{user.firstName}}! Durante cuatro semanas vamos a crear una rutina sencilla: tres entrenamientos cortos a la semana y movimiento diario. Sin gimnasio.',
    askLevel: '¿Desde dónde empiezas?',
    levels: {
      beginner: { label: 'Nunca he entrenado', value: 'principiante' },
      returning: { label: 'Vuelvo a entrenar', value: 'retomando' },
      active: { label: 'Ya estoy activo/a', value: 'activo' },
    },
    beginner:
      'Es un punto de partida perfecto. Tus sesiones serán de 20 minutos: sentadillas, flexiones contra la pared, puentes de glúteo y una caminata rápida. Calidad antes que cantidad: termina cada serie con dos repeticiones en reserva.',
    returning:
      '¡Bienvenido/a de nuevo! Tu cuerpo recuerda más de lo que crees. Empezaremos en torno al 70 % de lo que hacías: 25-30 minutos de cuerpo completo, e iremos subiendo. El objetivo de este mes es la constancia, no los récords.',
    active:
      'Genial, tienes una base sobre la que construir. Tus sesiones serán de 30-40 minutos con circuitos de fuerza e intervalos cortos. Nos centraremos en la estructura y la progresión para que cada semana sume a la anterior.',
    workoutHabit: 'Entrenamiento',
    workoutMessage:
      'He añadido tu hábito de entrenamiento: 3 sesiones a la semana. Te lo recordaré a las 07:30 los días de entreno.',
    walkHabit: 'Paseo diario',
    walkMessage:
      'Y un paseo diario: 20 minutos o 7.000 pasos, lo que te resulte más fácil. También cuenta los días de descanso.',
    kickoff: 'Arranque',
    kickoffMessage:
      '🏁 ¡Insignia de arranque desbloqueada! Lo más difícil, empezar, ya está hecho. Tu primer plan semanal llega el lunes por la mañana.',
    plan1:
      'Semana 1: Base 🧱\nTres sesiones esta semana: 3 vueltas de 10 sentadillas, 8 flexiones (de rodillas o contra la pared está bien), 10 puentes de glúteo y 30 segundos de plancha. Descansa 1 minuto entre vueltas. Camina todos los días.',
    plan2:
      'Semana 2: Constancia 📅\nEl mismo entrenamiento, con una cuarta vuelta. Pon ahora mismo tus tres sesiones en el calendario y trátalas como reuniones que no se pueden mover.',
    plan3:
      'Semana 3: Progreso 📈\nMás despacio: tarda 3 segundos en bajar en cada sentadilla y flexión. Añade 10 minutos a tu paseo dos días esta semana.',
    plan4:
      'Semana 4: Hazlo tuyo 🏆\n¡Tu última semana! Haz tus tres sesiones y añade una actividad que disfrutes: correr, una clase, bici, natación. Así la rutina se vuelve tuya.',
    askWorkouts: 'Check-in del jueves: ¿cuántos entrenamientos has hecho desde el lunes?',
    workoutsRetry: 'Solo un número, por favor, del 0 al 7.',
    onTrack: '¡Muy buen ritmo, {{user.firstName}}! Una sesión más y esta semana está hecha. 💪',
    catchUp:
      'Tranquilidad, aún hay tiempo. ¿Podrías hacer una sesión de 15 minutos mañana y otra el fin de semana? Las sesiones cortas también cuentan.',
    halfway: 'Mitad del camino',
    halfwayMessage:
      '⭐ ¡A mitad de camino! Dos semanas de entrenamiento. Párate un momento: ¿qué te cuesta menos que el primer día?',
    askFinal: 'Comparado con hace 30 días, ¿cuánto más en forma te sientes? (1 = igual, 10 = otra persona)',
    done: 'Arranque de 30 días completado',
    doneMessage:
      '🏆 Lo has conseguido: 30 días, cuatro semanas de entrenamiento. ¡Te has ganado la insignia Arranque 30!',
    end: '¡Enhorabuena, {{user.firstName}}! Has valorado tu progreso con un {{final_score}}/10. Mantén tus tres sesiones semanales en el calendario: la rutina ya es tuya.',
  },
} as const;

function build(language: Locale): ProgramTemplateEntry {
  const t = TEXT[language];
  const week = (n: number) => ({
    id: `w${n}`,
    label: t.branches.week.replace('#', String(n)),
    match: 'all' as const,
    clauses: [{ source: 'variable' as const, variable: 'week', op: 'eq' as const, value: n }],
  });
  const f = new Flow(t.labels)
    .node('start', 'start', {}, 0, 0)
    .node('welcome', 'message', { text: t.welcome }, 0, 1)
    .node(
      'ask_level',
      'question',
      {
        prompt: t.askLevel,
        answerType: 'choice',
        variable: 'level',
        choices: (['beginner', 'returning', 'active'] as const).map((id) => ({ id, ...t.levels[id] })),
      },
      0,
      2,
    )
    .node('msg_beginner', 'message', { text: t.beginner }, -1, 3)
    .node('msg_returning', 'message', { text: t.returning }, 0, 3)
    .node('msg_active', 'message', { text: t.active }, 1, 3)
    .node(
      'habit_workout',
      'habit',
      {
        name: t.workoutHabit,
        frequency: 'weekly',
        target: 3,
        reminderTime: '07:30',
        message: t.workoutMessage,
      },
      0,
      4,
    )
    .node(
      'habit_walk',
      'habit',
      { name: t.walkHabit, frequency: 'daily', target: 1, reminderTime: '18:00', message: t.walkMessage },
      0,
      5,
    )
    .node(
      'milestone_kickoff',
      'milestone',
      { name: t.kickoff, points: 20, badge: 'kickoff', message: t.kickoffMessage },
      0,
      6,
    )
    .node('wait_monday', 'wait', { mode: 'until', time: '07:00', weekday: 1 }, 0, 7)
    .node('next_week', 'set', { assignments: [{ variable: 'week', op: 'increment', value: 1 }] }, 0, 8)
    .node('which_week', 'condition', { branches: [week(1), week(2), week(3)] }, 0, 9)
    .node('plan_1', 'message', { text: t.plan1 }, -1.5, 10)
    .node('plan_2', 'message', { text: t.plan2 }, -0.5, 10)
    .node('plan_3', 'message', { text: t.plan3 }, 0.5, 10)
    .node('plan_4', 'message', { text: t.plan4 }, 1.5, 10)
    .node('wait_thursday', 'wait', { mode: 'until', time: '19:00', weekday: 4 }, 0, 11)
    .node(
      'ask_workouts',
      'question',
      {
        prompt: t.askWorkouts,
        answerType: 'number',
        variable: 'workouts',
        min: 0,
        max: 7,
        retryMessage: t.workoutsRetry,
      },
      0,
      12,
    )
    .node(
      'workouts_check',
      'condition',
      {
        branches: [
          {
            id: 'on_track',
            label: t.branches.onTrack,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'workouts', op: 'gte', value: 2 }],
          },
        ],
      },
      0,
      13,
    )
    .node('msg_on_track', 'message', { text: t.onTrack }, -1, 14)
    .node('msg_catch_up', 'message', { text: t.catchUp }, 1, 14)
    .node(
      'progress',
      'condition',
      {
        branches: [
          {
            id: 'finished',
            label: t.branches.finished,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'week', op: 'gte', value: 4 }],
          },
          {
            id: 'halfway',
            label: t.branches.halfway,
            match: 'all',
            clauses: [{ source: 'variable', variable: 'week', op: 'eq', value: 2 }],
          },
        ],
      },
      0,
      15,
    )
    .node(
      'milestone_halfway',
      'milestone',
      { name: t.halfway, points: 100, badge: 'halfway', message: t.halfwayMessage },
      1,
      16,
    )
    .node('wait_sunday', 'wait', { mode: 'until', time: '18:00', weekday: 0 }, 0, 16)
    .node(
      'ask_final',
      'question',
      { prompt: t.askFinal, answerType: 'scale', variable: 'final_score', min: 1, max: 10 },
      0,
      17,
    )
    .node(
      'milestone_done',
      'milestone',
      { name: t.done, points: 300, badge: 'kickoff-30', message: t.doneMessage },
      0,
      18,
    )
    .node('end', 'end', { message: t.end, outcome: 'completed' }, 0, 19);

  f.chain('start', 'welcome', 'ask_level')
    .edge('ask_level', 'msg_beginner', 'choice:beginner')
    .edge('ask_level', 'msg_active', 'choice:active')
    .edge('ask_level', 'msg_returning')
    .edge('msg_beginner', 'habit_workout')
    .edge('msg_returning', 'habit_workout')
    .edge('msg_active', 'habit_workout')
    .chain('habit_workout', 'habit_walk', 'milestone_kickoff', 'wait_monday', 'next_week', 'which_week')
    .edge('which_week', 'plan_1', 'branch:w1')
    .edge('which_week', 'plan_2', 'branch:w2')
    .edge('which_week', 'plan_3', 'branch:w3')
    .edge('which_week', 'plan_4', 'default');
  for (const n of [1, 2, 3, 4]) f.edge(`plan_${n}`, 'wait_thursday');
  f.chain('wait_thursday', 'ask_workouts', 'workouts_check')
    .edge('workouts_check', 'msg_on_track', 'branch:on_track')
    .edge('workouts_check', 'msg_catch_up', 'default')
    .edge('msg_on_track', 'progress')
    .edge('msg_catch_up', 'progress')
    .edge('progress', 'wait_sunday', 'branch:finished')
    .edge('progress', 'milestone_halfway', 'branch:halfway')
    .edge('progress', 'wait_monday', 'default')
    .edge('milestone_halfway', 'wait_monday')
    .chain('wait_sunday', 'ask_final', 'milestone_done', 'end');

  return {
    key: 'fitness-30-days',
    language,
    name: t.name,
    description: t.description,
    duration: t.duration,
    definition: f.build([
      { name: 'level', type: 'text' },
      { name: 'week', type: 'number', default: 0 },
      { name: 'workouts', type: 'number' },
      { name: 'final_score', type: 'number' },
    ]),
  };
}

export const FITNESS_30_DAYS: readonly ProgramTemplateEntry[] = [build('en'), build('es')];
