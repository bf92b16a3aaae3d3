import {AuthorizationError, ConnectionError, DeepLError, QuotaExceededError, Translator} from 'deepl-node';
import type {TranslatorOptions} from 'deepl-node';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {billedCharacters, startDeepLServer, translateMarkup, translateWords} from './servers/deepl.ts';
import type {DeepLServer, DeepLServerOptions} from './servers/deepl.ts';

let server: DeepLServer;

async function restart(options: DeepLServerOptions): Promise<void> {
  await server.close();
  server = await startDeepLServer(options);
}

// deepl-node's `maxRetries: N` allows N - 1 retries: 1 means a single attempt.
function translator(overrides: TranslatorOptions = {}, authKey = server.authKey): Translator {
  return new Translator(authKey, {serverUrl: server.url, maxRetries: 1, minTimeout: 2000, ...overrides});
}

function post(path: string, body: string, contentType: string, authKey = server.authKey): Promise<Response> {
  return fetch(server.url + path, {
    method: 'POST',
    headers: {authorization: `DeepL-Auth-Key ${authKey}`, 'content-type': contentType},
    body,
  });
}

beforeEach(async () => {
  server = await startDeepLServer();
});

afterEach(async () => {
  await server.close();
});

describe('word list translation', () => {
  it('replaces whole known words, keeps the first letter case and leaves unknown words', () => {
    expect(translateWords('Russland und die Soldaten für Größe, Gerassimow!')).toBe(
      'Russia and the Soldiers for Size, Gerassimow!',
    );
    expect(translateWords('UND undicht Ukraine-Konflikt')).toBe('And undicht Ukraine-Conflict');
  });

  it('copies tags, attributes and entities verbatim and skips ignored elements', () => {
    expect(translateMarkup('<a title="und die">und</a> &amp; <code>die und</code> die', ['code'])).toBe(
      '<a title="und die">and</a> &amp; <code>die und</code> the',
    );
  });

  it('bills code points, and no markup when tag handling is on', () => {
    expect(billedCharacters('Größe 😀')).toBe(7);
    expect(billedCharacters('<b>Die</b> <x id="2"/>Soldaten', 'xml')).toBe(12);
    expect(billedCharacters('<b>Die</b>')).toBe(10);
  });
});

