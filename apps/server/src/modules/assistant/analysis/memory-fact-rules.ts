import type { ChatLanguage } from './detect-language.ts';
import { normalizeText } from './normalize.ts';

export type MemoryFactKind = 'fact' | 'preference' | 'goal';

/** Stable slugs: a newer fact with the same key replaces the older one in the user's memory. */
export type MemoryFactKey =
  | 'name'
  | 'age'
  | 'goal'
  | 'diet'
  | 'allergy'
  | 'intolerance'
  | 'condition'
  | 'injury'
  | 'location'
  | 'time_zone'
  | 'schedule'
  | 'occupation'
  | 'likes'
  | 'dislikes'
  | 'prefers'
  | 'preferred_time';

/** The named groups of a match, as the user typed them (case and accents kept). */
export type FactGroups = Record<string, string>;

export interface MemoryFactRule {
  language: ChatLanguage;
  kind: MemoryFactKind;
  key: MemoryFactKey | ((value: string) => MemoryFactKey);
  /**
   * Over the whole normalised message (lower case, no accents, "ñ" as "n"), with the `d` flag. The
   * named group `value` (or `value2`, `value3` in other branches) is what is remembered; other named
   * groups feed `describe`. A match that spans two sentences is ignored.
   */
  pattern: RegExp;
  /** The clean sentence shown to the coach, in the rule's language, from the user's own words. */
  describe: (value: string, groups: FactGroups) => string;
  /**
   * Words the message must contain for `pattern` to have a chance: tested once per message, so most rules
   * are skipped without running their costly pattern. It must accept every text the pattern matches.
   */
  cue: RegExp;
  /** Turns the cleaned capture into the value to keep, or rejects it with `null`. */
  shape?: (value: string, groups: FactGroups) => string | null;
}

// ------------------------------------------------------------------------------------------ shared pieces

// Rules run over the whole normalised message, so a sentence ends at . ! ? … (not the dot of "1.5"), at
// the Spanish opening marks, or at the end of the text.
const SENTENCE_END = '\\s*(?:[!?…¿¡]|\\.(?!\\d)|$)';
// Where a free-text value ends: the end of the sentence, a "but"/"pero", or a comma or "and"/"y" that
// starts a new statement about the user ("I'm vegan, I live in Madrid"). A comma or "and" inside a list
// ("nuts, shellfish and eggs") does not end it.
const NEW_STATEMENT =
  "(?:i|i'm|im|i've|i'd|i'll|my|me|it's|also|yo|soy|tengo|vivo|trabajo|mi|mis|no|quiero|prefiero|estoy|ademas|tambien|entreno|como|odio)";
const END = `(?=${SENTENCE_END}|\\s*[,;:]\\s*${NEW_STATEMENT}\\b|[,;:]?\\s+(?:and|y|e|so|plus|asi que)\\s+${NEW_STATEMENT}\\b|[,;:]?\\s+(?:but|pero|because|porque|although|aunque|though|since|ya que|sin embargo)\\b)`;
// A name ends at punctuation, the end, or a joining word: "soy Ana y quiero...".
const NAME_END = `(?=${SENTENCE_END}|\\s*[,;]|\\s+(?:and|but|y|pero|from|de)\\b)`;
const NAME = "(?<value>[\\p{L}'-]+(?:\\s+[\\p{L}'-]+){0,2}?)";
// "I'm Ana" / "soy Ana" is an introduction only at the start of a sentence or after a greeting. Written as
// a lookbehind placed after the cue, because a lookbehind that opens a pattern runs at every position.
const INTRODUCED =
  '(?:^|[.!?…¿¡]\\s?|\\b(?:hi|hello|hey|hola|buenas|buenos dias|buenas tardes|buenas noches)\\b[\\s,!.]*)';
const introduction = (cue: string) => `\\b${cue}(?<=${INTRODUCED}${cue})`;
const BODY_EN =
  '(?:(?:left|right|lower|upper)\\s+)?(?:knees?|back|ankles?|shoulders?|hips?|wrists?|elbows?|neck|hamstrings?|calf|calves|achilles|disc|disk|foot|feet|meniscus|acl|rotator\\s+cuff|groin|quads?|shins?|spine)';
const BODY_ES =
  '(?:rodillas?|espalda|tobillos?|hombros?|caderas?|munecas?|codos?|cuello|isquios?|isquiotibiales|gemelos?|pantorrillas?|talon|pies?|menisco|ligamento\\s+cruzado|lumbares?|zona\\s+lumbar|columna|manguito\\s+rotador|aductor(?:es)?|cuadriceps)(?:\\s+(?:izquierd[oa]|derech[oa]))?';
