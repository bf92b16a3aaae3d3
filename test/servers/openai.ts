/**
 * A local server that speaks OpenAI's chat-completions protocol for tests, spoken to by the real `openai` client
 * (`new OpenAI({baseURL: server.url})`), as llama.cpp's llama-server, Ollama and vLLM do.
 *
 * It reads tandem's request contract (the last user message: `{source_lang, target_lang, texts, glossary, context}`),
 * "translates" each text with the DeepL test server's word list, keeping every tag and leaving `<n>` names alone,
 * and answers `{"translations": [{id, text}]}`. It records every request, and misbehaves on request the ways
 * models and servers do: code fences, prose, ids dropped, doubled or shuffled, answers cut short, invalid JSON,
 * refusals, `response_format` refused, 429 with `Retry-After`, 5xx, hangs.
 */
import {createServer} from 'node:http'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import {translateMarkup} from './deepl.ts'

export interface ContractText {
  id: string
  text: string
  /** The German this text replaced and an editor's English for it, to be revised minimally. */
  revise?: {de: string; en: string}
}

/** The last user message, as tandem sends it. */
export interface ContractRequest {
  source_lang: string
  target_lang: string
  texts: ContractText[]
  glossary: Array<{de: string; en: string}>
  context?: string
}

export type AnswerFormat = 'json_schema' | 'json_object' | 'text'

export interface RecordedChat {
  path: string
  /** The bearer token matched the server's key. */
  auth: 'valid' | 'invalid' | 'missing'
  model?: string
  temperature?: number
  format: AnswerFormat
  systemPrompt?: string
  /** The parsed contract; unset when the last user message was not one. */
  contract?: ContractRequest
  status: number | null
  fault?: Fault['kind']
  /** Milliseconds since the server started, when the request arrived (for waits between retries). */
  at: number
}

/** Ways to answer wrongly. Each applies to `times` matching requests (default 1) after `after` of them. */
export type Fault = (
  | {kind: 'status'; status: number; retryAfter?: string; retryAfterMs?: number; code?: string; message?: string}
  | {kind: 'fence' | 'prose' | 'reorder' | 'drop' | 'duplicate' | 'extra' | 'length' | 'invalid' | 'refusal' | 'empty' | 'hang'}
) & {
  times?: number
  after?: number
  /** Only requests whose texts match (default: every chat request). */
  when?: (texts: readonly ContractText[]) => boolean
}

export interface OpenAIServerOptions {
  /** Default: `test-openai-key`. A request with another bearer token gets 401. */
  apiKey?: string
  /** Answer 400 to `response_format: json_schema` (as llama.cpp with a grammar, or an old Ollama). */
  refuseJsonSchema?: boolean
  /** Answer 400 to `response_format: json_object` too. */
  refuseJsonObject?: boolean
  /** Replaces the word-list translation of one text. */
  translate?: (text: string, request: ContractRequest) => string
}

export interface OpenAIServer {
  /** `http://127.0.0.1:<port>/v1`, for the client's `baseURL` and OPENAI_BASE_URL. */
  readonly url: string
  readonly apiKey: string
  readonly requests: RecordedChat[]
  /** Chat requests that carried tandem's contract. */
  chats(): Array<RecordedChat & {contract: ContractRequest}>
  failNext(fault: Fault): void
  close(): Promise<void>
}

export const DEFAULT_OPENAI_KEY = 'test-openai-key'

/** What the server answers for one text, unless `translate` is given: the word list, tags and `<n>` names kept. */
export function llmTranslate(text: string): string {
  return translateMarkup(text, ['n'])
}

/**
 * A minimal revision, as a good model makes it: where the new German differs from the old word for word, the old
 * word's translation in the editor's English becomes the new word's; everything else is the editor's. Texts of
 * different lengths are translated anew.
 */
export function llmRevise(text: string, revise: {de: string; en: string}): string {
  const before = revise.de.split(' ')
  const after = text.split(' ')
  if (before.length !== after.length) return llmTranslate(text)
  let english = revise.en
  for (const [index, word] of after.entries()) {
    const old = (before[index] ?? '').replace(/[.,;:!?]+$/, '')
    const fresh = word.replace(/[.,;:!?]+$/, '')
    if (old === fresh) continue
    english = english.replace(new RegExp(`\\b${llmTranslate(old)}\\b`), llmTranslate(fresh))
  }
  return english
}

interface Queued {
  fault: Fault
  remaining: number
  skip: number
}

