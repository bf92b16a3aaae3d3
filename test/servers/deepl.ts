/**
 * A local DeepL-API-compatible server for tests, spoken to by the real
 * deepl-node `Translator` (`new Translator(key, {serverUrl: server.url})`).
 *
 * It "translates" German to English with a small word list, keeps XML tags
 * byte for byte, bills characters the way DeepL does, records every request,
 * and can be scripted to fail (429, 5xx, 456, hang, reset). It keeps v2
 * glossaries (`/v2/glossaries`) and applies one named by `glossary_id`.
 */
import {randomUUID} from 'node:crypto';
import {createServer, STATUS_CODES} from 'node:http';
import type {IncomingHttpHeaders, IncomingMessage, ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {setTimeout as sleep} from 'node:timers/promises';

export interface TranslateParams {
  /** Every `text` parameter, in order. */
  texts: string[];
  /** As sent; deepl-node sends e.g. `en-US`. */
  targetLang: string;
  sourceLang?: string;
  tagHandling?: string;
  context?: string;
  ignoreTags: string[];
  nonSplittingTags: string[];
  splittingTags: string[];
  splitSentences?: string;
  preserveFormatting?: boolean;
  formality?: string;
  glossaryId?: string;
  modelType?: string;
  showBilledCharacters: boolean;
  /** Every parameter as received (JSON booleans as `1`/`0`), including ones not listed above. */
  raw: Record<string, string[]>;
}

export type Fault =
  | {
      status: number;
      /** Seconds, sent as `Retry-After`. deepl-node ignores it; tandem may not. */
      retryAfter?: number;
      message?: string;
      times?: number;
      /** Which requests it hits: a path, or `*` for any (default: `/v2/translate`). */
      path?: string;
      /** Let this many matching requests through first (default: 0). */
      after?: number;
    }
  | {
      /** `hang`: never answer (the socket closes with the server); `reset`: destroy the socket. */
      kind: 'hang' | 'reset';
      times?: number;
      path?: string;
      after?: number;
    };

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  /** Lower-case names; the authorization value is redacted so that a failing assertion never prints a key. */
  headers: Record<string, string>;
  /** Whether the `DeepL-Auth-Key` matched the server's key. */
  auth: 'valid' | 'invalid' | 'missing';
  /** Set for `/v2/translate` requests whose body could be parsed. */
  params?: TranslateParams;
  /** The parsed body of any other request that had one (e.g. `POST /v2/glossaries`), as received. */
  form?: Record<string, string[]>;
  /** Characters billed for this request (0 unless it was translated). */
  billedCharacters: number;
  /** `null` while unanswered, or when no HTTP response was sent (hang, reset). */
  status: number | null;
  fault?: Fault;
}

export type RecordedTranslateRequest = RecordedRequest & {params: TranslateParams};

/** A v2 glossary the server holds. Glossaries are immutable, as DeepL's are. */
export interface ServerGlossary {
  glossaryId: string;
  name: string;
  /** Lower-case, without region, as DeepL stores them: `de`, `en`. */
  sourceLang: string;
  targetLang: string;
  /** ISO 8601. */
  creationTime: string;
  ready: boolean;
  /** Source → target, in the order received. */
  entries: Array<[string, string]>;
}

/** A glossary to store directly, as some other client would have made it. */
export interface GlossaryInput {
  name: string;
  /** Default: `de`. */
  sourceLang?: string;
  /** Default: `en`. */
  targetLang?: string;
  entries: Record<string, string> | ReadonlyArray<readonly [string, string]>;
  /** Default: now (always later than the glossary made before). */
  creationTime?: string | Date;
  /** Default: true. */
  ready?: boolean;
}

export interface DeepLServerOptions {
  /** Default: `test-key:fx`. */
  authKey?: string;
  /** German → English word list; replaces `GERMAN_ENGLISH_WORDS` (default: that list). */
  words?: Record<string, string>;
  /** Character limit; a request that would bill past it gets 456 (default: none; usage reports 500000). */
  quotaCharacters?: number;
  /** Wait this long before answering each request (default: 0). */
  delayMs?: number;
  /** Replaces the word-list translation of each text, e.g. to return damaged output. */
  translate?: (text: string, params: TranslateParams) => string;
  /**
   * Rewrites the `translations` array of an answer, as a broken server would: too few or too many entries,
   * `text: null`. Billing is counted before it, as for the texts received.
   */
  rewriteTranslations?: (translations: TranslationJson[], params: TranslateParams) => unknown[];
  /** DeepL's per-request limits (defaults: 50 texts, 128 KiB). */
  maxTexts?: number;
  maxBodyBytes?: number;
}

/** One entry of the `translations` array DeepL answers. */
export interface TranslationJson {
  detected_source_language: string;
  text: string | null;
  billed_characters?: number;
}

export interface DeepLServer {
  /** `http://127.0.0.1:<port>`, for deepl-node's `serverUrl`. */
  readonly url: string;
  readonly authKey: string;
  readonly requests: RecordedRequest[];
  /** Requests to `/v2/translate` that carried parameters. */
  translateRequests(): RecordedTranslateRequest[];
  /** Total billed so far (what `/v2/usage` reports). */
  readonly billedCharacters: number;
  /** Queue a scripted response for the next matching request(s). */
  failNext(fault: Fault): void;
  /** Copies of the glossaries held, in creation order. */
  glossaries(): ServerGlossary[];
  /** Store a glossary without a request (e.g. a stale one, or a second one with the same name). */
  addGlossary(glossary: GlossaryInput): ServerGlossary;
  /** Forget requests, faults, billed characters and glossaries. */
  reset(): void;
  /** Stop listening and destroy every open socket, hung ones included. */
  close(): Promise<void>;
}