describe('DeepL-compatible server with deepl-node', () => {
  it('translates a German sentence and reports billed characters', async () => {
    const source = 'Russland gesteht: Nordkoreanische Soldaten kämpfen in Kursk!';
    const result = await translator().translateText(source, 'de', 'en-US');
    expect(result.text).toBe('Russia admits: North Korean Soldiers fight in Kursk!');
    expect(result.detectedSourceLang).toBe('de');
    expect(result.billedCharacters).toBe(source.length);
  });

  it('keeps XML tags byte for byte and records the parameters sent', async () => {
    const source = '<b>Die Soldaten</b> und <a id="1">Russland</a> mit <x id="2"/> Munition &amp; Raketen';
    const results = await translator().translateText([source, 'nicht <code>und</code>'], 'de', 'en-GB', {
      tagHandling: 'xml',
      context: 'Kontext über Nordkorea',
      ignoreTags: ['code'],
      nonSplittingTags: ['b', 'a'],
      preserveFormatting: true,
    });
    expect(results.map((result) => result.text)).toEqual([
      '<b>The Soldiers</b> and <a id="1">Russia</a> with <x id="2"/> Ammunition &amp; Missiles',
      'not <code>und</code>',
    ]);

    const [recorded] = server.translateRequests();
    expect(recorded?.params).toMatchObject({
      texts: [source, 'nicht <code>und</code>'],
      targetLang: 'en-GB',
      sourceLang: 'de',
      tagHandling: 'xml',
      context: 'Kontext über Nordkorea',
      ignoreTags: ['code'],
      nonSplittingTags: ['b', 'a'],
      preserveFormatting: true,
      showBilledCharacters: true,
    });
    expect(recorded?.method).toBe('POST');
    expect(recorded?.status).toBe(200);
    expect(recorded?.auth).toBe('valid');
    expect(recorded?.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=utf-8');
    expect(recorded?.headers['authorization']).toBe('DeepL-Auth-Key [redacted]');
  });

  it('bills neither tags nor context', async () => {
    const result = await translator().translateText('<b>Die</b> <x id="2"/>Soldaten', 'de', 'en-US', {
      tagHandling: 'xml',
      context: 'ein langer Kontext, der nichts kostet',
    });
    expect(result.billedCharacters).toBe(12);
    expect(server.billedCharacters).toBe(12);
    expect(server.translateRequests()[0]?.billedCharacters).toBe(12);
  });

  it('reports usage from the characters billed so far', async () => {
    await translator().translateText(['und', 'Soldaten'], 'de', 'en-US');
    const usage = await translator().getUsage();
    expect(usage.character?.count).toBe(11);
    expect(usage.character?.limit).toBe(500_000);
  });

  it('lists source and target languages', async () => {
    const sources = await translator().getSourceLanguages();
    const targets = await translator().getTargetLanguages();
    expect(sources.map((language) => language.code)).toContain('de');
    expect(targets.map((language) => language.code)).toEqual(expect.arrayContaining(['en-GB', 'en-US']));
  });

  it('rejects a wrong key with 403, which deepl-node reports as AuthorizationError', async () => {
    const translating = translator({}, 'wrong-key:fx').translateText('und', 'de', 'en-US');
    await expect(translating).rejects.toBeInstanceOf(AuthorizationError);
    expect(server.requests[0]?.auth).toBe('invalid');
    expect(server.requests[0]?.status).toBe(403);

    const response = await fetch(`${server.url}/v2/usage`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({message: 'Wrong or missing authentication key.'});
    expect(server.requests[1]?.auth).toBe('missing');
  });

  it('answers 456 past the quota and bills nothing for the refused request', async () => {
    await restart({quotaCharacters: 10});
    await translator().translateText('Soldaten', 'de', 'en-US');
    await expect(translator().translateText('und die', 'de', 'en-US')).rejects.toBeInstanceOf(QuotaExceededError);
    expect(server.billedCharacters).toBe(8);
    const usage = await translator().getUsage();
    expect([usage.character?.count, usage.character?.limit]).toEqual([8, 10]);
  });

  it('plays scripted faults in order, then answers normally', async () => {
    server.failNext({status: 456});
    server.failNext({status: 503, times: 2});
    await expect(translator().translateText('und', 'de', 'en-US')).rejects.toBeInstanceOf(QuotaExceededError);
    await expect(translator().translateText('und', 'de', 'en-US')).rejects.toThrow(
      'Service unavailable, message: Service Unavailable',
    );
    await expect(translator().translateText('und', 'de', 'en-US')).rejects.toBeInstanceOf(DeepLError);
    expect((await translator().translateText('und', 'de', 'en-US')).text).toBe('and');
    expect(server.requests.map((request) => request.status)).toEqual([456, 503, 503, 200]);
  });

  it('lets deepl-node retry a 429 once and then succeed', async () => {
    server.failNext({status: 429, retryAfter: 1});
    const result = await translator({maxRetries: 2}).translateText('Soldaten', 'de', 'en-US');
    expect(result.text).toBe('Soldiers');
    expect(server.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(server.billedCharacters).toBe(8);
  });

  it('sends Retry-After with a scripted 429', async () => {
    server.failNext({status: 429, retryAfter: 3});
    const response = await post('/v2/translate', 'text=und&target_lang=EN-US', 'application/x-www-form-urlencoded');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({message: 'Too Many Requests'});
  });

  it('resets the socket on a scripted reset', async () => {
    server.failNext({kind: 'reset'});
    await expect(translator().translateText('und', 'de', 'en-US')).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests[0]?.status).toBeNull();
  });

  it('closes promptly while a request hangs', async () => {
    server.failNext({kind: 'hang'});
    const hanging = post('/v2/translate', 'text=und&target_lang=EN-US', 'application/x-www-form-urlencoded');
    await expect.poll(() => server.requests.length).toBe(1);
    await server.close();
    await expect(hanging).rejects.toThrow('fetch failed');
    await server.close();
  });

  it('waits delayMs before answering', async () => {
    await restart({delayMs: 150});
    const started = Date.now();
    await translator().translateText('und', 'de', 'en-US');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('uses a custom translate function', async () => {
    await restart({translate: (text) => text.replace(/<[^>]*>/g, '').toUpperCase()});
    const result = await translator().translateText('<b>und</b>', 'de', 'en-US', {tagHandling: 'xml'});
    expect(result.text).toBe('UND');
  });
});

describe('raw protocol', () => {
  it('accepts a JSON body and sends billed_characters only when asked', async () => {
    const asked = await post(
      '/v2/translate',
      JSON.stringify({text: ['die Soldaten', 'Größe'], target_lang: 'EN-GB', show_billed_characters: true}),
      'application/json',
    );
    expect(await asked.json()).toEqual({
      translations: [
        {detected_source_language: 'DE', text: 'the Soldiers', billed_characters: 12},
        {detected_source_language: 'DE', text: 'Size', billed_characters: 5},
      ],
    });

    const notAskedBody = JSON.stringify({text: ['und'], target_lang: 'EN-GB'});
    const notAsked = await post('/v2/translate', notAskedBody, 'application/json');
    expect(await notAsked.json()).toEqual({translations: [{detected_source_language: 'DE', text: 'and'}]});
    expect(server.translateRequests()[1]?.params.texts).toEqual(['und']);
  });

  it('answers 400 for missing parameters, 413 for a large body and 404 for an unknown path', async () => {
    const missingTarget = await post('/v2/translate', 'text=und', 'application/x-www-form-urlencoded');
    expect(missingTarget.status).toBe(400);
    expect(await missingTarget.json()).toEqual({message: "Parameter 'target_lang' not specified."});

    const unknown = await post('/v2/nothing', '', 'application/x-www-form-urlencoded');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({message: 'Not found: /v2/nothing'});

    await restart({maxBodyBytes: 16});
    const largeBody = `text=${'a'.repeat(32)}&target_lang=EN-US`;
    const large = await post('/v2/translate', largeBody, 'application/x-www-form-urlencoded');
    expect(large.status).toBe(413);
  });
});