const TIME_OF_DAY =
  /\b(?:mornings?|evenings?|afternoons?|nights?|early|late|lunch(?:time)?|manana|mananas|tarde|tardes|noche|noches|mediodia|madrugada|temprano)\b|\d(?:\s*(?:am|pm|h)\b)/;
const TIME_ZONE =
  '(?:utc|gmt|cet|cest|wet|west|eet|est|edt|cst|cdt|mst|mdt|pst|pdt|art|brt|clt)(?:\\s*[+-]\\s*\\d{1,2}(?::\\d{2})?)?';

const rx = (source: string) => new RegExp(source, 'gdu');
const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
// Particles stay lower case inside a name or place: "Ciudad de México", "María del Mar".
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'of', 'the', 'and']);
const titleCase = (s: string) =>
  s
    .split(' ')
    .map((word, i) => (i > 0 && PARTICLES.has(word.toLowerCase()) ? word.toLowerCase() : capitalize(word)))
    .join(' ');

// Words that follow "I'm", "soy", "me llamo" without being a name ("me llamó la atención").
const NOT_NAMES = new Set(
  normalizeText(`
    english spanish american british mexican argentinian colombian chilean peruvian venezuelan cuban canadian
    espanol espanola mexicano mexicana argentino argentina colombiano colombiana chileno chilena peruano peruana
    vegan vegetarian vegano vegana vegetariano vegetariana fine good ok okay great tired back here new ready
    sorry sure done home late bien mal genial cansado cansada nuevo nueva listo lista yo tu coach
    monday tuesday wednesday thursday friday saturday sunday tomorrow today tonight later now
    lunes martes miercoles jueves viernes sabado domingo manana hoy luego ahora
    a an the in on at is not my your la el los las lo un una que mucho muy de del con por para en no si
  `).split(' '),
);

/** A name after a cue that may also introduce other words: accepted only when written with a capital. */
function capitalisedName(value: string): string | null {
  const words = value.split(/\s+/);
  const name: string[] = [];
  for (const word of words) {
    if (!/^\p{Lu}/u.test(word) || NOT_NAMES.has(normalizeText(word))) break;
    name.push(word);
  }
  return name.length > 0 && name.length === words.length ? name.join(' ') : null;
}

/** A name after an unambiguous cue ("my name is", "me llamo"): any case, shown title-cased. */
function anyName(value: string): string | null {
  return NOT_NAMES.has(normalizeText(value.split(/\s+/)[0] ?? '')) ? null : titleCase(value);
}

const PLACE_STOP =
  /\s+(?:with|and|for|since|now|right|near|because|but|con|y|desde|para|ahora|hace|cerca|porque|pero)\b.*$/iu;
const ARTICLE = /^(?:a|an|the|this|that|my|un|una|el|la|los|las|este|esta|mi)\b/iu;
const PROPER_NOUN =
  /^(?:the\s+)?\p{Lu}[\p{L}'.-]*(?:\s+(?:(?:de|del|la|las|los|el|of|do|da|san|santa)\s+)*\p{Lu}[\p{L}'.-]*)*(?:,\s*\p{Lu}[\p{L}'.-]*(?:\s+\p{Lu}[\p{L}'.-]*)*)?/u;

/** A city, region or country: "Madrid", "Ciudad de México", "Austin, Texas"; lower case is title-cased. */
function place(value: string): string | null {
  const proper = value.match(PROPER_NOUN)?.[0];
  if (proper) return proper;
  const words = value.replace(PLACE_STOP, '');
  if (ARTICLE.test(words) || words.split(/\s+/).length > 3 || /\d/.test(words)) return null;
  return titleCase(words);
}

// Likes and dislikes about the coaching itself ("I love your plan", "me gusta la idea") are feedback,
// not something to remember about the user.
const NOT_A_TASTE_START =
  /^(?:it|this|that|these|those|you|your|him|her|them|how|what|when|where|why|if|to\s+be|que|como|cuando|tu|tus|su|sus|esto|eso|este|esta|lo|mucho|nada)\b/iu;
const NOT_A_TASTE =
  /\b(?:plan|program|programme|idea|session|app|advice|tips?|suggestions?|answers?|messages?|coach|programa|sesi[oó]n|consejos?|respuestas?|mensajes?|rutina|routine|chat)\b/iu;
function taste(value: string): string | null {
  if (NOT_A_TASTE_START.test(value) || NOT_A_TASTE.test(value) || value.split(/\s+/).length > 6) return null;
  return value;
}