export const DEFAULT_AUTH_KEY = 'test-key:fx';
const DEFAULT_CHARACTER_LIMIT = 500_000;
const DEFAULT_MAX_TEXTS = 50;
const DEFAULT_MAX_BODY_BYTES = 128 * 1024;
const REDACTED_AUTHORIZATION = 'DeepL-Auth-Key [redacted]';

const SOURCE_LANGUAGES = [
  {language: 'DE', name: 'German'},
  {language: 'EN', name: 'English'},
  {language: 'FR', name: 'French'},
  {language: 'ES', name: 'Spanish'},
  {language: 'IT', name: 'Italian'},
  {language: 'NL', name: 'Dutch'},
  {language: 'PL', name: 'Polish'},
  {language: 'RU', name: 'Russian'},
  {language: 'UK', name: 'Ukrainian'},
];

const TARGET_LANGUAGES = [
  {language: 'DE', name: 'German', supports_formality: true},
  {language: 'EN-GB', name: 'English (British)', supports_formality: false},
  {language: 'EN-US', name: 'English (American)', supports_formality: false},
  {language: 'FR', name: 'French', supports_formality: true},
  {language: 'ES', name: 'Spanish', supports_formality: true},
  {language: 'IT', name: 'Italian', supports_formality: true},
  {language: 'NL', name: 'Dutch', supports_formality: true},
  {language: 'PL', name: 'Polish', supports_formality: true},
  {language: 'RU', name: 'Russian', supports_formality: true},
  {language: 'UK', name: 'Ukrainian', supports_formality: false},
];

// Glossaries pair any two of these (a small part of DeepL's list), in either direction.
const GLOSSARY_LANGUAGES = ['de', 'en', 'es', 'fr', 'it', 'nl', 'pl', 'ru', 'uk'];
const GLOSSARY_LANGUAGE_PAIRS = GLOSSARY_LANGUAGES.flatMap((source) =>
  GLOSSARY_LANGUAGES.filter((target) => target !== source).map((target) => ({source_lang: source, target_lang: target})),
);
/** DeepL's limit on a glossary's name and on each term. */
const MAX_GLOSSARY_TERM_BYTES = 1024;
const TSV_CONTENT_TYPE = 'text/tab-separated-values; charset=utf-8';

// The API still accepts the deprecated bare `EN`; deepl-node refuses it before sending.
const ACCEPTED_TARGETS = new Set(['EN', ...TARGET_LANGUAGES.map((entry) => entry.language)]);
const ACCEPTED_SOURCES = new Set(SOURCE_LANGUAGES.map((entry) => entry.language));

