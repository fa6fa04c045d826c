import type { ChatLanguage } from './detect-language.ts';
import { normalizeText, normalizeWithOffsets, originalSpan } from './normalize.ts';

export type CrisisKind = 'self_harm' | 'medical_emergency' | 'violence';

export interface CrisisMatch {
  kind: CrisisKind;
  /** The words that matched, as the user typed them. */
  matched: string;
  /** The language of the pattern that matched (not of the whole message). */
  language: ChatLanguage;
}

interface CrisisPattern {
  kind: CrisisKind;
  language: ChatLanguage;
  /** Over `normalizeText` output: lower case, no accents, "ñ" as "n", apostrophes as "'". */
  pattern: RegExp;
  /** Hyperbole or a question when the text right before the match fits ("laughing so hard I | can't breathe"). */
  unlessBefore?: RegExp;
}

// Patterns are written over the normal form, so "quiero MORIRME", "quiero morírme" and "im gonna" all
// reach them. Hyperbole that coaching chats are full of ("this workout is killing me", "me muero de
// ganas", "to die for") is kept out by the wording of the patterns, lookaheads and `unlessBefore`, never by
// guessing the sentiment: a missed crisis costs far more than a needless safety message.
const PATTERNS: CrisisPattern[] = [
  // ---------------------------------------------------------------- self-harm, English
  {
    kind: 'self_harm',
    language: 'en',
    pattern:
      /\b(?:want(?:s|ed)?|wanna|wish(?:ed|ing)?|planning|trying|tried|decided)\s+(?:to\s+)?(?:just\s+)?die\b(?!\s+(?:for\b|of\s+(?:embarrassment|shame|laugh|boredom|cuteness)|laughing|on\s+this\s+hill|(?:my|her|his|your|the)\s+(?:\w+\s+)?hair))/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    pattern:
      /\b(?:(?:want|wanna|going|gonna|planning|plan|thinking\s+(?:about|of)|thought\s+(?:about|of)|try(?:ing)?|tried|about|could|should|will|might|i'?ll)\s+(?:to\s+)?)?kill(?:ing)?\s+my\s?self\b(?!\s+(?:at|in|with|over|for|doing)\s+(?:the\s+)?(?:gym|work|training|workouts?|this|these|cardio|exercises?|sessions?)\b)/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    pattern:
      /\b(?:end(?:ing)?\s+(?:my\s+(?:own\s+)?life|it\s+all)|(?:take|taking|took)\s+my\s+(?:own\s+)?life)\b(?!\s+back)/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    pattern:
      /\b(?:no|nothing|zero)\s+(?:reason|point|purpose)\s+(?:to|in|for)\s+(?:live|living|being\s+alive|go(?:ing)?\s+on)\b|\bnothing\s+(?:left\s+)?to\s+live\s+for\b|\b(?:life\s+(?:isn'?t|is\s+not|is\s+no\s+longer)|not)\s+worth\s+living\b/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    pattern:
      /\b(?:don'?t|do\s+not|no\s+longer)\s+want\s+to\s+(?:live|be\s+alive|exist|wake\s+up|be\s+here\s+anymore)\b(?!\s+(?:in|with|near|there|here|alone|together|early|at|before|so)\b)/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    pattern:
      /\bbetter\s+off\s+(?:dead|without\s+me)\b|\bwant\s+to\s+be\s+dead\b|\bwish\s+i\s+(?:was|were|had)\s+(?:dead|never\s+been\s+born)\b|\bwish\s+i\s+could\s+(?:just\s+)?(?:die|disappear\s+forever)\b/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    // Only with intent: "I hurt myself at the gym" is an injury, not self-harm.
    pattern:
      /\b(?:(?:want|wanna|going|gonna|urges?|thinking\s+about|thought\s+about|feel\s+like|keep|kept|started|been|planning|plan)\s+(?:to\s+)?(?:hurt(?:ing)?|harm(?:ing)?|cut(?:ting)?)\s+my\s?self\b(?!\s+(?:at|in|on|while|when|doing|lifting|running|training)\b)|\b(?:hurt|harm|cut)(?:ing)?\s+my\s?self\s+on\s+purpose\b|\bself[\s-]?harm\w*)/g,
  },
  {
    kind: 'self_harm',
    language: 'en',
    // "Suicides" and "suicide sprints" are a running drill.
    pattern:
      /\bsuicid(?:e|al|ally|ality)\b(?!\s+(?:sprints?|runs?|drills?|shuttles?|squats?|burpees?|lines?)\b)|\btak(?:e|ing)\s+all\s+(?:of\s+)?(?:my|the)\s+(?:pills|meds|medication|tablets)\b/g,
  },
  // ---------------------------------------------------------------- self-harm, Spanish
  {
    kind: 'self_harm',
    language: 'es',
    pattern:
      /\b(?:me\s+)?(?:quiero|quisiera|queria|deseo|prefiero|necesito|ganas\s+de)\s+morir(?:me)?\b(?!\s+de\s+(?:la\s+)?(?:risa|ganas|hambre|sueno|calor|frio|verguenza|amor|envidia|aburrimiento|pena))/g,
  },
  {
    kind: 'self_harm',
    language: 'es',
    pattern:
      /\bme\s+(?:quiero|voy\s+a)\s+matar\b|\b(?:quiero|voy\s+a|pienso\s+en|pensando\s+en|pense\s+en|ganas\s+de|deberia|podria)\s+matarme\b/g,
  },
  {
    kind: 'self_harm',
    language: 'es',
    pattern:
      /\bquitarme\s+la\s+vida\b|\b(?:acabar|terminar)\s+con\s+(?:mi\s+vida|todo(?!\s+(?:el|la|lo|los|las|esto|eso|mi|mis)\b))\b|\bquitarme\s+de\s+en\s+medio\b/g,
  },
  {
    kind: 'self_harm',
    language: 'es',
    pattern:
      /\bno\s+vale\s+la\s+pena\s+(?:vivir|seguir\s+viviendo)\b|\b(?:no\s+tengo|sin)\s+(?:ninguna\s+)?(?:razon(?:es)?|motivos?|ganas)\s+(?:para|de)\s+vivir\b|\bno\s+quiero\s+(?:vivir|seguir\s+viviendo|despertar(?:me)?|existir|estar\s+viv[oa])\b(?!\s+(?:en|con|cerca|alli|aqui|sol[oa]|temprano|pronto|a\s+las|tan)\b)/g,
  },
  {
    kind: 'self_harm',
    language: 'es',
    pattern:
      /\b(?:quiero|quisiera|prefiero)\s+estar\s+muert[oa]\b|\bojala\s+(?:me\s+muriera|estuviera\s+muert[oa]|no\s+(?:despertar|haber\s+nacido))\b|\bestaria(?:n)?\s+mejor\s+(?:muert[oa]|sin\s+mi)\b/g,
  },
  {
    kind: 'self_harm',
    language: 'es',
    // Only with intent: "me hice daño en la rodilla" is an injury, not self-harm.
    pattern:
      /\b(?:quiero|quisiera|voy\s+a|ganas\s+de|pienso\s+en|pensando\s+en|pense\s+en|he\s+pensado\s+en|tentacion\s+de|impulso\s+de|necesito)\s+(?:hacerme\s+(?:dano|algo)|lastimarme|autolesionarme|cortarme\s+(?:las\s+venas|los\s+brazos|las\s+munecas))\b|\b(?:me\s+(?:hago|hice)\s+dano|hacerme\s+dano|lastimarme)\s+a\s+proposito\b|\bautolesi\w*/g,
  },
  {
    kind: 'self_harm',
    language: 'es',
    pattern:
      /\bsuicid(?:io|a|as|arme|arse|arte|ar)\b|\btomar(?:me)?\s+todas\s+(?:las|mis)\s+(?:pastillas|pildoras)\b/g,
  },
  // ---------------------------------------------------------------- medical emergency, English
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern:
      /\bchest\s+pains?\b|\b(?:pain|pressure|tightness)\s+(?:in|on)\s+(?:my|the)\s+chest\b|\bchest\s+(?:hurts|is\s+hurting|feels\s+tight|is\s+tight|tightness)\b/g,
  },
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern:
      /\b(?:can'?t|cannot|can\s+not|couldn'?t|unable\s+to|struggling\s+to)\s+breathe?\b(?!\s+through\s+(?:my|the)\s+nose)|\b(?:trouble|difficulty)\s+breathing\b/g,
    unlessBefore: /\blaugh\w*\s+(?:so\s+(?:hard|much)\s+)?(?:that\s+)?i\s*$/,
  },
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern:
      /\b(?:fainted|passed\s+out|blacked\s+out|lost\s+consciousness|(?:about|going|gonna)\s+to\s+faint|feel(?:ing)?\s+faint)\b/g,
  },
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern: /\boverdos(?:e|ed|ing)\b/g,
    // "Can you overdose on caffeine?" asks for information.
    unlessBefore: /\b(?:can\s+(?:you|one)|possible\s+to)\s*$/,
  },
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern:
      /\bheart\s+attack\b(?!\s+(?:on\s+a\s+plate|(?:last|a\s+few|\w+)\s+(?:years?|months?)\s+ago|last\s+(?:year|month)))/g,
    unlessBefore:
      /(?:\b(?:gave|give|giving|gives)\s+(?:me|us)|\b(?:almost|nearly)\s+(?:had|have|gave\s+me))\s+(?:a\s+)?(?:mini\s+)?$|\bmini\s*$/,
  },
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern:
      /\b(?:having|had|have)\s+a\s+stroke\b|\bstroke\s+symptoms\b|\bsigns\s+of\s+(?:a\s+)?stroke\b|\b(?:face|mouth|smile)\s+(?:is\s+)?droop(?:ing|s|y)\b|\bslurr(?:ed|ing)\s+(?:speech|my\s+words)\b|\b(?:one\s+side|half)\s+of\s+my\s+(?:face|body)\s+(?:is\s+|went\s+|feels\s+)?(?:numb|weak|drooping|paralyzed)\b/g,
  },
  {
    kind: 'medical_emergency',
    language: 'en',
    pattern:
      /\banaphyla\w*|\bthroat\s+(?:is\s+)?(?:closing|swelling)\b|\b(?:having\s+a\s+)?seizures?\b|\bcall(?:ed)?\s+an\s+ambulance\b/g,
  },
  // ---------------------------------------------------------------- medical emergency, Spanish
  {
    kind: 'medical_emergency',
    language: 'es',
    pattern:
      /\bdolor\s+(?:muy\s+)?(?:fuerte\s+|intenso\s+|agudo\s+)?(?:en\s+el|de|del)\s+pecho\b|\bme\s+duele\s+(?:mucho\s+)?el\s+pecho\b|\b(?:presion|opresion)\s+en\s+el\s+pecho\b/g,
  },
  {
    kind: 'medical_emergency',
    language: 'es',
    pattern:
      /\bno\s+(?:puedo|podia|consigo)\s+respirar\b(?!\s+(?:por\s+la\s+nariz|de\s+(?:la\s+)?risa))|\bdificultad\s+para\s+respirar\b|\bme\s+ahogo\b(?!\s+de\s+(?:la\s+)?risa)/g,
  },
  {
    kind: 'medical_emergency',
    language: 'es',
    pattern:
      /\b(?:me|se)\s+(?:ha\s+|he\s+)?desmay(?:e|o|ado|ada)\b(?!\s+de\s+(?:la\s+)?(?:risa|amor|emocion))|\b(?:me\s+)?(?:voy|iba)\s+a\s+desmayar(?:me)?\b|\btuve\s+un\s+desmayo\b|\bperdi\s+el\s+conocimiento\b/g,
  },
  {
    kind: 'medical_emergency',
    language: 'es',
    pattern: /\b(?:infarto|ataque\s+(?:al\s+corazon|cardiaco))\b|\bsobredosis\b/g,
    unlessBefore: /\b(?:casi\s+me\s+(?:da|dio)|me\s+(?:va|iba)\s+a\s+dar)\s+un\s+(?:mini\s*)?$|\bmini\s*$/,
  },
  {
    kind: 'medical_emergency',
    language: 'es',
    pattern:
      /\b(?:ictus|derrame\s+cerebral|accidente\s+cerebrovascular)\b|\bse\s+me\s+(?:cierra|esta\s+cerrando)\s+la\s+garganta\b|\banafila\w*|\bconvulsi\w*|\bllam(?:ar|en|a)\s+a\s+una\s+ambulancia\b/g,
  },
  // ---------------------------------------------------------------- violence, English
  {
    kind: 'violence',
    language: 'en',
    pattern:
      /\b(?:someone|somebody|he|she|they|my\s+(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|ex|dad|father|mom|mum|mother|stepdad|stepfather|stepmom|brother|roommate|boss))(?:'s|'re|\s+(?:is|are|keeps|has\s+been|have\s+been|was|were|started|always|just|still))?\s+(?:hit(?:s|ting)?|beat(?:s|ing)?|punch(?:es|ed|ing)?|kick(?:s|ed|ing)?|chok(?:es|ed|ing)|strangl(?:es|ed|ing)|hurt(?:s|ing)?|threaten(?:s|ed|ing)?|abus(?:es|ed|ing)|rap(?:es|ed))\s+me\b(?!\s+(?:with|up|to|in\s+the\s+gym)\b)/g,
  },
  {
    kind: 'violence',
    language: 'en',
    pattern:
      /\b(?:afraid|scared|terrified)\s+(?:that\s+)?(?:he|she|they|someone|my\s+\w+)\s*(?:'ll|will|is\s+going\s+to|is\s+gonna|might|could|would|wants\s+to)\s+(?:kill|hurt|hit|beat)\s+me\b|\b(?:fear|scared|afraid)\s+for\s+my\s+life\b|\bthreaten(?:ed|s|ing)?\s+to\s+kill\s+me\b/g,
  },
  {
    kind: 'violence',
    language: 'en',
    pattern:
      /\b(?:i'?m|i\s+am)\s+being\s+(?:abused|beaten|hurt|hit)\b|\b(?:i\s+(?:don'?t|do\s+not)\s+feel|i'?m\s+not|i\s+am\s+not)\s+safe\s+(?:at\s+home|with\s+(?:him|her|them|my\s+\w+))\b|\bdomestic\s+(?:violence|abuse)\b/g,
  },
  // ---------------------------------------------------------------- violence, Spanish
  {
    kind: 'violence',
    language: 'es',
    pattern:
      /\bme\s+(?:esta|estan|sigue|siguen)\s+(?:pegando|golpeando|maltratando|amenazando|agrediendo|acosando|abusando)\b/g,
  },
  {
    kind: 'violence',
    language: 'es',
    pattern:
      /\b(?:alguien|el|ella|ellos|mi\s+(?:pareja|novio|novia|marido|esposo|esposa|mujer|ex|padre|madre|papa|mama|padrastro|madrastra|hermano|jefe))\s+(?:(?:siempre|ya|otra\s+vez|a\s+veces)\s+)?me\s+(?:pega|pego|pegaba|golpea|golpeo|golpeaba|maltrata|maltrato|maltrataba|amenaza|amenazo|amenazaba|agrede|agredio|viola|violo|abusa|abuso|ahorca|ahorco|estrangula|estrangulo)\b(?!\s+con\s+(?:despedir|echar|dejar|denunciar|cancelar|subir)\w*)/g,
  },
  {
    kind: 'violence',
    language: 'es',
    pattern:
      /\bmiedo\s+(?:de\s+|a\s+)?que\s+(?:me\s+)?(?:mate|maten|pegue|peguen|haga\s+dano|lastime|golpee)\b(?!\s+(?:el|la|este|esta)\s+(?:entrenamiento|entreno|rutina|clase|sesion|dieta|entrenador|entrenadora|coach)\b)|\bamenaz(?:a|o|ado|ando)\s+con\s+matarme\b/g,
  },
  {
    kind: 'violence',
    language: 'es',
    pattern:
      /\bno\s+(?:estoy|me\s+siento)\s+(?:a\s+salvo|segur[oa])\s+(?:en\s+(?:mi\s+)?casa|con\s+(?:el|ella|mi\s+\w+))\b|\bviolencia\s+(?:domestica|de\s+genero|machista)\b|\bme\s+(?:han\s+)?violado\b|\bme\s+violaron\b|\babus(?:o|aron|a)\s+de\s+mi\b/g,
  },
];

