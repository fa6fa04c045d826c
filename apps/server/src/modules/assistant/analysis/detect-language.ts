import { tokenize } from './normalize.ts';

export type ChatLanguage = 'en' | 'es';

// Chat words that belong to one language only, written normalised (no accents). Words both languages
// share ("no", "me", "he", "a", "son", "once", "sin"...) are left out: a hit must be evidence for one side.
// Greetings and thanks weigh double, so that a lone "hola" or "thanks" is already enough.
const STRONG_EN = words("hi hello hey thanks thx i'm i've i'll i'd don't can't didn't doesn't isn't won't");
const STRONG_ES = words('hola gracias vale buenas estoy tengo quiero puedo necesito tambien despues');
const EN = words(`
  the and of to is that it for with as was on are be this you not or have from at but they we can will an were
  been has their would what there if about your our should how when who than them these its do does my just also
  i am did had feel feeling felt today tomorrow yesterday week really very so too again much more get got want
  need know think going time good bad yes yeah please why where which some any all after before because myself
  morning night workout workouts sleep slept tired training coach session eat ate went done still
`);
const ES = words(`
  de la que el en los las del se por un una con para es al lo como mas pero sus su le ya este esta porque muy
  sobre hasta hay donde quien desde todo nos durante todos uno les ni otros ese eso esto antes yo mucho nada
  poco ella estar estas algo fue ser han entre cuando puede tiene mi mis tu tus bien mal hoy manana ayer semana
  dia dias hoy creo hacer ahora siento semana entrenamiento entrenar dormido dormir cansado cansada comer
  porfa usted ustedes nosotros soy eres somos sido hemos mucha muchas muchos cual cuanto cuantas cuantos
  donde aqui alli luego pues claro sesion hora horas noche tarde encanta gusta nuevo nueva hecho hecha
  correr caminar nadar salir cenar desayunar comida cena kilos
`);

// Letters and marks English chat practically never uses.
const SPANISH_MARKS = /[ñáéíóúü¿¡]/giu;
const SUFFIX_ES = /(?:cion|ciones|mente|ado|ada|ados|adas|ido|ida|amos|emos|imos|aba|aban)$/;
const SUFFIX_EN = /(?:ing|ed|tion|tions|ly|n't)$/;

// Below this much evidence ("ok", "Madrid", "👍") the answer is a guess, so there is none.
const MIN_EVIDENCE = 2;

/**
 * Tells English from Spanish in a chat message from its function words, its spelling (ñ, accents,
 * ¿ ¡, contractions) and a few word endings. Returns `null` when the message is too short or mixed
 * to say.
 *
 * @example detectLanguage('hola, no he dormido bien esta semana') // 'es'
 * @example detectLanguage('I skipped my workout again') // 'en'
 * @example detectLanguage('ok 👍') // null
 */
export function detectLanguage(text: string): ChatLanguage | null {
  let es = Math.min(3, text.match(SPANISH_MARKS)?.length ?? 0);
  let en = 0;
  for (const token of tokenize(text)) {
    if (STRONG_EN.has(token)) en += 2;
    else if (STRONG_ES.has(token)) es += 2;
    else if (EN.has(token)) en += 1;
    else if (ES.has(token)) es += 1;
    else if (token.length > 4 && SUFFIX_ES.test(token)) es += 0.5;
    else if (token.length > 4 && SUFFIX_EN.test(token)) en += 0.5;
  }
  if (Math.max(en, es) < MIN_EVIDENCE) return null;
  if (en >= 2 * es) return 'en';
  if (es >= 2 * en) return 'es';
  return null;
}

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