/** Lower-case German → English. Includes the words of the seed article. */
export const GERMAN_ENGLISH_WORDS: Readonly<Record<string, string>> = {
  // articles
  der: 'the', die: 'the', das: 'the', den: 'the', dem: 'the', des: 'of the',
  ein: 'a', eine: 'a', einen: 'a', einem: 'a', einer: 'a', eines: 'of a',
  kein: 'no', keine: 'no',
  // pronouns and determiners
  ich: 'I', du: 'you', er: 'he', sie: 'they', es: 'it', wir: 'we', ihr: 'her',
  mich: 'me', uns: 'us', ihn: 'him', ihm: 'him', ihnen: 'them', sich: 'itself',
  ihre: 'their', ihrer: 'their', ihren: 'their', sein: 'his', seine: 'its', seiner: 'its',
  dieser: 'this', diese: 'these', dieses: 'this', diesen: 'this', dies: 'this',
  alle: 'all', viele: 'many', was: 'which', wer: 'who', wie: 'how', wo: 'where',
  // conjunctions and particles
  und: 'and', oder: 'or', aber: 'but', sondern: 'but', dass: 'that', weil: 'because',
  wenn: 'if', als: 'as', da: 'since', ob: 'whether', nicht: 'not', nur: 'only',
  auch: 'also', noch: 'still', schon: 'already', bereits: 'already', nun: 'now',
  erstmals: 'for the first time', zudem: 'moreover', dennoch: 'nevertheless',
  etwa: 'about', rund: 'around', insgesamt: 'in total', mehr: 'more', weiter: 'further',
  weitere: 'further', sehr: 'very', hier: 'here', dort: 'there', heute: 'today',
  jetzt: 'now', ja: 'yes', nein: 'no', zuvor: 'previously', mehrfach: 'repeatedly',
  dringend: 'urgently', wobei: 'whereby', zufolge: 'according to', laut: 'according to',
  // prepositions
  in: 'in', im: 'in the', an: 'at', am: 'at the', auf: 'on', aus: 'from', bei: 'at',
  mit: 'with', nach: 'to', von: 'of', vom: 'from the', zu: 'to', zum: 'to the',
  zur: 'to the', für: 'for', über: 'about', unter: 'under', gegen: 'against',
  zwischen: 'between', während: 'during', seit: 'since', ohne: 'without', um: 'to',
  vor: 'before', durch: 'through', seitens: 'on the part of',
  // verbs
  ist: 'is', sind: 'are', war: 'was', waren: 'were', hat: 'has', haben: 'have',
  hatte: 'had', hatten: 'had', wird: 'is', werden: 'are', wurde: 'was', wurden: 'were',
  kann: 'can', können: 'can', soll: 'shall', sollen: 'are to', sollte: 'should',
  gibt: 'is', bleibt: 'remains', kommt: 'comes', steht: 'stands', kämpfen: 'fight',
  bestätigt: 'confirmed', bestätigen: 'confirm', gesteht: 'admits', erklärte: 'stated',
  äußerte: 'said', unterstützt: 'supported', unterstütze: 'supports', gegeben: 'given',
  liefert: 'supplies', erwartet: 'expected', berichtet: 'reported', plant: 'plans',
  warnen: 'warn', handeln: 'act', entsendet: 'sends', entsandt: 'sent',
  eingesetzt: 'deployed', sorgen: 'cause', schätzt: 'estimates', nennt: 'calls',
  steigen: 'rise', operiert: 'operates', erhält: 'receives', verhindern: 'prevent',
  gratulierte: 'congratulated', bezeichnete: 'described', gescheitert: 'failed',
  zurückerobert: 'recaptured', gebracht: 'brought', geleistet: 'made',
  // nouns
  russland: 'Russia', russlands: "Russia's", nordkorea: 'North Korea',
  nordkoreas: "North Korea's", ukraine: 'Ukraine', soldaten: 'soldiers',
  soldat: 'soldier', truppen: 'troops', präsident: 'president', region: 'region',
  konflikt: 'conflict', konflikts: 'conflict', krieg: 'war', vertrag: 'treaty',
  partnerschaft: 'partnership', ländern: 'countries', land: 'country',
  unterstützung: 'support', waffen: 'weapons', personal: 'personnel', recht: 'law',
  gemeinschaft: 'community', menschenleben: 'human lives', sieg: 'victory',
  abenteuer: 'adventure', berichte: 'reports', berichten: 'reports',
  kontrolle: 'control', besorgnis: 'concern', zusammenarbeit: 'cooperation',
  kooperation: 'cooperation', entsendung: 'deployment', sicherheit: 'security',
  raum: 'area', bedrohung: 'threat', entwicklung: 'development', verluste: 'losses',
  streitkräfte: 'armed forces', munition: 'ammunition', raketen: 'missiles',
  anwesenheit: 'presence', verbündeten: 'allies', gespräche: 'talks',
  zahlen: 'figures', fakten: 'facts', geheimdienst: 'intelligence service',
  uniformen: 'uniforms', herkunft: 'origin', informationen: 'information',
  art: 'manner', weise: 'way', menge: 'amount', stimmen: 'voices', schritt: 'step',
  konsequenzen: 'consequences', eskalation: 'escalation', potenzial: 'potential',
  chef: 'chief', beitrag: 'contribution', vergangenheit: 'past', nähe: 'vicinity',
  teil: 'part', bestätigung: 'confirmation', bedenken: 'concerns',
  befreiung: 'liberation', ortschaften: 'villages', größe: 'size', welt: 'world',
  zeit: 'time', jahr: 'year', tag: 'day', mann: 'man', frau: 'woman', kind: 'child',
  haus: 'house', stadt: 'city', menschen: 'people', fragen: 'questions',
  situation: 'situation', details: 'details', vorfall: 'incident', ursache: 'cause',
  ort: 'place', quellen: 'sources', millionen: 'million',
  // adjectives
  nordkoreanische: 'North Korean', nordkoreanischen: 'North Korean',
  nordkoreanischer: 'North Korean', russische: 'Russian', russischen: 'Russian',
  russischer: 'Russian', ukrainische: 'Ukrainian', ukrainischen: 'Ukrainian',
  internationale: 'international', internationalen: 'international',
  internationales: 'international', militärische: 'military',
  militärischen: 'military', militärischer: 'military', strategische: 'strategic',
  neue: 'new', neuen: 'new', alt: 'old', groß: 'big', große: 'big', großen: 'big',
  klein: 'small', gut: 'good', schlecht: 'bad', wichtig: 'important',
  ernsthafte: 'serious', bedeutenden: 'significant', zahlreiche: 'numerous',
  falschen: 'false', führende: 'leading', öffentlich: 'publicly', bekanntes: 'known',
  beiden: 'two', südkoreanische: 'South Korean', vielfältig: 'manifold',
  aktiv: 'actively', aktuelle: 'current', zukünftige: 'future', ernst: 'serious',
  wachsender: 'growing', weltweit: 'worldwide',
  // numbers
  eins: 'one', zwei: 'two', drei: 'three', acht: 'eight',
};

const WORD_PATTERN = /[\p{L}\p{M}\p{N}]+/gu;
// Comments, CDATA and tags (a quoted attribute value may contain `>`): copied verbatim, never billed.
const TAG_SOURCE = String.raw`<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(?:[^<>"']|"[^"]*"|'[^']*')*>`;
const ENTITY_SOURCE = String.raw`&(?:#\d+|#x[\da-fA-F]+|[A-Za-z][\dA-Za-z]*);`;
const TAG_PATTERN = new RegExp(TAG_SOURCE, 'g');
// Entities are copied verbatim too, but billed as written.
const MARKUP_PATTERN = new RegExp(`${TAG_SOURCE}|${ENTITY_SOURCE}`, 'g');

const lookupCache = new WeakMap<Record<string, string>, Map<string, string>>();