// A negation right before the phrase ("I don't want to die", "no quiero morir", "no chest pain")
// cancels it. Only words that cannot hide a real crisis may sit in between; Spanish puts its "no" right
// before the verb, so "no sé quiero morirme" still matches.
const NEGATED_BEFORE: Record<CrisisKind, RegExp> = {
  self_harm:
    /(?:\b(?:don'?t|do not|didn'?t|did not|never|not|wouldn'?t|would not|won'?t|will not)(?:\s+(?:really|ever|even|actually))?|\b(?:no|nunca|jamas|tampoco|ni))\s*$/,
  violence: /(?:\b(?:never|not|didn'?t|did not|doesn'?t|does not)|\b(?:no|nunca|jamas|tampoco|ni))\s*$/,
  medical_emergency:
    /\b(?:no|not|without|sin|ni|(?:don'?t|do not|didn'?t|did not)\s+have|no\s+(?:tengo|tuve|he\s+tenido))(?:\s+(?:a|an|any|un|una|ningun|ninguna))?\s*$/,
};

/**
 * Looks for signs that a message needs a human now: suicidal thoughts or self-harm, a medical
 * emergency, or violence against the user, in English or Spanish. Phrase patterns over the normalised
 * text (accents, case, apostrophes and spacing do not matter), with everyday hyperbole excluded.
 * Returns the first match in that order of priority, or `null`.
 *
 * @example detectCrisis('no puedo más, me quiero matar') // { kind: 'self_harm', matched: 'me quiero matar', language: 'es' }
 * @example detectCrisis('This workout is killing me 😅') // null
 */