export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const apiKey = options.apiKey ?? DEFAULT_OPENAI_KEY
  const requests: RecordedChat[] = []
  let faults: Queued[] = []
  const sockets = new Set<Socket>()
  const started = Date.now()

  const takeFault = (texts: readonly ContractText[]): Fault | undefined => {
    const queued = faults.find((entry) => entry.fault.when?.(texts) ?? true)
    if (!queued) return undefined
    if (queued.skip > 0) {
      queued.skip--
      return undefined
    }
    queued.remaining--
    if (queued.remaining <= 0) faults = faults.filter((entry) => entry !== queued)
    return queued.fault
  }

  const send = (response: ServerResponse, record: RecordedChat | undefined, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (record) record.status = status
    const payload = JSON.stringify(body)
    response.writeHead(status, {'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...headers})
    response.end(payload)
  }

  const error = (message: string, type: string, code: string | null = null) => ({error: {message, type, param: null, code}})

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const path = (request.url ?? '').split('?')[0] ?? ''
    const header = request.headers.authorization
    const auth = header === undefined ? 'missing' : header === `Bearer ${apiKey}` ? 'valid' : 'invalid'
    if (request.method === 'GET' && path === '/v1/models') {
      if (auth !== 'valid') return send(response, undefined, 401, error('Incorrect API key provided', 'invalid_request_error', 'invalid_api_key'))
      return send(response, undefined, 200, {object: 'list', data: [{id: 'test-model', object: 'model', created: 0, owned_by: 'tandem-tests'}]})
    }
    if (request.method !== 'POST' || path !== '/v1/chat/completions') return send(response, undefined, 404, error(`no route ${path}`, 'invalid_request_error'))

    let body: {model?: string; temperature?: number; messages?: Array<{role: string; content: string}>; response_format?: {type: string}}
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return send(response, undefined, 400, error('body is not JSON', 'invalid_request_error'))
    }
    const format = (body.response_format?.type ?? 'text') as AnswerFormat
    const messages = body.messages ?? []
    const lastUser = [...messages].reverse().find((message) => message.role === 'user')
    let contract: ContractRequest | undefined
    try {
      contract = lastUser ? (JSON.parse(lastUser.content) as ContractRequest) : undefined
    } catch {
      contract = undefined
    }
    const record: RecordedChat = {
      path,
      auth,
      ...(body.model === undefined ? {} : {model: body.model}),
      ...(body.temperature === undefined ? {} : {temperature: body.temperature}),
      format,
      ...(messages.find((message) => message.role === 'system') ? {systemPrompt: messages.find((message) => message.role === 'system')?.content ?? ''} : {}),
      ...(contract ? {contract} : {}),
      status: null,
      at: Date.now() - started
    }
    requests.push(record)
    // Quoting the key back, as some servers do: tandem must scrub it from the message it prints.
    if (auth !== 'valid') return send(response, record, 401, error(`Incorrect API key provided: ${header ?? ''}`, 'invalid_request_error', 'invalid_api_key'))
    if ((format === 'json_schema' && (options.refuseJsonSchema || options.refuseJsonObject)) || (format === 'json_object' && options.refuseJsonObject)) {
      return send(response, record, 400, error(`response_format ${format} is not supported`, 'invalid_request_error'))
    }
    if (!contract || !Array.isArray(contract.texts)) return send(response, record, 400, error('the last user message is not the contract', 'invalid_request_error'))

    const fault = takeFault(contract.texts)
    if (fault) record.fault = fault.kind
    if (fault?.kind === 'hang') return
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = {}
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs)
      const type = fault.status === 429 ? (fault.code === 'insufficient_quota' ? 'insufficient_quota' : 'rate_limit_exceeded') : 'server_error'
      return send(response, record, fault.status, error(fault.message ?? `scripted ${fault.status}`, type, fault.code ?? null), headers)
    }

    const translate = options.translate ?? ((text: string) => llmTranslate(text))
    let items = contract.texts.map((item) => ({id: item.id, text: item.revise ? llmRevise(item.text, item.revise) : translate(item.text, contract)}))
    if (fault?.kind === 'reorder') items = [...items].reverse()
    if (fault?.kind === 'drop') items = items.slice(0, -1)
    if (fault?.kind === 'duplicate' && items[0]) items = [...items, items[0]]
    if (fault?.kind === 'extra') items = [...items, {id: 'extra-1', text: 'An invented sentence.'}]
    if (fault?.kind === 'empty') items = items.map((item) => ({...item, text: ''}))
    let content = JSON.stringify({translations: items})
    let finishReason = 'stop'
    let refusal: string | null = null
    if (fault?.kind === 'fence') content = '```json\n' + JSON.stringify({translations: items}, null, 2) + '\n```'
    if (fault?.kind === 'prose') content = `Here are the translations you asked for:\n\n${content}\n\nLet me know if you need anything else!`
    if (fault?.kind === 'invalid') content = content.slice(0, -2) + ',]}'
    if (fault?.kind === 'length') {
      content = content.slice(0, Math.max(1, Math.floor(content.length / 2)))
      finishReason = 'length'
    }
    if (fault?.kind === 'refusal') {
      content = ''
      refusal = "I'm sorry, I can't help with that."
    }
    const promptTokens = Math.ceil(messages.reduce((sum, message) => sum + message.content.length, 0) / 4)
    const completionTokens = Math.ceil(content.length / 4)
    send(response, record, 200, {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? 'test-model',
      choices: [{index: 0, message: {role: 'assistant', content: refusal ? null : content, refusal}, finish_reason: finishReason, logprobs: null}],
      usage: {prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens}
    })
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((caught: unknown) => {
      if (!response.headersSent) send(response, undefined, 500, error(String(caught), 'server_error'))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    chats: () => requests.filter((request): request is RecordedChat & {contract: ContractRequest} => request.contract !== undefined),
    failNext(fault) {
      faults.push({fault, remaining: fault.times ?? 1, skip: fault.after ?? 0})
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