function lookupFor(words: Readonly<Record<string, string>>): Map<string, string> {
  let lookup = lookupCache.get(words);
  if (!lookup) {
    lookup = new Map(Object.entries(words).map(([german, english]) => [german.toLowerCase(), english]));
    lookupCache.set(words, lookup);
  }
  return lookup;
}

function startsUpperCase(word: string): boolean {
  const first = String.fromCodePoint(word.codePointAt(0) ?? 0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

function upperFirst(text: string): string {
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
  return first.toUpperCase() + text.slice(first.length);
}

/** A glossary's source → target terms. */
export type GlossaryTerms = ReadonlyArray<readonly [string, string]>;

interface CompiledGlossary {
  pattern: RegExp;
  lookup: Map<string, string>;
}

const glossaryCache = new WeakMap<GlossaryTerms, CompiledGlossary | null>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileGlossary(terms: GlossaryTerms): CompiledGlossary | null {
  let compiled = glossaryCache.get(terms);
  if (compiled === undefined) {
    // Longest first, so that "Wolodymyr Selenskyj" wins over "Selenskyj" where both match.
    const sources = terms.map(([source]) => source).sort((a, b) => [...b].length - [...a].length);
    compiled =
      sources.length === 0
        ? null
        : {
            pattern: new RegExp(
              `(?<![\\p{L}\\p{M}\\p{N}])(?:${sources.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}])`,
              'gu',
            ),
            lookup: new Map(terms.map(([source, target]) => [source, target])),
          };
    glossaryCache.set(terms, compiled);
  }
  return compiled;
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function translateKnownWords(text: string, words: Readonly<Record<string, string>>): string {
  const lookup = lookupFor(words);
  return text.replace(WORD_PATTERN, (word) => {
    const english = lookup.get(word.toLowerCase());
    if (english === undefined) return word;
    return startsUpperCase(word) ? upperFirst(english) : english;
  });
}

// Glossary terms (whole words, exact case) become their targets, which the word list then leaves alone.
function translateChunk(
  text: string,
  words: Readonly<Record<string, string>>,
  glossary: GlossaryTerms | undefined,
  xml: boolean,
): string {
  const compiled = glossary ? compileGlossary(glossary) : null;
  if (!compiled) return translateKnownWords(text, words);
  let output = '';
  let last = 0;
  for (const match of text.matchAll(compiled.pattern)) {
    const target = compiled.lookup.get(match[0]) ?? match[0];
    output += translateKnownWords(text.slice(last, match.index), words) + (xml ? escapeXmlText(target) : target);
    last = match.index + match[0].length;
  }
  return output + translateKnownWords(text.slice(last), words);
}

/**
 * Replace whole words found in `words` (case-insensitively), keeping an
 * upper-case first letter; everything else is left as it is. The terms of
 * `glossary` are replaced first (whole words, exact case, longest first) and
 * their targets are not translated again.
 */
export function translateWords(
  text: string,
  words: Readonly<Record<string, string>> = GERMAN_ENGLISH_WORDS,
  glossary?: GlossaryTerms,
): string {
  return translateChunk(text, words, glossary, false);
}

function tagName(tag: string): string | undefined {
  return /^<\/?\s*([^\s/>]+)/.exec(tag)?.[1];
}

/**
 * Translate the text between tags; tags, comments and entities are copied
 * byte for byte, and the content of elements in `ignoreTags` is not translated.
 */
export function translateMarkup(
  text: string,
  ignoreTags: readonly string[] = [],
  words: Readonly<Record<string, string>> = GERMAN_ENGLISH_WORDS,
  glossary?: GlossaryTerms,
): string {
  const ignored = new Set(ignoreTags);
  const openElements: string[] = [];
  let output = '';
  let textStart = 0;
  const flushText = (end: number): void => {
    const chunk = text.slice(textStart, end);
    output += openElements.some((name) => ignored.has(name)) ? chunk : translateChunk(chunk, words, glossary, true);
  };

  for (const match of text.matchAll(MARKUP_PATTERN)) {
    const token = match[0];
    flushText(match.index);
    output += token;
    textStart = match.index + token.length;

    const name = tagName(token);
    if (name === undefined || token.startsWith('<!') || token.startsWith('<?') || token.endsWith('/>')) continue;
    if (token.startsWith('</')) {
      const openIndex = openElements.lastIndexOf(name);
      if (openIndex !== -1) openElements.length = openIndex;
    } else {
      openElements.push(name);
    }
  }
  flushText(text.length);
  return output;
}

/** What the server does with one text unless `options.translate` replaces it; `glossary`: the terms of `glossary_id`. */
export function defaultTranslate(
  text: string,
  params: Pick<TranslateParams, 'tagHandling' | 'ignoreTags'>,
  words: Readonly<Record<string, string>> = GERMAN_ENGLISH_WORDS,
  glossary?: GlossaryTerms,
): string {
  return params.tagHandling
    ? translateMarkup(text, params.ignoreTags, words, glossary)
    : translateWords(text, words, glossary);
}

/**
 * Ways a provider damages the tags of a translation. Each keeps the words:
 * - `lose`: the first element (or self-closing tag) loses its tags;
 * - `duplicate`: the first self-closing tag, or else the first element, appears twice;
 * - `reorder`: the first element's closing tag comes before its opening tag;
 * - `unbalance`: the first element's closing tag is dropped;
 * - `misnest`: the first closing tag moves so that two elements cross;
 * - `invent`: a placeholder with an id that was never sent is added;
 * - `malform`: the first closing tag loses its `>`, so the text is not well-formed XML.
 */
export type TagDamageKind = 'lose' | 'duplicate' | 'reorder' | 'unbalance' | 'misnest' | 'invent' | 'malform';

export const TAG_DAMAGE_KINDS: readonly TagDamageKind[] = ['lose', 'duplicate', 'reorder', 'unbalance', 'misnest', 'invent', 'malform'];

const XML_TAG = /<(\/?)([A-Za-z][\w-]*)[^<>]*?(\/?)>/g;

interface FoundTag {
  text: string;
  start: number;
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

function findTags(text: string): FoundTag[] {
  return [...text.matchAll(XML_TAG)].map((match) => ({
    text: match[0],
    start: match.index,
    end: match.index + match[0].length,
    name: match[2] ?? '',
    closing: match[1] === '/',
    selfClosing: match[3] === '/',
  }));
}

/** The closing tag that belongs to the opening tag at `index` of `tags`. */
function closingOf(tags: readonly FoundTag[], index: number): FoundTag | undefined {
  const open = tags[index];
  if (!open) return undefined;
  let depth = 0;
  for (const tag of tags.slice(index + 1)) {
    if (tag.name !== open.name || tag.selfClosing) continue;
    if (!tag.closing) depth++;
    else if (depth === 0) return tag;
    else depth--;
  }
  return undefined;
}

function splice(text: string, edits: ReadonlyArray<{start: number; end: number; insert: string}>): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.insert + out.slice(edit.end);
  return out;
}

/** `text` with its tags damaged as `kind` says; a text without tags is returned as it is. */
export function damageTags(kind: TagDamageKind, text: string): string {
  const tags = findTags(text);
  const firstOpen = tags.findIndex((tag) => !tag.closing && !tag.selfClosing);
  const open = tags[firstOpen];
  const close = closingOf(tags, firstOpen);
  const firstSelf = tags.find((tag) => tag.selfClosing);
  const first = tags[0];
  if (!first) return text;
  switch (kind) {
    case 'lose':
      if (first.selfClosing || !open || !close) return splice(text, [{start: first.start, end: first.end, insert: ''}]);
      return splice(text, [
        {start: open.start, end: open.end, insert: ''},
        {start: close.start, end: close.end, insert: ''},
      ]);
    case 'duplicate':
      if (firstSelf) return splice(text, [{start: firstSelf.end, end: firstSelf.end, insert: ` ${firstSelf.text}`}]);
      if (!open || !close) return text;
      return splice(text, [{start: close.end, end: close.end, insert: ` ${text.slice(open.start, close.end)}`}]);
    case 'reorder':
      if (!open || !close) return text;
      return splice(text, [
        {start: open.start, end: open.end, insert: close.text},
        {start: close.start, end: close.end, insert: open.text},
      ]);
    case 'unbalance':
      if (!close) return text;
      return splice(text, [{start: close.start, end: close.end, insert: ''}]);
    case 'misnest': {
      const closings = tags.filter((tag) => tag.closing);
      const [c1, c2] = closings;
      if (!c1 || !c2) return text;
      // Nested (`</a></b>`): swap them; in sequence: move the first one before the second.
      if (text.slice(c1.end, c2.start).trim() === '') {
        return splice(text, [
          {start: c1.start, end: c1.end, insert: c2.text},
          {start: c2.start, end: c2.end, insert: c1.text},
        ]);
      }
      return splice(text, [
        {start: c1.start, end: c1.end, insert: ''},
        {start: c2.start, end: c2.start, insert: c1.text},
      ]);
    }
    case 'invent':
      return `${text} <x id="99"/>`;
    case 'malform': {
      const target = tags.find((tag) => tag.closing) ?? first;
      return splice(text, [{start: target.end - 1, end: target.end, insert: ''}]);
    }
  }
}

/** A `translate` option: the word-list translation, with its tags damaged as `kind` says. */
export function damagedTranslation(
  kind: TagDamageKind,
  words: Readonly<Record<string, string>> = GERMAN_ENGLISH_WORDS,
): (text: string, params: TranslateParams) => string {
  return (text, params) => damageTags(kind, defaultTranslate(text, params, words));
}

/**
 * Characters DeepL bills for one text: Unicode code points; with tag
 * handling, markup (tags with their attributes, comments) is free.
 */
export function billedCharacters(text: string, tagHandling?: string): number {
  const billable = tagHandling ? text.replace(TAG_PATTERN, '') : text;
  return [...billable].length;
}

/** An API error answered as `{message}` with its status. */
class RequestError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A response other than `200` with a JSON body. */
class Reply {
  readonly status: number;
  readonly text: string | undefined;
  readonly contentType: string | undefined;

  constructor(status: number, text?: string, contentType?: string) {
    this.status = status;
    this.text = text;
    this.contentType = contentType;
  }
}

/** `source\ttarget` lines as DeepL validates them: empty lines skipped, anything else wrong is a 400. */
function parseGlossaryTsv(tsv: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const sources = new Set<string>();
  for (const [index, line] of tsv.split(/\r\n|\n|\r/).entries()) {
    if (line.trim() === '') continue;
    const where = `entry on line ${index + 1}`;
    const fields = line.split('\t');
    if (fields.length < 2) throw new RequestError(400, `Invalid glossary entries: ${where} has no tab.`);
    if (fields.length > 2) throw new RequestError(400, `Invalid glossary entries: ${where} has more than one tab.`);
    const [source = '', target = ''] = fields;
    if (source.trim() === '' || target.trim() === '') {
      throw new RequestError(400, `Invalid glossary entries: ${where} has an empty term.`);
    }
    if (Buffer.byteLength(source) > MAX_GLOSSARY_TERM_BYTES || Buffer.byteLength(target) > MAX_GLOSSARY_TERM_BYTES) {
      throw new RequestError(400, `Invalid glossary entries: ${where} has a term longer than ${MAX_GLOSSARY_TERM_BYTES} bytes.`);
    }
    if (sources.has(source)) throw new RequestError(400, `Invalid glossary entries: duplicate source term '${source}'.`);
    sources.add(source);
    entries.push([source, target]);
  }
  if (entries.length === 0) throw new RequestError(400, 'Invalid glossary entries: no entries.');
  return entries;
}

function glossaryInfo(glossary: ServerGlossary): Record<string, unknown> {
  return {
    glossary_id: glossary.glossaryId,
    name: glossary.name,
    ready: glossary.ready,
    source_lang: glossary.sourceLang,
    target_lang: glossary.targetLang,
    creation_time: glossary.creationTime,
    entry_count: glossary.entries.length,
  };
}

function copyGlossary(glossary: ServerGlossary): ServerGlossary {
  return {...glossary, entries: glossary.entries.map(([source, target]): [string, string] => [source, target])};
}

// No Accept header, or one that allows TSV; deepl-node sends axios's `application/json, text/plain, */*`.
function acceptsTsv(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept
    .split(',')
    .map((type) => type.split(';')[0]?.trim().toLowerCase())
    .some((type) => type === 'text/tab-separated-values' || type === 'text/*' || type === '*/*');
}

function appendParam(params: Record<string, string[]>, key: string, value: string): void {
  (params[key] ??= []).push(value);
}

function formToRecord(form: URLSearchParams): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const [key, value] of form) appendParam(params, key, value);
  return params;
}

function jsonScalarToParam(value: unknown, key: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw new RequestError(400, `Value for '${key}' not supported.`);
}

// The JSON API takes arrays for `text` and tag lists, and booleans for flags; map them onto form semantics.
function jsonToRecord(body: string): Record<string, string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new RequestError(400, 'Invalid JSON body.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RequestError(400, 'JSON body must be an object.');
  }
  const params: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of values) appendParam(params, key, jsonScalarToParam(item, key));
  }
  return params;
}