// A goal is lasting; "I want to run today" is a plan for the day, "lose my mind" an idiom.
const NOT_A_GOAL =
  /\b(?:today|tonight|tomorrow|later|now|this\s+(?:morning|afternoon|evening)|hoy|manana|ahora|luego|esta\s+(?:tarde|noche)|my\s+(?:mind|temper)|la\s+cabeza)\b/iu;
const goal = (value: string) => (NOT_A_GOAL.test(normalizeText(value)) ? null : value);

const upper = (value: string) => value.toUpperCase();

// "I have severe allergies" says how, not to what.
const NOT_AN_ALLERGEN = /^(?:severe|bad|serious|some|many|several|multiple|lots\s+of|any|no|mild|terrible)$/;

const SPANISH_INJURY_VERBS: Record<string, string> = {
  lesione: 'se lesionó',
  torci: 'se torció',
  rompi: 'se rompió',
  fracture: 'se fracturó',
  lastime: 'se lastimó',
  disloque: 'se dislocó',
  desgarre: 'se desgarró',
  'hice dano en': 'se hizo daño en',
};
const ENGLISH_INJURY_PARTICIPLES: Record<string, string> = {
  hurt: 'injured',
  broke: 'broken',
  tore: 'torn',
};

const GOAL_VERBS_EN =
  '(?:lose|drop|shed|gain|put\\s+on|build|bulk|tone|run|finish|complete|compete|swim|cycle|ride|hike|climb|lift|squat|bench|deadlift|improve|increase|reduce|lower|quit|stop|cut\\s+(?:down|back)|get\\s+(?:fit|fitter|stronger|healthier|leaner|faster|in\\s+shape|back\\s+(?:in|into|to)|down\\s+to|under|below|my|rid)|be\\s+able\\s+to|reach|hit|become|learn\\s+to|sleep\\s+(?:better|more)|eat\\s+(?:better|healthier|more|less|clean)|drink\\s+(?:more|less)|feel\\s+(?:better|stronger|more|healthier|confident|fitter)|train\\s+for|prepare\\s+for|do\\s+(?:a|an|my\\s+first|\\d+)|weigh|fit\\s+into|stay\\s+(?:consistent|active|fit|healthy)|be\\s+(?:healthier|fitter|stronger|more|in))\\b';
const GOAL_VERBS_ES =
  '(?:bajar|perder|adelgazar|ganar|subir\\s+(?:de\\s+peso|\\d|masa|mi)|correr|terminar|completar|acabar\\s+(?:una|un|mi|la|el)|competir|nadar|mejorar|aumentar|reducir|dejar\\s+de|poder|ponerme\\s+(?:en\\s+forma|fuerte|mas)|estar\\s+(?:en\\s+forma|mas|san[oa]|fuerte)|tonificar|fortalecer|definir|llegar\\s+a|alcanzar|entrenar\\s+para|prepararme\\s+para|aprender\\s+a|ser\\s+capaz\\s+de|sentirme|dormir\\s+(?:mejor|mas)|comer\\s+(?:mejor|mas|sano|menos)|hacer\\s+(?:mi\\s+primer|mi\\s+primera|un\\s+maraton|una\\s+maraton|una\\s+media|un\\s+triatlon|\\d)|cuidarme|volver\\s+a)\\b';
const INTENT_EN =
  "(?:i\\s+(?:really\\s+|just\\s+|also\\s+)?(?:want\\s+to|wanna|hope\\s+to|plan\\s+to|need\\s+to|aim\\s+to|intend\\s+to|would\\s+(?:really\\s+)?(?:like|love)\\s+to|am\\s+(?:trying|planning|hoping|aiming)\\s+to)|i'd\\s+(?:really\\s+)?(?:like|love)\\s+to|i'?m\\s+(?:trying|planning|hoping|aiming)\\s+to)";
const INTENT_ES =
  '(?:quiero|quisiera|me\\s+gustaria|necesito|espero|pienso|planeo|pretendo|intento|voy\\s+a\\s+intentar|estoy\\s+intentando|mi\\s+idea\\s+es)';
const I_AM = "(?:i'?m|i\\s+am)";
// "Trabajo" the verb, not the noun ("mi trabajo de noche" is about the job, "trabajo de noche" about the user).
const WORK_VERB = '\\btrabajo(?<!\\b(?:el|mi|un|del|al|su|tu)\\strabajo)';

/**
 * The rules, most specific first: a later rule never takes words an earlier one already matched
 * ("trabajo de noche" is a schedule, so it is not also read as the job "noche").
 */