export function detectCrisis(text: string): CrisisMatch | null {
  const normalized = normalizeText(text);
  for (const { kind, language, pattern, unlessBefore } of PATTERNS) {
    for (const m of normalized.matchAll(pattern)) {
      const before = normalized.slice(Math.max(0, m.index - 40), m.index);
      if (NEGATED_BEFORE[kind].test(before) || unlessBefore?.test(before)) continue;
      const offsets = normalizeWithOffsets(text);
      return { kind, language, matched: originalSpan(text, offsets, m.index, m.index + m[0].length) };
    }
  }
  return null;
}

const EMERGENCY = {
  en: 'call your local emergency number (112 in the EU, 911 in the US and much of Latin America)',
  es: 'llama al número de emergencias de tu país (112 en la UE, 911 en EE. UU. y gran parte de Latinoamérica)',
};

const RESPONSES: Record<CrisisKind, Record<ChatLanguage, (coach: string) => string>> = {
  self_harm: {
    en: (coach) =>
      `I'm really sorry you're going through this, and I'm glad you told me. You deserve support right now. ` +
      `If you might act on these thoughts or are in danger, please ${EMERGENCY.en} now. ` +
      `In the US you can also call or text 988 (Suicide & Crisis Lifeline); in Spain you can call 024. ` +
      `I've let ${coach} know about this message. I'm an AI, so please also reach out to someone you trust.`,
    es: (coach) =>
      `Siento mucho que estés pasando por esto, y gracias por contármelo. Mereces apoyo ahora mismo. ` +
      `Si crees que podrías hacerte daño o estás en peligro, por favor ${EMERGENCY.es} ahora. ` +
      `En España puedes llamar al 024 (línea de atención a la conducta suicida); en EE. UU., llamar o ` +
      `escribir al 988. He avisado a ${coach} de este mensaje. Soy una IA: habla también con alguien de confianza.`,
  },
  medical_emergency: {
    en: (coach) =>
      `This could be a medical emergency. Please ${EMERGENCY.en} right now, or ask someone near you to ` +
      `call for you. I've let ${coach} know about this message. I'm an AI and can't assess what is ` +
      `happening, so please don't wait for a reply here.`,
    es: (coach) =>
      `Esto podría ser una emergencia médica. Por favor, ${EMERGENCY.es} ahora mismo, o pide a alguien que ` +
      `esté contigo que llame. He avisado a ${coach} de este mensaje. Soy una IA y no puedo valorar lo que ` +
      `te pasa, así que no esperes una respuesta aquí.`,
  },
  violence: {
    en: (coach) =>
      `I'm so sorry this is happening to you; it is not your fault. If you are in danger right now, please ` +
      `${EMERGENCY.en} and, if you can, go somewhere safe. In the US, the National Domestic Violence ` +
      `Hotline is 1-800-799-7233; in Spain you can call 016. I've let ${coach} know about this message.`,
    es: (coach) =>
      `Siento mucho que te esté pasando esto; no es culpa tuya. Si estás en peligro ahora mismo, por favor ` +
      `${EMERGENCY.es} y, si puedes, ve a un lugar seguro. En España puedes llamar al 016 (no deja rastro ` +
      `en la factura); en EE. UU., al 1-800-799-7233. He avisado a ${coach} de este mensaje.`,
  },
};

/**
 * The reply the assistant sends instead of its own answer when `detectCrisis` fires: short, calm,
 * non-judgemental, pointing to emergency services and crisis lines, and saying the coach has been told
 * (send it only once the coach has actually been notified). It gives no medical advice.
 *
 * @example crisisResponse('medical_emergency', 'es', { creatorName: 'Lucía' }) // 'Esto podría ser una emergencia médica. ...'
 */
export function crisisResponse(kind: CrisisKind, lang: ChatLanguage, opts: { creatorName: string }): string {
  const coach = opts.creatorName.trim() || (lang === 'es' ? 'tu coach' : 'your coach');
  return RESPONSES[kind][lang](coach);
}