function parseBody(contentType: string | undefined, body: string): Record<string, string[]> {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return jsonToRecord(body);
  // DeepL reads a form body when no (or another) content type is given.
  return formToRecord(new URLSearchParams(body));
}

function parseTagList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((tag) => tag.trim()).filter(Boolean);
}

function parseTranslateParams(raw: Record<string, string[]>): TranslateParams {
  const last = (key: string): string | undefined => raw[key]?.at(-1);
  const flag = (key: string): boolean | undefined => {
    const value = last(key);
    return value === undefined ? undefined : value === '1' || value.toLowerCase() === 'true';
  };
  return {
    texts: raw['text'] ?? [],
    targetLang: last('target_lang') ?? '',
    sourceLang: last('source_lang'),
    tagHandling: last('tag_handling'),
    context: last('context'),
    ignoreTags: parseTagList(raw['ignore_tags']),
    nonSplittingTags: parseTagList(raw['non_splitting_tags']),
    splittingTags: parseTagList(raw['splitting_tags']),
    splitSentences: last('split_sentences'),
    preserveFormatting: flag('preserve_formatting'),
    formality: last('formality'),
    glossaryId: last('glossary_id'),
    modelType: last('model_type'),
    showBilledCharacters: flag('show_billed_characters') ?? false,
    raw,
  };
}