export const MEMORY_FACT_RULES: MemoryFactRule[] = [
  // ------------------------------------------------------------------------------------------ name
  {
    language: 'en',
    kind: 'fact',
    key: 'name',
    cue: /name/,
    pattern: rx(`\\bmy\\s+name(?:'s|\\s+is)\\s+${NAME}${NAME_END}`),
    shape: anyName,
    describe: (v) => `Name: ${v}`,
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'name',
    cue: /call me|go by|i'?m|i am/,
    pattern: rx(
      `(?:\\b(?:you\\s+can\\s+|please\\s+)?call\\s+me|\\bi\\s+go\\s+by|${introduction(I_AM)})\\s+${NAME}${NAME_END}`,
    ),
    shape: capitalisedName,
    describe: (v) => `Name: ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'name',
    cue: /llamo|nombre/,
    pattern: rx(`\\b(?:me\\s+llamo|mi\\s+nombre\\s+es)\\s+${NAME}${NAME_END}`),
    shape: anyName,
    describe: (v) => `Nombre: ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'name',
    cue: /llamame|llamarme|me dicen|soy/,
    pattern: rx(
      `(?:\\b(?:llamame|puedes\\s+llamarme|me\\s+dicen)|${introduction('soy')})\\s+${NAME}${NAME_END}`,
    ),
    shape: capitalisedName,
    describe: (v) => `Nombre: ${v}`,
  },
  // ------------------------------------------------------------------------------------------ age
  {
    language: 'en',
    kind: 'fact',
    key: 'age',
    cue: /old|yo|yrs/,
    pattern: rx(`\\b${I_AM}\\s+(?<value>[1-9]\\d)\\s*(?:years?\\s+old|yo|y\\/o|yrs?\\s+old)\\b`),
    describe: (v) => `${v} years old`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'age',
    cue: /anos/,
    pattern: rx(
      '\\btengo\\s+(?<value>[1-9]\\d)\\s+anos\\b(?!\\s+(?:entrenando|de|haciendo|corriendo|con|que|sin|en|trabajando|practicando|casad[oa]))',
    ),
    describe: (v) => `${v} años`,
  },
  // ------------------------------------------------------------------------------------------ goals
  {
    language: 'en',
    kind: 'goal',
    key: 'goal',
    cue: /goal|aim|target|objective/,
    pattern: rx(
      `\\bmy\\s+(?:main\\s+|big\\s+|biggest\\s+|new\\s+|first\\s+|ultimate\\s+|only\\s+)?(?:goal|aim|target|objective)(?:\\s+for\\s+[^,]+?)?\\s+(?:is|will\\s+be)\\s+(?:to\\s+)?(?<value>.+?)${END}`,
    ),
    shape: goal,
    describe: (v) => `Goal: ${v}`,
  },
  {
    language: 'en',
    kind: 'goal',
    key: 'goal',
    cue: /want|wanna|hope|plan|need|aim|intend|like to|love to|trying/,
    pattern: rx(`\\b${INTENT_EN}\\s+(?<value>${GOAL_VERBS_EN}.+?)${END}`),
    shape: goal,
    describe: (v) => `Goal: ${v}`,
  },
  {
    language: 'en',
    kind: 'goal',
    key: 'goal',
    cue: /training for/,
    pattern: rx(
      `\\b${I_AM}\\s+(?:currently\\s+|now\\s+)?training\\s+for\\s+(?<value>(?:a|an|my|the)\\s+.+?)${END}`,
    ),
    shape: goal,
    describe: (v) => `Training for ${v}`,
  },
  {
    language: 'es',
    kind: 'goal',
    key: 'goal',
    cue: /objetivo|meta|proposito|reto/,
    pattern: rx(
      `\\bmi\\s+(?:gran\\s+|principal\\s+|unico\\s+|nuevo\\s+)?(?:objetivo|meta|proposito|reto)(?:\\s+principal|\\s+para\\s+[^,]+?)?\\s+(?:es|sera)\\s+(?:el\\s+de\\s+)?(?<value>.+?)${END}`,
    ),
    shape: goal,
    describe: (v) => `Objetivo: ${v}`,
  },
  {
    language: 'es',
    kind: 'goal',
    key: 'goal',
    cue: /quiero|quisiera|gustaria|necesito|espero|pienso|planeo|pretendo|intent|mi idea/,
    pattern: rx(`\\b${INTENT_ES}\\s+(?<value>${GOAL_VERBS_ES}.+?)${END}`),
    shape: goal,
    describe: (v) => `Objetivo: ${v}`,
  },
  {
    language: 'es',
    kind: 'goal',
    key: 'goal',
    cue: /entrenando|preparando/,
    pattern: rx(
      `\\b(?:estoy|me\\s+estoy)\\s+(?:entrenando|preparando)\\s+para\\s+(?<value>(?:un|una|el|la|mi)\\s+.+?)${END}`,
    ),
    shape: goal,
    describe: (v) => `Entrenando para ${v}`,
  },
  // ------------------------------------------------------------------------------------------ diet and health
  {
    language: 'en',
    kind: 'preference',
    key: 'diet',
    cue: /vegetarian|vegan|pescatarian|pescetarian|plant|flexitarian|keto|paleo|carb|mediterranean|carnivore/,
    pattern: rx(
      `\\b${I_AM}\\s+(?:a\\s+|an\\s+)?(?:strict\\s+|full\\s+)?(?<value>vegetarian|vegan|pescatarian|pescetarian|plant[\\s-]based|flexitarian)\\b|\\bi\\s+(?:eat|follow|do)\\s+(?:a\\s+)?(?<value2>keto|paleo|low[\\s-]carb|mediterranean|plant[\\s-]based|carnivore)(?:\\s+diet)?\\b|\\b${I_AM}\\s+on\\s+(?:a\\s+|the\\s+)?(?<value3>keto|paleo|low[\\s-]carb|vegan|mediterranean|carnivore)\\s+diet\\b`,
    ),
    describe: (v) => capitalize(v),
  },
  {
    language: 'en',
    kind: 'preference',
    key: 'diet',
    cue: /eat/,
    pattern: rx(
      "\\bi\\s+(?:don'?t|do\\s+not|never)\\s+eat\\s+(?<value>meat|red\\s+meat|fish|pork|beef|dairy|gluten|eggs|animal\\s+products)\\b",
    ),
    describe: (v) => `Doesn't eat ${v}`,
  },
  {
    language: 'es',
    kind: 'preference',
    key: 'diet',
    cue: /vegetarian|vegan|pescetarian|pescatarian|flexitarian|dieta/,
    pattern: rx(
      '\\bsoy\\s+(?<value>vegetarian[oa]|vegan[oa]|pescetarian[oa]|pescatarian[oa]|flexitarian[oa])\\b|\\b(?:sigo|hago|llevo)\\s+(?:una\\s+)?(?<value2>dieta\\s+(?:keto|cetogenica|paleo|vegana|vegetariana|mediterranea|baja\\s+en\\s+carbohidratos))\\b',
    ),
    describe: (v) => capitalize(v),
  },
  {
    language: 'es',
    kind: 'preference',
    key: 'diet',
    cue: /no como/,
    pattern: rx(
      '\\bno\\s+como\\s+(?<value>carne(?:\\s+roja)?|pescado|cerdo|lacteos|gluten|huevos?|nada\\s+de\\s+origen\\s+animal)\\b',
    ),
    describe: (v) => `No come ${v}`,
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'allergy',
    cue: /allergic/,
    pattern: rx(
      `\\b${I_AM}\\s+(?:very\\s+|severely\\s+|really\\s+|also\\s+|a\\s+bit\\s+)?allergic\\s+to\\s+(?<value>.+?)${END}`,
    ),
    describe: (v) => `Allergic to ${v}`,
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'allergy',
    cue: /allerg/,
    pattern: rx(
      `\\bi\\s+have\\s+(?:an?\\s+|a\\s+severe\\s+|severe\\s+)?(?:allerg(?:y|ies)\\s+to\\s+(?<value>.+?)${END}|(?<value2>[\\p{L}-]+(?:\\s+[\\p{L}-]+)?)\\s+allerg(?:y|ies)\\b)`,
    ),
    shape: (v, g) => (g.value2 && NOT_AN_ALLERGEN.test(normalizeText(v)) ? null : v),
    describe: (v, g) => (g.value2 ? `${capitalize(v)} allergy` : `Allergic to ${v}`),
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'allergy',
    cue: /alergi/,
    pattern: rx(
      `\\b(?:soy|tengo)\\s+(?:muy\\s+|bastante\\s+)?(?<phrase>(?:alergic[oa]s?|alergia)\\s+(?:a|al)\\s+(?:(?:los|las|la|el)\\s+)?(?<value>.+?))${END}`,
    ),
    describe: (_, g) => capitalize(g.phrase ?? ''),
  },
  {
    language: 'en',
    kind: 'fact',
    key: (v) => (/diabet|asthma|pregnan|blood|hypertension|heart/i.test(v) ? 'condition' : 'intolerance'),
    cue: /intoleran|celiac|coeliac|diabet|asthma|pregnant|blood pressure|hypertension|heart condition/,
    pattern: rx(
      `\\b${I_AM}\\s+(?:also\\s+)?(?<value>lactose[\\s-]intolerant|gluten[\\s-]intolerant|celiac|coeliac|(?:type\\s+[12]\\s+)?diabetic|asthmatic|pregnant)\\b|\\bi\\s+have\\s+(?<value2>(?:type\\s+[12]\\s+)?diabetes|asthma|(?:celiac|coeliac)\\s+disease|high\\s+blood\\s+pressure|hypertension|a\\s+heart\\s+condition|lactose\\s+intolerance)\\b`,
    ),
    describe: (v) => capitalize(v),
  },
  {
    language: 'es',
    kind: 'fact',
    key: (v) => (/diabet|asm|embaraz|tensi[oó]n|hipertensi|coraz/i.test(v) ? 'condition' : 'intolerance'),
    cue: /intoleran|celiac|diabet|asma|embarazada|hipertension|tension/,
    pattern: rx(
      '\\b(?:soy|estoy)\\s+(?:tambien\\s+)?(?<value>intolerante\\s+(?:a\\s+la\\s+(?:lactosa|fructosa)|al\\s+gluten)|celiac[oa]|diabetic[oa]|asmatic[oa]|embarazada)\\b|\\btengo\\s+(?<value2>diabetes(?:\\s+tipo\\s+[12])?|asma|celiaquia|hipertension|la\\s+tension\\s+alta|intolerancia\\s+(?:a\\s+la\\s+(?:lactosa|fructosa)|al\\s+gluten))\\b',
    ),
    describe: (v) => capitalize(v),
  },
  // ------------------------------------------------------------------------------------------ injuries
  {
    language: 'en',
    kind: 'fact',
    key: 'injury',
    cue: new RegExp(BODY_EN),
    pattern: rx(
      `\\bi\\s+(?:have|'ve\\s+got|have\\s+got|got)\\s+(?:a\\s+|an\\s+)?(?<value>(?:bad|injured|weak|dodgy|torn|sprained|broken|twisted|pulled|herniated|slipped|bulging|frozen|bum|busted|trick)\\s+${BODY_EN})\\b`,
    ),
    describe: (v) => capitalize(v),
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'injury',
    cue: /injur|tendin|tendon|sprain|fractur|hernia|fasciitis|splints|sciatica|arthritis|bursitis|runner's knee|tennis elbow|scoliosis/,
    pattern: rx(
      `\\bi\\s+(?:have|'ve\\s+got|have\\s+got|got|am\\s+recovering\\s+from|'m\\s+recovering\\s+from)\\s+(?:a\\s+|an\\s+)?(?<value>(?:${BODY_EN}\\s+)?(?:injury|tendinitis|tendonitis|sprain|fracture|hernia|herniated\\s+disc|plantar\\s+fasciitis|shin\\s+splints|sciatica|arthritis|osteoarthritis|bursitis|runner's\\s+knee|tennis\\s+elbow|scoliosis)(?:\\s+(?:in|on)\\s+(?:my|the)\\s+${BODY_EN})?)\\b`,
    ),
    shape: (v) => v.replace(/\b(in|on) my\b/iu, '$1 the'),
    describe: (v) => capitalize(v),
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'injury',
    cue: /injured|hurt|sprained|twisted|broke|pulled|tore|strained|fractured|dislocated|tweaked/,
    pattern: rx(
      `\\bi\\s+(?:recently\\s+|just\\s+)?(?<verb>injured|hurt|sprained|twisted|broke|pulled|tore|strained|fractured|dislocated|tweaked)\\s+my\\s+(?<value>${BODY_EN})\\b`,
    ),
    shape: (v, g) => {
      const verb = normalizeText(g.verb ?? '');
      return `${ENGLISH_INJURY_PARTICIPLES[verb] ?? verb} ${v}`;
    },
    describe: (v) => capitalize(v),
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'injury',
    cue: /lesion|tendin|esguince|fractura|hernia|fascitis|contractura|rotura|condromalacia|periostitis|bursitis|artrosis|artritis|ciatica|escoliosis|lumbalgia/,
    pattern: rx(
      `\\btengo\\s+(?:una\\s+|un\\s+)?(?<value>(?:lesion|tendinitis|tendinopatia|esguince|fractura|hernia(?:\\s+discal)?|fascitis\\s+plantar|contractura|rotura\\s+(?:de|del)\\s+\\p{L}+|condromalacia|periostitis|bursitis|artrosis|artritis|ciatica|escoliosis|lumbalgia)(?:\\s+(?:en|de)\\s+(?:la|el|los|las|mi|mis)\\s+${BODY_ES})?)\\b`,
    ),
    describe: (v) => capitalize(v),
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'injury',
    cue: new RegExp(BODY_ES),
    pattern: rx(
      `\\btengo\\s+(?<value>(?:la|el|los|las|mi|mis)\\s+${BODY_ES}\\s+(?:mal|lesionad[oa]s?|fastidiad[oa]s?|tocad[oa]s?|operad[oa]s?|debil(?:es)?))\\b`,
    ),
    describe: (v) => `Tiene ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'injury',
    cue: /me (?:lesione|torci|rompi|fracture|lastime|disloque|desgarre|hice dano)/,
    pattern: rx(
      `\\bme\\s+(?<verb>lesione|torci|rompi|fracture|lastime|disloque|desgarre|hice\\s+dano\\s+en)\\s+(?<value>(?:el|la|los|las|mi|mis)\\s+${BODY_ES})\\b`,
    ),
    shape: (v, g) => `${SPANISH_INJURY_VERBS[normalizeText(g.verb ?? '')] ?? 'se lesionó'} ${v}`,
    describe: (v) => capitalize(v),
  },
  // ------------------------------------------------------------------------------------------ where and when
  {
    language: 'en',
    kind: 'fact',
    key: 'location',
    cue: /live|moved|living|based/,
    pattern: rx(
      `\\b(?:i\\s+(?:live|(?:just\\s+|recently\\s+)?moved)|${I_AM}\\s+(?:living|based))\\s+(?:in|to)\\s+(?<value>.+?)${END}`,
    ),
    shape: place,
    describe: (v) => `Lives in ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'location',
    cue: /vivo|viviendo|resido|mude|mudar|mudado/,
    pattern: rx(
      `\\b(?:vivo|estoy\\s+viviendo|resido|me\\s+mude|me\\s+acabo\\s+de\\s+mudar|me\\s+he\\s+mudado)\\s+(?:en|a)\\s+(?<value>.+?)${END}`,
    ),
    shape: place,
    describe: (v) => `Vive en ${v}`,
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'time_zone',
    cue: new RegExp(TIME_ZONE),
    pattern: rx(
      `\\bmy\\s+time\\s*zone\\s+is\\s+(?<value>${TIME_ZONE})\\b|\\b${I_AM}\\s+(?:on|in)\\s+(?<value2>${TIME_ZONE})\\b`,
    ),
    shape: upper,
    describe: (v) => `Time zone: ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'time_zone',
    cue: new RegExp(TIME_ZONE),
    pattern: rx(
      `\\bmi\\s+zona\\s+horaria\\s+es\\s+(?<value>${TIME_ZONE})\\b|\\bestoy\\s+en\\s+(?<value2>${TIME_ZONE})\\b`,
    ),
    shape: upper,
    describe: (v) => `Zona horaria: ${v}`,
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'schedule',
    cue: /work/,
    pattern: rx(
      '\\bi\\s+(?:usually\\s+|mostly\\s+|currently\\s+|also\\s+)?work\\s+(?<value>(?:the\\s+)?(?:nights?|(?:night|day|morning|evening|early|late|rotating|double)\\s+shifts?|nightshifts?|shifts|weekends|long\\s+hours|from\\s+home|remotely|part[\\s-]time|full[\\s-]time|(?:from\\s+)?\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?\\s*(?:to|-|until|till)\\s*\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?))\\b',
    ),
    describe: (v) => `Works ${v}`,
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'schedule',
    cue: /owl|bird|person|shift worker/,
    pattern: rx(
      `\\b${I_AM}\\s+(?:a\\s+|an\\s+)?(?:total\\s+|real\\s+)?(?<value>night\\s+owl|early\\s+bird|morning\\s+person|night\\s+person|shift\\s+worker)\\b`,
    ),
    describe: (v) => capitalize(v),
  },
  {
    language: 'en',
    kind: 'fact',
    key: 'occupation',
    cue: /work as/,
    pattern: rx(`\\bi\\s+work\\s+as\\s+(?:a|an)\\s+(?<value>.+?)${END}`),
    shape: (v) => (v.split(/\s+/).length <= 4 ? v : null),
    describe: (v) => `Works as ${/^[aeiou]/i.test(v) ? 'an' : 'a'} ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'schedule',
    cue: /trabajo/,
    pattern: rx(
      `${WORK_VERB}\\s+(?<value>(?:de|por\\s+las)\\s+(?:noches?|madrugada|tardes?|mananas?)|(?:a|por|en)\\s+turnos(?:\\s+(?:de\\s+noche|rotativos))?|desde\\s+casa|en\\s+remoto|a\\s+distancia|los\\s+fines\\s+de\\s+semana|de\\s+lunes\\s+a\\s+(?:viernes|sabado)|muchas\\s+horas|a\\s+(?:media\\s+jornada|jornada\\s+completa|tiempo\\s+completo|tiempo\\s+parcial)|(?:de\\s+)?\\d{1,2}(?::\\d{2})?\\s*(?:a|-|hasta)\\s*\\d{1,2}(?::\\d{2})?)\\b`,
    ),
    describe: (v) => `Trabaja ${v}`,
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'schedule',
    cue: /nocturn|madrugador/,
    pattern: rx('\\bsoy\\s+(?:muy\\s+)?(?<value>nocturn[oa]|madrugador(?:a)?)\\b'),
    describe: (v) => capitalize(v),
  },
  {
    language: 'es',
    kind: 'fact',
    key: 'occupation',
    cue: /trabajo/,
    pattern: rx(`${WORK_VERB}\\s+(?<prep>de|como)\\s+(?<value>\\p{L}.*?)${END}`),
    shape: (v) => (v.split(/\s+/).length <= 4 ? v : null),
    describe: (v, g) => `Trabaja ${normalizeText(g.prep ?? 'de')} ${v}`,
  },
  // ------------------------------------------------------------------------------------------ tastes
  {
    language: 'en',
    kind: 'preference',
    key: (v) => (TIME_OF_DAY.test(normalizeText(v)) ? 'preferred_time' : 'prefers'),
    cue: /prefer/,
    pattern: rx(
      `\\bi(?:'d|\\s+would)?\\s+(?:usually\\s+|generally\\s+|really\\s+|definitely\\s+|much\\s+|also\\s+)?prefer\\s+(?<value>.+?)${END}`,
    ),
    describe: (v) => `Prefers ${v}`,
  },
  {
    language: 'es',
    kind: 'preference',
    key: (v) => (TIME_OF_DAY.test(normalizeText(v)) ? 'preferred_time' : 'prefers'),
    cue: /prefiero/,
    pattern: rx(`\\bprefiero\\s+(?<value>.+?)${END}`),
    describe: (v) => `Prefiere ${v}`,
  },
  {
    language: 'en',
    kind: 'preference',
    key: 'dislikes',
    cue: /like|enjoy|love|hate|dislike|stand|detest|fan of|into/,
    pattern: rx(
      `\\bi\\s+(?:really\\s+|just\\s+)?(?:(?:don'?t|do\\s+not|dont)\\s+(?:really\\s+)?(?:like|enjoy|love)|hate|dislike|can'?t\\s+stand|detest)\\s+(?<value>.+?)${END}|\\b${I_AM}\\s+not\\s+(?:a\\s+(?:big\\s+|huge\\s+)?fan\\s+of|into)\\s+(?<value2>.+?)${END}`,
    ),
    shape: taste,
    describe: (v) => `Dislikes ${v}`,
  },
  {
    language: 'en',
    kind: 'preference',
    key: 'likes',
    cue: /love|like|enjoy|adore/,
    pattern: rx(
      `\\bi\\s+(?:really\\s+|absolutely\\s+|just\\s+|also\\s+)?(?:love|like|enjoy|adore)\\s+(?<value>.+?)${END}`,
    ),
    shape: taste,
    describe: (v) => `Likes ${v}`,
  },
  {
    language: 'es',
    kind: 'preference',
    key: 'dislikes',
    cue: /gust|encant|odio|detesto|soporto|aguanto/,
    pattern: rx(
      `\\b(?:no\\s+me\\s+(?<verb>gustan?|encantan?)(?:\\s+(?:nada|mucho))?|(?<verb2>odio|detesto|no\\s+soporto|no\\s+aguanto))\\s+(?<value>.+?)${END}`,
    ),
    shape: taste,
    describe: (v, g) => {
      const dislike: Record<string, string> = {
        odio: 'Odia',
        detesto: 'Detesta',
        'no soporto': 'No soporta',
        'no aguanto': 'No aguanta',
      };
      if (g.verb2) return `${dislike[normalizeText(g.verb2)] ?? 'No le gusta'} ${v}`;
      return `No le ${normalizeText(g.verb ?? 'gusta')} ${v}`;
    },
  },
  {
    language: 'es',
    kind: 'preference',
    key: 'likes',
    cue: /gust|encant|chifl|flip/,
    pattern: rx(
      `\\bme\\s+(?<verb>gustan?|encantan?|chiflan?|flipan?)(?:\\s+(?:mucho|muchisimo|bastante))?\\s+(?<value>.+?)${END}`,
    ),
    shape: taste,
    describe: (v, g) => `Le ${normalizeText(g.verb ?? 'gusta')} ${v}`,
  },
];