function validateTranslateParams(params: TranslateParams, maxTexts: number): void {
  if (params.texts.length === 0) throw new RequestError(400, "Parameter 'text' not specified.");
  if (params.texts.length > maxTexts) throw new RequestError(400, `Too many texts, at most ${maxTexts} per request.`);
  if (!params.targetLang) throw new RequestError(400, "Parameter 'target_lang' not specified.");
  if (!ACCEPTED_TARGETS.has(params.targetLang.toUpperCase())) {
    throw new RequestError(400, "Value for 'target_lang' not supported.");
  }
  if (params.sourceLang !== undefined && !ACCEPTED_SOURCES.has(params.sourceLang.toUpperCase())) {
    throw new RequestError(400, "Value for 'source_lang' not supported.");
  }
  if (params.tagHandling !== undefined && params.tagHandling !== 'xml' && params.tagHandling !== 'html') {
    throw new RequestError(400, "Value for 'tag_handling' not supported.");
  }
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = name === 'authorization' ? REDACTED_AUTHORIZATION : Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function checkAuth(header: string | undefined, authKey: string): RecordedRequest['auth'] {
  if (header === undefined) return 'missing';
  return header === `DeepL-Auth-Key ${authKey}` ? 'valid' : 'invalid';
}

interface ReadBody {
  text: string;
  tooLarge: boolean;
}

// Reads the whole body even when too large, so that the client sees a response, not a reset.
async function readBody(request: IncomingMessage, maxBytes: number): Promise<ReadBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  }
  return {text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > maxBytes};
}

function faultMatches(fault: Fault, path: string): boolean {
  const target = fault.path ?? '/v2/translate';
  return target === '*' || target === path;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
  /** Matching requests still to let through before the fault starts. */
  skip: number;
}

export async function startDeepLServer(options: DeepLServerOptions = {}): Promise<DeepLServer> {
  const authKey = options.authKey ?? DEFAULT_AUTH_KEY;
  const words = options.words ?? GERMAN_ENGLISH_WORDS;
  const maxTexts = options.maxTexts ?? DEFAULT_MAX_TEXTS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const characterLimit = options.quotaCharacters ?? DEFAULT_CHARACTER_LIMIT;

  const requests: RecordedRequest[] = [];
  let faults: QueuedFault[] = [];
  let billedTotal = 0;
  const glossaries = new Map<string, ServerGlossary>();
  let lastCreation = 0;
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let closed: Promise<void> | undefined;

  function takeFault(path: string): Fault | undefined {
    const queued = faults.find((entry) => faultMatches(entry.fault, path));
    if (!queued) return undefined;
    if (queued.skip > 0) {
      queued.skip -= 1;
      return undefined;
    }
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults = faults.filter((entry) => entry !== queued);
    return queued.fault;
  }

  function sendJson(
    response: ServerResponse,
    record: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    record.status = status;
    const payload = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(payload)),
      ...headers,
    });
    response.end(payload);
  }

  function storeGlossary(input: GlossaryInput): ServerGlossary {
    let creation: number;
    if (input.creationTime === undefined) {
      // Strictly increasing, so that "newest" is well defined even within one millisecond.
      creation = Math.max(Date.now(), lastCreation + 1);
      lastCreation = creation;
    } else {
      creation = new Date(input.creationTime).getTime();
    }
    const glossary: ServerGlossary = {
      glossaryId: randomUUID(),
      name: input.name,
      sourceLang: input.sourceLang ?? 'de',
      targetLang: input.targetLang ?? 'en',
      creationTime: new Date(creation).toISOString(),
      ready: input.ready ?? true,
      entries: (Array.isArray(input.entries) ? input.entries : Object.entries(input.entries)).map(
        ([source, target]): [string, string] => [source, target],
      ),
    };
    glossaries.set(glossary.glossaryId, glossary);
    return glossary;
  }

  function createGlossary(form: Record<string, string[]> | undefined): Reply {
    const last = (key: string): string | undefined => form?.[key]?.at(-1);
    const required = (key: string): string => {
      const value = last(key);
      if (value === undefined || value === '') throw new RequestError(400, `Parameter '${key}' not specified.`);
      return value;
    };
    const name = required('name');
    if (Buffer.byteLength(name) > MAX_GLOSSARY_TERM_BYTES) {
      throw new RequestError(400, `Value for 'name' longer than ${MAX_GLOSSARY_TERM_BYTES} bytes.`);
    }
    const sourceLang = required('source_lang').toLowerCase();
    const targetLang = required('target_lang').toLowerCase();
    if (!GLOSSARY_LANGUAGE_PAIRS.some((pair) => pair.source_lang === sourceLang && pair.target_lang === targetLang)) {
      throw new RequestError(400, 'Unsupported glossary source and target language pair.');
    }
    const format = required('entries_format');
    // DeepL also takes CSV; nothing here sends it.
    if (format !== 'tsv') throw new RequestError(400, "Value for 'entries_format' not supported.");
    const entries = parseGlossaryTsv(required('entries'));
    const glossary = storeGlossary({name, sourceLang, targetLang, entries});
    return new Reply(201, JSON.stringify(glossaryInfo(glossary)), 'application/json; charset=utf-8');
  }

  function glossaryFor(params: TranslateParams): ServerGlossary | undefined {
    if (params.glossaryId === undefined) return undefined;
    if (params.sourceLang === undefined) {
      throw new RequestError(400, "Parameter 'source_lang' is required when using a glossary.");
    }
    const glossary = glossaries.get(params.glossaryId);
    if (!glossary) throw new RequestError(404, 'Glossary not found.');
    const targetBase = params.targetLang.split('-')[0]?.toLowerCase();
    if (glossary.sourceLang !== params.sourceLang.toLowerCase() || glossary.targetLang !== targetBase) {
      throw new RequestError(400, "Language pair of the glossary doesn't match the language pair of the request.");
    }
    return glossary;
  }

  function sendReply(response: ServerResponse, record: RecordedRequest, reply: Reply): void {
    record.status = reply.status;
    if (reply.text === undefined) {
      response.writeHead(reply.status);
      response.end();
      return;
    }
    response.writeHead(reply.status, {
      'content-type': reply.contentType ?? 'text/plain; charset=utf-8',
      'content-length': String(Buffer.byteLength(reply.text)),
    });
    response.end(reply.text);
  }

  function translate(params: TranslateParams, record: RecordedRequest): unknown {
    const glossary = glossaryFor(params);
    const billedPerText = params.texts.map((text) => billedCharacters(text, params.tagHandling));
    const billed = billedPerText.reduce((sum, count) => sum + count, 0);
    if (options.quotaCharacters !== undefined && billedTotal + billed > options.quotaCharacters) {
      throw new RequestError(456, 'Quota exceeded');
    }
    billedTotal += billed;
    record.billedCharacters = billed;
    const detected = params.sourceLang?.toUpperCase() ?? 'DE';
    const translations: TranslationJson[] = params.texts.map((text, index) => ({
      detected_source_language: detected,
      text: options.translate ? options.translate(text, params) : defaultTranslate(text, params, words, glossary?.entries),
      ...(params.showBilledCharacters ? {billed_characters: billedPerText[index]} : {}),
    }));
    return {translations: options.rewriteTranslations ? options.rewriteTranslations(translations, params) : translations};
  }

  function routeGlossary(method: string, path: string, request: IncomingMessage): unknown {
    const allow = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new RequestError(405, `Method ${method} not allowed on ${path}.`);
    };
    const [, id = '', entries] = /^\/v2\/glossaries\/([^/]+)(\/entries)?$/.exec(path) ?? [];
    allow(...(entries ? ['GET'] : ['GET', 'DELETE']));
    let glossary: ServerGlossary | undefined;
    try {
      glossary = glossaries.get(decodeURIComponent(id));
    } catch {
      glossary = undefined; // a malformed escape names no glossary
    }
    if (!glossary) throw new RequestError(404, 'Glossary not found.');
    if (entries) {
      if (!acceptsTsv(request.headers.accept)) throw new RequestError(415, 'Unsupported Media Type');
      return new Reply(200, glossary.entries.map((entry) => entry.join('\t')).join('\n'), TSV_CONTENT_TYPE);
    }
    if (method === 'DELETE') {
      glossaries.delete(glossary.glossaryId);
      return new Reply(204);
    }
    return glossaryInfo(glossary);
  }

  function route(method: string, url: URL, record: RecordedRequest, request: IncomingMessage): unknown {
    const path = url.pathname;
    const allow = (...methods: string[]): void => {
      if (!methods.includes(method)) throw new RequestError(405, `Method ${method} not allowed on ${path}.`);
    };
    if (path.startsWith('/v2/glossaries/')) return routeGlossary(method, path, request);
    switch (path) {
      case '/v2/translate':
        allow('POST');
        if (!record.params) throw new RequestError(400, "Parameter 'text' not specified.");
        validateTranslateParams(record.params, maxTexts);
        return translate(record.params, record);
      case '/v2/usage':
        allow('GET', 'POST');
        return {character_count: billedTotal, character_limit: characterLimit};
      case '/v2/languages':
        allow('GET', 'POST');
        return url.searchParams.get('type') === 'target' ? TARGET_LANGUAGES : SOURCE_LANGUAGES;
      case '/v2/glossary-language-pairs':
        allow('GET');
        return {supported_languages: GLOSSARY_LANGUAGE_PAIRS};
      case '/v2/glossaries':
        allow('GET', 'POST');
        if (method === 'POST') return createGlossary(record.form);
        return {glossaries: [...glossaries.values()].map(glossaryInfo)};
      default:
        throw new RequestError(404, `Not found: ${path}`);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: formToRecord(url.searchParams),
      headers: flattenHeaders(request.headers),
      auth: checkAuth(request.headers.authorization, authKey),
      billedCharacters: 0,
      status: null,
    };
    requests.push(record);

    const body = await readBody(request, maxBodyBytes);
    let bodyError: RequestError | undefined;
    if (body.text.length > 0 && !body.tooLarge) {
      try {
        const parsed = parseBody(request.headers['content-type'], body.text);
        if (url.pathname === '/v2/translate') record.params = parseTranslateParams(parsed);
        else record.form = parsed;
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        bodyError = error;
      }
    }

    if (options.delayMs) await sleep(options.delayMs, undefined, {signal: closing.signal});

    const fault = takeFault(url.pathname);
    if (fault) {
      record.fault = fault;
      if ('kind' in fault) {
        if (fault.kind === 'reset') request.socket.destroy();
        return; // a hung request is ended by close()
      }
      const message = fault.message ?? STATUS_CODES[fault.status] ?? 'Error';
      const headers = fault.retryAfter === undefined ? undefined : {'retry-after': String(fault.retryAfter)};
      sendJson(response, record, fault.status, {message}, headers);
      return;
    }

    if (record.auth !== 'valid') {
      sendJson(response, record, 403, {message: 'Wrong or missing authentication key.'});
      return;
    }
    if (body.tooLarge) {
      sendJson(response, record, 413, {message: 'Request Entity Too Large'});
      return;
    }
    try {
      if (bodyError) throw bodyError;
      const result = route(method, url, record, request);
      if (result instanceof Reply) sendReply(response, record, result);
      else sendJson(response, record, 200, result);
    } catch (error) {
      // A throwing `options.translate` becomes a 500, as a broken upstream would.
      const status = error instanceof RequestError ? error.status : 500;
      sendJson(response, record, status, {message: error instanceof Error ? error.message : String(error)});
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      if (!response.headersSent) {
        const message = error instanceof Error ? error.message : String(error);
        response.writeHead(500, {'content-type': 'application/json; charset=utf-8'});
        response.end(JSON.stringify({message: `Test server error: ${message}`}));
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const {port} = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    authKey,
    requests,
    translateRequests: () =>
      requests.filter(
        (entry): entry is RecordedTranslateRequest => entry.path === '/v2/translate' && entry.params !== undefined,
      ),
    get billedCharacters() {
      return billedTotal;
    },
    failNext(fault) {
      faults.push({fault, remaining: fault.times ?? 1, skip: fault.after ?? 0});
    },
    glossaries: () =>
      [...glossaries.values()]
        .sort((a, b) => Date.parse(a.creationTime) - Date.parse(b.creationTime))
        .map(copyGlossary),
    addGlossary: (input) => copyGlossary(storeGlossary(input)),
    reset() {
      requests.length = 0;
      faults = [];
      billedTotal = 0;
      glossaries.clear();
    },
    close() {
      // Idempotent, so that a test may close early and `afterEach` close again.
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
