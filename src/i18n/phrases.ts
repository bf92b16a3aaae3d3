// What tandem's stages say (vfile messages, the reasons inside them, errors), keyed as their `phrase(…)` calls in src/.
// `en` is each phrase's English exactly as the code has it; test/i18n.test.ts checks both against the code.

export const dePhrases = {
  errors: {
    config: {
      at: '{{file}}: {{reason}}',
      json: '{{file}}: kein gültiges JSON ({{reason}})'
    },
    deepl: {
      count: 'DeepL hat {{answers}} Übersetzungen für {{texts}} Texte geantwortet',
      empty: 'DeepL hat für Text {{index}} von {{texts}} keinen Text geantwortet',
      failed: 'DeepL ist gescheitert: {{message}}',
      glossaryEmpty: 'ein DeepL-Glossar braucht mindestens einen Eintrag',
      glossaryName: 'ein Namensglossar muss `{{prefix}}…` heißen, nicht `{{name}}`',
      glossaryNotFound: 'DeepL-Glossar nicht gefunden: {{message}}',
      glossaryTwice: '`{{de}}` steht zweimal im Glossar',
      key: 'DeepL hat den API-Schlüssel abgelehnt (prüfen Sie DEEPL_AUTH_KEY): {{message}}',
      noAnswer: 'DeepL hat nicht geantwortet: {{message}}',
      noKey: 'DeepL braucht einen API-Schlüssel: setzen Sie DEEPL_AUTH_KEY',
      quota: 'DeepL-Kontingent erschöpft: {{message}}',
      rateLimit: 'DeepL drosselt die Anfragen: {{message}}',
      serverUrl: '{{from}} muss eine http://- oder https://-Adresse sein, etwa https://api.deepl.com, nicht `{{value}}`',
      unknownGlossary: 'DeepL kennt das Glossar {{id}} nicht (seit Beginn des Builds gelöscht?); führen Sie `tandem glossary sync` aus und bauen Sie erneut',
      unreachable: 'DeepL ist nicht erreichbar: {{message}}'
    },
    interrupted: 'nicht gebaut: Der Build wurde unterbrochen, bevor seine Übersetzungen ankamen',
    memory: {
      changedInPlace: 'die Speicherdatei wurde an Ort und Stelle geändert, während tandem sie las (nicht von tandem, das sie immer ganz ersetzt); bitte erneut ausführen'
    },
    noTranslation: 'der Anbieter hat keine Übersetzung geschickt',
    openai: {
      badAnswer: 'die Antwort des Modells war nicht zu gebrauchen: {{problem}}',
      failed: '{{server}} ist gescheitert: {{message}}',
      key: '{{server}} hat den API-Schlüssel abgelehnt (prüfen Sie OPENAI_API_KEY): {{message}}',
      noAnswer: '{{server}} hat nicht geantwortet: {{message}}',
      noAnswerCode: '{{server}} hat nicht geantwortet: {{message}} ({{code}})',
      noKey: 'ein OpenAI-kompatibler Server braucht einen Schlüssel: setzen Sie OPENAI_API_KEY (für einen lokalen Server ein beliebiger Wert)',
      quota: 'das Kontingent des OpenAI-Kontos ist erschöpft: {{message}}',
      rateLimit: '{{server}} drosselt die Anfragen: {{message}}',
      refused: '{{server}} hat die Anfrage abgelehnt: {{message}}',
      timeout: '{{server}} hat nicht rechtzeitig geantwortet: {{message}}',
      unreachable: '{{server}} ist nicht erreichbar: {{code}}'
    }
  },
  messages: {
    'binary-file': 'eine Binärdatei, kein Text (ein NUL-Byte an Position {{offset}}); tandem baut Markdown, als UTF-8 gespeichert',
    bom: 'die Datei beginnt mit einer Byte-Order-Mark; sie wird ignoriert',
    'bom-removed': 'Die UTF-8-Byte-Order-Mark wurde entfernt',
    'build-error': {
      error: '{{error}}',
      stopped: 'nicht gebaut: {{error}}'
    },
    crlf: 'die Datei hat CR- oder CRLF-Zeilenenden; sie werden als LF gelesen',
    'empty-author': 'Leerer Autor; geben Sie einen Namen an oder lassen Sie `--author` weg',
    'empty-body': 'die Datei hat Front Matter, aber keinen Text danach',
    'empty-file': {
      import: 'Eine leere Datei lässt sich nicht importieren; in Zeile 1 wird der Titel erwartet',
      source: 'die Datei ist leer'
    },
    'empty-slug': 'Aus dem Titel `{{title}}` lässt sich kein Slug bilden; geben Sie einen an',
    'file-exists': '`{{file}}` gibt es schon; --force überschreibt die Datei',
    'frontmatter-duplicate-key': 'das Front Matter ist kein gültiges YAML: {{reason}}',
    'frontmatter-not-a-map': 'das Front Matter ist keine YAML-Zuordnung; es bleibt, wie es ist, ohne `translation`',
    'frontmatter-not-a-string': {
      collection: '`{{key}}` muss ein Text sein, nicht {{kind}}',
      scalar: '`{{key}}` muss ein Text sein, nicht {{kind}}; setzen Sie ihn in Anführungszeichen (`{{key}}: "{{value}}"`), damit er übersetzt wird'
    },
    'frontmatter-unclosed': 'dem Front Matter fehlt das schließende `---`; fügen Sie es nach seiner letzten Zeile ein',
    'frontmatter-yaml': 'das Front Matter ist kein gültiges YAML: {{reason}}',
    'glossary-add': {
      other: '`{{de}}` ist schon `{{en}}`; ändern Sie jene Zeile, um das zu ändern',
      present: '`{{de}}` steht schon im Glossar'
    },
    'glossary-bom': 'das Glossar beginnt mit einer Byte-Order-Mark; speichern Sie es als UTF-8 ohne BOM',
    'glossary-chain': 'das englische `{{en}}` ist selbst ein deutscher Eintrag (Zeile {{line}}, → `{{other}}`)',
    'glossary-columns': '{{expected}} durch Tabulatoren getrennte Felder erwartet (de, en, kind, note), {{found}} gefunden',
    'glossary-conflict': '`{{de}}` ist in Zeile {{line}} `{{first}}`, hier aber `{{en}}`',
    'glossary-duplicate': 'doppelter Eintrag `{{de}}` (zuerst in Zeile {{line}})',
    'glossary-empty-field': '`{{name}}` ist leer',
    'glossary-encoding': 'kein gültiges UTF-8 bei Byte {{byte}}; speichern Sie das Glossar als UTF-8',
    'glossary-german-name': 'das deutsche „{{de}}“ steht noch im englischen Text; es sollte „{{en}}“ heißen',
    'glossary-header': {
      empty: 'das Glossar ist leer; seine erste Zeile muss die Kopfzeile `{{header}}` sein',
      wrong: 'die erste Zeile muss die Kopfzeile `{{header}}` sein, nicht `{{found}}`'
    },
    'glossary-kind': '`kind` muss eines von {{kinds}} sein, nicht `{{kind}}`',
    'glossary-line-ending': 'das Glossar hat CRLF- (oder CR-)Zeilenenden; speichern Sie es mit LF-Zeilenenden',
    'glossary-missing': 'keine solche Datei: ohne sie wird kein Name geschützt; legen Sie sie an (`tandem glossary add` tut es) oder setzen Sie `"glossary": "optional"` in {{config}} für ein Projekt ohne Glossar',
    'glossary-missing-name': '„{{text}}“ sollte im englischen Text „{{english}}“ heißen',
    'glossary-unmatchable': '`{{de}}` {{problem}} und würde daher nie gefunden',
    'glossary-unreadable': {
      folder: 'das ist ein Ordner, nicht die Namensdatei',
      other: 'das Glossar lässt sich nicht lesen ({{code}})'
    },
    'glossary-whitespace': 'überzählige Leerzeichen in `{{name}}` `{{field}}`',
    'interchange-tags': {
      code: '{{problem}}',
      segment: 'die Inline-Codes dieser Einheit passen nicht zu ihrem Segment in {{dir}}: {{problem}}',
      source: 'die Inline-Codes dieser Quelle bilden keine Paare: {{problem}}',
      target: 'die Inline-Codes dieses Ziels passen nicht zu seiner Quelle: {{problem}}',
      xliff: 'die Tags dieses Ziels passen nicht zu seiner Quelle: {{problem}}'
    },
    interrupted: {
      error: '{{error}}',
      stopped: 'nicht gebaut: {{error}}'
    },
    'invalid-date': 'Unerwartetes Datum `{{date}}`; erwartet wird ein Kalenderdatum als `YYYY-MM-DD`, etwa `2026-11-30`',
    'invalid-slug': 'Unerwarteter Slug `{{slug}}`; erwartet werden kleine ASCII-Buchstaben und Ziffern, durch einzelne Bindestriche verbunden, etwa `{{example}}`',
    'invalid-source-url': 'Unerwartete Quelladresse `{{url}}`; erwartet wird eine absolute http- oder https-Adresse, etwa `https://example.org/artikel`',
    'invalid-utf8': {
      import: 'Ungültiges UTF-8 lässt sich nicht importieren: unerwartetes Byte `0x{{byte}}` in Zeile {{line}}, Spalte {{column}} (Byte-Position {{offset}}); speichern Sie die Datei als UTF-8 (ist sie Latin-1 oder Windows-1252?)',
      source: 'kein gültiges UTF-8 (Byte 0x{{byte}} an Position {{offset}}); speichern Sie die Datei als UTF-8'
    },
    'memory-encoding': 'kein gültiges UTF-8 bei Byte {{byte}}',
    'memory-field': {
      billedCharacters: 'das Feld `billedCharacters` muss eine ganze Zahl sein',
      object: 'kein JSON-Objekt',
      origin: '`origin` muss mt, human oder import sein, nicht `{{origin}}`',
      part: '`part` muss {of, index, count} sein',
      postEdit: 'das Feld `postEdit` muss {characters, ter} mit Zahlen sein',
      string: 'das Feld `{{field}}` muss ein Text sein',
      tokens: 'das Feld `tokens` muss {prompt, completion} mit ganzen Zahlen sein'
    },
    'memory-json': 'kein JSON: {{reason}}',
    'memory-torn-line': {
      merge: 'die letzte Zeile ist abgeschnitten; reparieren Sie sie und führen Sie dann erneut zusammen',
      moved: 'die letzte Zeile ist abgeschnitten (ein Absturz beim Anhängen); nach `{{rejected}}` verschoben, die Einträge davor bleiben'
    },
    'missing-plugin': {
      keys: '`{{plugin}}` braucht `keySegments` vor sich im Prozessor',
      segments: '`{{plugin}}` braucht `segmentBlocks` vor sich im Prozessor'
    },
    'no-translation': 'keine Übersetzung für „{{text}}“; setzen Sie {{variable}} oder fügen Sie sie {{memory}} hinzu',
    'outside-project': 'ein symbolischer Link auf eine Datei außerhalb des Projekts; tandem folgt ihm nicht',
    'outside-source-dir': 'nicht in {{dir}}; verschieben Sie die Datei dorthin, um sie zu bauen',
    'pair-count': {
      english: 'die englische Datei hat mehr Blöcke als die andere ({{german}} deutsche, {{english}} englische)',
      german: 'die deutsche Datei hat mehr Blöcke als die andere ({{german}} deutsche, {{english}} englische)'
    },
    'pair-mismatch': 'Block {{block}} bildet kein Paar: deutsch {{german}} gegen englisch {{english}} bei {{line}}:{{column}}',
    'pair-placeholders': 'Block {{block}} hat {{german}} Links oder Platzhalter im Deutschen und {{english}} im Englischen',
    'post-edit-conflict': 'dieser Absatz kommt in der Datei mehrmals vor und wurde an anderer Stelle anders bearbeitet; beide Bearbeitungen stehen im Speicher, und der Build schreibt diese an beide Stellen',
    'post-edit-during-build': '`{{name}}` wurde geändert, während dieser Build lief; die Datei bleibt, wie sie ist: bauen Sie erneut, um die Änderung zu behalten',
    'post-edit-markup': 'diese Bearbeitung hat {{english}} Links oder Inline-Codes, wo das Deutsche {{german}} hat, oder andere: ist ein Link nicht geschlossen?; {{outcome}}',
    'post-edit-unknown-source': 'dieser Block wurde bearbeitet, aber der Speicher hat das Deutsch nicht mehr, das er übersetzt; {{outcome}}',
    'post-edit-unpaired': {
      block: 'dieser Block passt nicht zu dem deutschen Block, den tandem hier übersetzt hat; {{outcome}}',
      count: 'die englische Ausgabe hat {{english}} übersetzte Blöcke, wo tandem {{written}} geschrieben hat: in der Nähe wurde ein Block hinzugefügt, entfernt oder zusammengelegt; {{outcome}}',
      structure: 'dieser Block passt nicht zu dem, was tandem hier geschrieben hat (ein Block wurde hinzugefügt, entfernt oder zusammengelegt, oder Code, Formeln oder HTML, die tandem aus dem Deutschen übernimmt, wurden geändert); {{outcome}}'
    },
    'provider-bad-answer': 'keine brauchbare Übersetzung für „{{text}}“: {{error}}',
    'provider-error': '{{error}}',
    'rekey-name-changed': 'nicht neu verschlüsselt: die gespeicherte Übersetzung {{problem}}; ein Build übersetzt das Segment neu',
    'rekey-no-translation': 'nicht neu verschlüsselt: der Speicher hat unter keinem Schlüssel eine Übersetzung dieses Deutschs; ein Build übersetzt es',
    'stale-post-edit': {
      kept: 'das Deutsch unter einer menschlichen Übersetzung hat sich geändert; sie bleibt, wie --keep-stale es verlangt: „{{text}}“; passen Sie sie in der englischen Ausgabe an',
      replaced: 'das Deutsch unter einer menschlichen Übersetzung hat sich geändert; sie wird durch eine neue Übersetzung ersetzt und bleibt im Speicher: „{{text}}“'
    },
    'tag-damage': 'die Tags der Übersetzung sind beschädigt ({{damage}}); als reiner Text übernommen',
    'tbx-conflict': '`{{de}}` ist hier `{{en}}`, in {{glossary}}:{{line}} aber `{{existing}}`; ändern Sie eines von beiden',
    'tbx-kind': 'das Sachgebiet `{{kind}}` ist keine Glossarart ({{kinds}})',
    'tbx-language': {
      missing: 'dieser Eintrag hat keinen Begriff in `{{lang}}`',
      unnamed: 'dieser Sprachabschnitt hat kein `xml:lang`'
    },
    'tbx-root': 'keine TBX-Datei: das Wurzelelement ist `<{{name}}>`, nicht `<martif>` oder `<tbx>`',
    'tbx-structure': 'keine Begriffseinträge',
    'title-not-separated': 'Unerwarteter Text direkt nach dem Titel; nach Zeile 1 wird eine Leerzeile erwartet',
    'tmx-language': {
      missing: 'diese `<tu>` hat keine Variante in `{{lang}}`',
      noSrclang: 'der `<header>` hat kein `srclang`',
      source: 'die Ausgangssprache ist `{{found}}`, nicht `{{expected}}`',
      unnamed: 'diese `<tuv>` hat kein `xml:lang` (oder `lang`)'
    },
    'tmx-root': 'keine TMX-Datei: das Wurzelelement ist `<{{name}}>`, nicht `<tmx>`',
    'tmx-structure': {
      parts: 'eine TMX-Datei braucht einen `<header>` und einen `<body>`',
      seg: 'diese `<tuv>` hat kein `<seg>`'
    },
    'tmx-version': 'TMX-Version `{{version}}` liest tandem nicht (1.1 bis 1.4b)',
    'too-deep': {
      levels: 'mehr als {{depth}} Ebenen tief verschachtelt (Listen, Zitate, Hervorhebungen); tandem baut die Datei nicht',
      stack: 'zu tief verschachtelt, um gelesen zu werden (Listen, Zitate, Hervorhebungen); tandem baut die Datei nicht'
    },
    'unknown-details-label': 'Unerwartete Details-Bezeichnung `{{word}}`; erwartet wird eine von {{labels}}',
    'unreadable-file': {
      folder: 'das ist ein Ordner, keine Datei',
      missing: 'keine solche Datei',
      other: 'die Datei lässt sich nicht lesen ({{code}})'
    },
    utf16: 'UTF-16-Text ({{order}}), kein UTF-8; speichern Sie die Datei als UTF-8',
    'write-failed': {
      output: '`{{name}}` lässt sich nicht schreiben ({{code}})',
      record: '`{{name}}` lässt sich nicht schreiben ({{code}}); der nächste Build kann Nachbearbeitungen dieser Datei nicht von Änderungen des Deutschen unterscheiden'
    },
    'xliff-language': {
      sourceLanguage: 'diese `<file>` hat kein `source-language`',
      srcLang: 'das `<xliff>`-Element hat kein `srcLang`'
    },
    'xliff-missing-segment': {
      article: '{{article}} ist kein Artikel von {{dir}}; sein Ziel wurde nicht importiert',
      segment: 'das Segment `{{id}}` ist nicht mehr in {{article}}; sein Ziel wurde nicht importiert'
    },
    'xliff-root': 'keine XLIFF-Datei: das Wurzelelement ist `<{{name}}>`, nicht `<xliff>`',
    'xliff-stale-segment': 'das Deutsch des Segments `{{id}}` hat sich seit dem Export dieser Datei geändert; sein Ziel wurde nicht importiert',
    'xliff-structure': {
      id: 'diese Einheit hat keine `id`',
      original: 'diese `<file>` hat kein `original`: tandem braucht es, um den Artikel zu finden',
      source: 'diese Einheit hat keine `<source>`'
    },
    'xliff-version': 'XLIFF-Version `{{version}}` liest tandem nicht (1.2, 2.0)',
    'xml-bom': 'die Datei beginnt mit einer Byte-Order-Mark; speichern Sie sie als UTF-8 ohne BOM',
    'xml-encoding': 'kein gültiges UTF-8 bei Byte {{byte}}; speichern Sie die Datei als UTF-8',
    'xml-line-ending': 'die Datei hat CRLF- (oder CR-)Zeilenenden; speichern Sie sie mit LF-Zeilenenden',
    'xml-not-well-formed': 'kein wohlgeformtes XML: {{reason}}'
  },
  reasons: {
    answer: {
      empty: 'die Antwort für die id `{{id}}` ist leer',
      filtered: 'die Antwort wurde von einem Inhaltsfilter zurückgehalten',
      lacksMany: 'der Antwort fehlen die ids {{ids}}',
      lacksOne: 'der Antwort fehlt die id {{ids}}',
      length: 'die Antwort wurde abgeschnitten (finish_reason `length`)',
      noIdOrText: 'einem Eintrag von `translations` fehlt eine `id` oder ein `text` als Zeichenkette',
      noJson: 'kein JSON-Objekt mit `translations` in der Antwort',
      noList: 'die Antwort hat keine Liste `translations`',
      notObject: 'ein Eintrag von `translations` ist kein Objekt',
      refused: 'das Modell hat abgelehnt: {{refusal}}',
      twice: 'die Antwort hat die id `{{id}}` zweimal',
      unasked: 'die Antwort hat eine id, nach der nicht gefragt wurde, `{{id}}`'
    },
    blocks: {
      field: 'Front-Matter-Feld `{{field}}`',
      labelled: '{{kind}} `{{label}}`'
    },
    config: {
      aList: 'eine Liste',
      anObject: 'ein Objekt',
      check: '`{{key}}`: {{problem}}',
      choice: '`{{key}}` muss eines von {{choices}} sein, nicht `{{value}}`',
      fromZero: 'eine Zahl von mindestens 0',
      list: '`{{key}}` muss eine Liste von Namen sein, nicht {{value}}',
      notObject: 'die Einstellungen müssen ein Objekt sein, nicht {{value}}',
      number: '`{{key}}` muss {{wanted}} sein, nicht {{value}}',
      object: '`{{key}}` muss ein Objekt sein, nicht {{value}}',
      positive: 'eine positive Zahl',
      siteUrl: 'erwartet wird die absolute http- oder https-Adresse, unter der die Seite liegt, etwa `https://example.org/reader/`, nicht `{{value}}`',
      string: '`{{key}}` muss ein nicht leerer Text sein, nicht {{value}}',
      unknown: 'unbekannte Option `{{key}}`',
      unknownNear: 'unbekannte Option `{{key}}`; meinten Sie `{{near}}`?',
      whole: 'eine ganze Zahl',
      wholeFrom: 'eine ganze Zahl von mindestens {{least}}'
    },
    inlineCodes: {
      bpt: '`<bpt>` mit `{{code}}` ist keine Auszeichnung und kein Link, den tandem kennt',
      element: '`<{{name}}>` ist kein Inline-Code, den tandem hier liest',
      ept: 'vor `<ept i="{{i}}">` steht kein `<bpt i="{{i}}">`',
      g: '`<g ctype="{{ctype}}">` ist keine Auszeichnung und kein Link, den tandem kennt',
      link: 'Link',
      notInSource: 'der Inline-Code `{{code}}` ist nicht in der Quelle',
      otherKind: 'der Inline-Code `{{code}}` ist hier ein {{here}} und in der Quelle ein {{source}}',
      pc: '`<pc type="{{type}}" subType="{{subType}}">` ist keine Auszeichnung und kein Link, den tandem kennt',
      placeholder: 'Platzhalter',
      unclosed: '`<bpt i="{{i}}">` wird nie durch ein `<ept>` geschlossen'
    },
    json: {
      after: 'unerwarteter Text nach dem Eintrag',
      array: '`,` oder `]` erwartet',
      colon: '`:` nach dem Feldnamen erwartet',
      control: 'ein Steuerzeichen in einer Zeichenkette; maskieren Sie es',
      deep: 'zu tief verschachtelt',
      endsInside: 'die Zeile endet mitten im Eintrag',
      escape: '`\\{{escape}}` ist keine JSON-Maskierung',
      name: 'ein Feldname in doppelten Anführungszeichen erwartet',
      number: 'keine JSON-Zahl',
      object: '`,` oder `}` erwartet',
      unicode: '`\\u` braucht vier Hexadezimalziffern',
      unreadable: 'unlesbar',
      value: 'ein Wert erwartet'
    },
    languages: {
      formality: '`{{formality}}` ist keiner der Formalitätswerte von DeepL ({{values}})',
      noFormality: 'DeepL hat keine Formalität für `{{lang}}`: `{{formality}}` würde abgelehnt; `prefer_{{formality}}` fällt auf die Voreinstellung zurück',
      target: '`{{code}}` ist keine der Zielsprachen von DeepL ({{hint}}, …; siehe `tandem build --help`)'
    },
    postEdit: {
      kept: 'die Datei bleibt, wie sie ist (`--force` überschreibt sie, nachdem übernommen ist, was passt)',
      overwritten: 'überschrieben, wie --force es verlangt'
    },
    rekey: {
      german: 'enthält noch das deutsche „{{de}}“, wo das Glossar „{{en}}“ hat',
      missing: 'schreibt „{{text}}“ nicht als „{{english}}“, wie es das Glossar jetzt hat'
    },
    tags: {
      count: '`<{{tag}}>` kommt {{english}}-mal vor, wo das Deutsche es {{german}}-mal hat',
      lost: 'der Tag mit der id `{{id}}` ging verloren',
      malformed: 'unerwartetes `<` oder `>` in `{{text}}`',
      misnested: '`</{{tag}}>` schließt `<{{open}}>`',
      reordered: '`</{{tag}}>` steht vor seinem `<{{tag}}>`',
      selfClosing: 'unerwartetes selbstschließendes `<{{tag}}/>`',
      twice: '`<{{tag}} id="{{id}}">` kommt zweimal vor',
      unclosed: '`<{{tag}}>` wird nie geschlossen',
      unknown: 'unbekannter Tag `<{{tag}}>`',
      unknownId: '`<{{tag}}>` verweist auf die unbekannte id `{{id}}`',
      wrongTag: '`<{{tag}} id="{{id}}">` steht, wo `<{{sent}} id="{{id}}">` geschickt wurde'
    },
    unmatchable: {
      noLetters: 'hat keine Buchstaben oder Ziffern',
      punctuation: 'beginnt oder endet mit einem Satzzeichen',
      separator: 'verbindet Wörter mit `{{gap}}`; das können nur Leerzeichen, Bindestriche, Punkte und Apostrophe'
    },
    yamlKinds: {
      boolean: 'ein Wahrheitswert',
      list: 'eine Liste',
      mapping: 'eine Zuordnung',
      number: 'eine Zahl'
    }
  }
} as const

export const enPhrases = {
  errors: {
    config: {
      at: '{{file}}: {{reason}}',
      json: '{{file}}: not valid JSON ({{reason}})'
    },
    deepl: {
      count: 'DeepL answered {{answers}} translations for {{texts}} texts',
      empty: 'DeepL answered no text for text {{index}} of {{texts}}',
      failed: 'DeepL failed: {{message}}',
      glossaryEmpty: 'a DeepL glossary needs at least one entry',
      glossaryName: 'a names glossary must be named `{{prefix}}…`, not `{{name}}`',
      glossaryNotFound: 'DeepL glossary not found: {{message}}',
      glossaryTwice: '`{{de}}` is in the glossary twice',
      key: 'DeepL refused the API key (check DEEPL_AUTH_KEY): {{message}}',
      noAnswer: 'DeepL did not answer: {{message}}',
      noKey: 'DeepL needs an API key: set DEEPL_AUTH_KEY',
      quota: 'DeepL quota exceeded: {{message}}',
      rateLimit: 'DeepL is rate-limiting requests: {{message}}',
      serverUrl: '{{from}} must be an http:// or https:// URL, such as https://api.deepl.com, not `{{value}}`',
      unknownGlossary: 'DeepL does not know the glossary {{id}} (deleted since the build began?); run `tandem glossary sync` and build again',
      unreachable: 'cannot reach DeepL: {{message}}'
    },
    interrupted: 'not built: the build was interrupted before its translations arrived',
    memory: {
      changedInPlace: 'the memory file was changed in place while tandem read it (not by tandem, which replaces it whole); run again'
    },
    noTranslation: 'the provider sent no translation',
    openai: {
      badAnswer: "the model's answer could not be used: {{problem}}",
      failed: '{{server}} failed: {{message}}',
      key: '{{server}} refused the API key (check OPENAI_API_KEY): {{message}}',
      noAnswer: '{{server}} did not answer: {{message}}',
      noAnswerCode: '{{server}} did not answer: {{message}} ({{code}})',
      noKey: 'an OpenAI-compatible server needs a key: set OPENAI_API_KEY (any value for a local server)',
      quota: "the OpenAI account's quota is used up: {{message}}",
      rateLimit: '{{server}} is rate-limiting requests: {{message}}',
      refused: '{{server}} refused the request: {{message}}',
      timeout: '{{server}} did not answer in time: {{message}}',
      unreachable: 'cannot reach {{server}}: {{code}}'
    }
  },
  messages: {
    'binary-file': 'a binary file, not text (a NUL byte at offset {{offset}}); tandem builds Markdown saved as UTF-8',
    bom: 'the file starts with a byte order mark; it is ignored',
    'bom-removed': 'Removed the UTF-8 byte order mark',
    'build-error': {
      error: '{{error}}',
      stopped: 'not built: {{error}}'
    },
    crlf: 'the file has CR or CRLF line endings; they are read as LF',
    'empty-author': 'Unexpected empty author; pass a name, or leave `--author` out',
    'empty-body': 'the file has front matter but no text after it',
    'empty-file': {
      import: 'Cannot import an empty file; expected the title on line 1',
      source: 'the file is empty'
    },
    'empty-slug': 'Cannot make a slug from the title `{{title}}`; pass one explicitly',
    'file-exists': '`{{file}}` exists already; pass --force to overwrite it',
    'frontmatter-duplicate-key': 'the front matter is not valid YAML: {{reason}}',
    'frontmatter-not-a-map': 'the front matter is not a YAML mapping; it is kept as it is, without `translation`',
    'frontmatter-not-a-string': {
      collection: '`{{key}}` must be a string, not a {{kind}}',
      scalar: '`{{key}}` must be a string, not a {{kind}}; quote it (`{{key}}: "{{value}}"`) to have it translated'
    },
    'frontmatter-unclosed': 'the front matter has no closing `---`; add one after its last line',
    'frontmatter-yaml': 'the front matter is not valid YAML: {{reason}}',
    'glossary-add': {
      other: '`{{de}}` is already `{{en}}`; edit that line to change it',
      present: '`{{de}}` is already in the glossary'
    },
    'glossary-bom': 'the glossary starts with a byte order mark; save it as UTF-8 without BOM',
    'glossary-chain': 'the English `{{en}}` is itself a German entry (line {{line}}, → `{{other}}`)',
    'glossary-columns': 'expected {{expected}} tab-separated fields (de, en, kind, note), found {{found}}',
    'glossary-conflict': '`{{de}}` is `{{first}}` on line {{line}} but `{{en}}` here',
    'glossary-duplicate': 'duplicate entry `{{de}}` (first on line {{line}})',
    'glossary-empty-field': '`{{name}}` is empty',
    'glossary-encoding': 'not valid UTF-8 at byte {{byte}}; save the glossary as UTF-8',
    'glossary-german-name': 'the German "{{de}}" is still in the English text; it should read "{{en}}"',
    'glossary-header': {
      empty: 'the glossary is empty; its first line must be the header `{{header}}`',
      wrong: 'the first line must be the header `{{header}}`, not `{{found}}`'
    },
    'glossary-kind': '`kind` must be one of {{kinds}}, not `{{kind}}`',
    'glossary-line-ending': 'the glossary has CRLF (or CR) line endings; save it with LF line endings',
    'glossary-missing': 'no such file: without it no name is protected; create it (`tandem glossary add` does), or set `"glossary": "optional"` in {{config}} for a project without one',
    'glossary-missing-name': '"{{text}}" should read "{{english}}" in the English text',
    'glossary-unmatchable': '`{{de}}` {{problem}}, so it would never match',
    'glossary-unreadable': {
      folder: 'this is a folder, not the names file',
      other: 'cannot read the glossary ({{code}})'
    },
    'glossary-whitespace': 'stray whitespace in `{{name}}` `{{field}}`',
    'interchange-tags': {
      code: '{{problem}}',
      segment: 'the inline codes of this unit do not match its segment in {{dir}}: {{problem}}',
      source: 'the inline codes of this source do not pair: {{problem}}',
      target: 'the inline codes of this target do not match its source: {{problem}}',
      xliff: 'the tags of this target do not match its source: {{problem}}'
    },
    interrupted: {
      error: '{{error}}',
      stopped: 'not built: {{error}}'
    },
    'invalid-date': 'Unexpected date `{{date}}`; expected a calendar date as `YYYY-MM-DD`, such as `2026-11-30`',
    'invalid-slug': 'Unexpected slug `{{slug}}`; expected lowercase ASCII letters and digits joined by single hyphens, such as `{{example}}`',
    'invalid-source-url': 'Unexpected source URL `{{url}}`; expected an absolute http or https address, such as `https://example.org/artikel`',
    'invalid-utf8': {
      import: 'Cannot import invalid UTF-8: unexpected byte `0x{{byte}}` at line {{line}}, column {{column}} (byte offset {{offset}}); save the file as UTF-8 (is it Latin-1 or Windows-1252?)',
      source: 'not valid UTF-8 (byte 0x{{byte}} at offset {{offset}}); save the file as UTF-8'
    },
    'memory-encoding': 'not valid UTF-8 at byte {{byte}}',
    'memory-field': {
      billedCharacters: 'field `billedCharacters` must be a whole number',
      object: 'not a JSON object',
      origin: '`origin` must be one of mt, human, import, not `{{origin}}`',
      part: '`part` must be {of, index, count}',
      postEdit: 'field `postEdit` must be {characters, ter} with numbers',
      string: 'field `{{field}}` must be a string',
      tokens: 'field `tokens` must be {prompt, completion} with whole numbers'
    },
    'memory-json': 'not JSON: {{reason}}',
    'memory-torn-line': {
      merge: 'the last line is cut short; repair it, then merge again',
      moved: 'the last line is cut short (a crash while appending); moved to `{{rejected}}`, the records before it are kept'
    },
    'missing-plugin': {
      keys: '`{{plugin}}` needs `keySegments` before it in the processor',
      segments: '`{{plugin}}` needs `segmentBlocks` before it in the processor'
    },
    'no-translation': 'no translation for "{{text}}"; set {{variable}} or add it to {{memory}}',
    'outside-project': 'a symbolic link to a file outside the project; tandem does not follow it',
    'outside-source-dir': 'not inside {{dir}}; move it there to build it',
    'pair-count': {
      english: 'the English file has more blocks than the other ({{german}} German, {{english}} English)',
      german: 'the German file has more blocks than the other ({{german}} German, {{english}} English)'
    },
    'pair-mismatch': 'block {{block}} does not pair: German {{german}} against English {{english}} at {{line}}:{{column}}',
    'pair-placeholders': 'block {{block}} has {{german}} links or placeholders in German and {{english}} in English',
    'post-edit-conflict': 'this paragraph is repeated in the file and was edited differently in another place; both edits are kept in the memory, and the build writes this one in both places',
    'post-edit-during-build': '`{{name}}` was changed while this build ran; it is left as it is: build again to keep the change',
    'post-edit-markup': 'this edit has {{english}} links or inline codes where the German has {{german}}, or other ones: is a link unclosed?; {{outcome}}',
    'post-edit-unknown-source': 'this block was edited, but the memory no longer has the German it translates; {{outcome}}',
    'post-edit-unpaired': {
      block: 'this block does not pair with the German block tandem translated here; {{outcome}}',
      count: 'the English edition has {{english}} translated blocks where tandem wrote {{written}}: a block was added, removed or merged near here; {{outcome}}',
      structure: 'this block does not pair with what tandem wrote here (a block was added, removed or merged, or code, math or HTML that tandem copies from the German was changed); {{outcome}}'
    },
    'provider-bad-answer': 'no usable translation for "{{text}}": {{error}}',
    'provider-error': '{{error}}',
    'rekey-name-changed': 'not re-keyed: the stored translation {{problem}}; a build translates it anew',
    'rekey-no-translation': 'not re-keyed: the memory has no translation of this German under any key; a build translates it',
    'stale-post-edit': {
      kept: 'the German changed under a human translation, which is kept as --keep-stale asks: “{{text}}”; edit it in the English edition to match',
      replaced: 'the German changed under a human translation; it is replaced by a new translation, and kept in the memory: “{{text}}”'
    },
    'tag-damage': "the translation's tags are damaged ({{damage}}); kept as plain text",
    'tbx-conflict': '`{{de}}` is `{{en}}` here but `{{existing}}` in {{glossary}}:{{line}}; change one of them',
    'tbx-kind': 'subject field `{{kind}}` is not a glossary kind ({{kinds}})',
    'tbx-language': {
      missing: 'this entry has no `{{lang}}` term',
      unnamed: 'this language section has no `xml:lang`'
    },
    'tbx-root': 'not a TBX file: the root element is `<{{name}}>`, not `<martif>` or `<tbx>`',
    'tbx-structure': 'no term entries',
    'title-not-separated': 'Unexpected text right after the title; expected a blank line after line 1',
    'tmx-language': {
      missing: 'this `<tu>` has no `{{lang}}` variant',
      noSrclang: 'the `<header>` has no `srclang`',
      source: 'the source language is `{{found}}`, not `{{expected}}`',
      unnamed: 'this `<tuv>` has no `xml:lang` (or `lang`)'
    },
    'tmx-root': 'not a TMX file: the root element is `<{{name}}>`, not `<tmx>`',
    'tmx-structure': {
      parts: 'a TMX file needs a `<header>` and a `<body>`',
      seg: 'this `<tuv>` has no `<seg>`'
    },
    'tmx-version': 'TMX version `{{version}}` is not one tandem reads (1.1 to 1.4b)',
    'too-deep': {
      levels: 'nested more than {{depth}} levels deep (lists, block quotes, emphasis); tandem does not build it',
      stack: 'nested too deeply to parse (lists, block quotes, emphasis); tandem does not build it'
    },
    'unknown-details-label': 'Unexpected Details label `{{word}}`; expected one of {{labels}}',
    'unreadable-file': {
      folder: 'this is a folder, not a file',
      missing: 'no such file',
      other: 'cannot read the file ({{code}})'
    },
    utf16: 'UTF-16 ({{order}}) text, not UTF-8; save the file as UTF-8',
    'write-failed': {
      output: 'cannot write `{{name}}` ({{code}})',
      record: 'cannot write `{{name}}` ({{code}}); the next build cannot tell post-edits of this file from changes of the German'
    },
    'xliff-language': {
      sourceLanguage: 'this `<file>` has no `source-language`',
      srcLang: 'the `<xliff>` element has no `srcLang`'
    },
    'xliff-missing-segment': {
      article: '{{article}} is not an article of {{dir}}; its target was not imported',
      segment: 'segment `{{id}}` is no longer in {{article}}; its target was not imported'
    },
    'xliff-root': 'not an XLIFF file: the root element is `<{{name}}>`, not `<xliff>`',
    'xliff-stale-segment': 'the German of segment `{{id}}` changed since this file was exported; its target was not imported',
    'xliff-structure': {
      id: 'this unit has no `id`',
      original: 'this `<file>` has no `original`: tandem needs it to find the article',
      source: 'this unit has no `<source>`'
    },
    'xliff-version': 'XLIFF version `{{version}}` is not one tandem reads (1.2, 2.0)',
    'xml-bom': 'the file starts with a byte order mark; save it as UTF-8 without BOM',
    'xml-encoding': 'not valid UTF-8 at byte {{byte}}; save the file as UTF-8',
    'xml-line-ending': 'the file has CRLF (or CR) line endings; save it with LF line endings',
    'xml-not-well-formed': 'not well-formed XML: {{reason}}'
  },
  reasons: {
    answer: {
      empty: 'the answer for id `{{id}}` is empty',
      filtered: 'the answer was withheld by a content filter',
      lacksMany: 'the answer lacks ids {{ids}}',
      lacksOne: 'the answer lacks id {{ids}}',
      length: 'the answer was cut short (finish_reason `length`)',
      noIdOrText: 'an item of `translations` lacks a string `id` or `text`',
      noJson: 'no JSON object with `translations` in the answer',
      noList: 'the answer has no `translations` list',
      notObject: 'an item of `translations` is not an object',
      refused: 'the model refused: {{refusal}}',
      twice: 'the answer has id `{{id}}` twice',
      unasked: 'the answer has an id that was not asked for, `{{id}}`'
    },
    blocks: {
      field: 'front-matter `{{field}}`',
      labelled: '{{kind}} `{{label}}`'
    },
    config: {
      aList: 'a list',
      anObject: 'an object',
      check: '`{{key}}`: {{problem}}',
      choice: '`{{key}}` must be one of {{choices}}, not `{{value}}`',
      fromZero: 'a number of at least 0',
      list: '`{{key}}` must be a list of names, not {{value}}',
      notObject: 'the settings must be an object, not {{value}}',
      number: '`{{key}}` must be {{wanted}}, not {{value}}',
      object: '`{{key}}` must be an object, not {{value}}',
      positive: 'a positive number',
      siteUrl: 'expected the absolute http or https address the site is served at, such as `https://example.org/reader/`, not `{{value}}`',
      string: '`{{key}}` must be a non-empty string, not {{value}}',
      unknown: 'unknown option `{{key}}`',
      unknownNear: 'unknown option `{{key}}`; did you mean `{{near}}`?',
      whole: 'a whole number',
      wholeFrom: 'a whole number of at least {{least}}'
    },
    inlineCodes: {
      bpt: '`<bpt>` with `{{code}}` is not a mark or link that tandem knows',
      element: '`<{{name}}>` is not an inline code that tandem reads here',
      ept: '`<ept i="{{i}}">` has no `<bpt i="{{i}}">` before it',
      g: '`<g ctype="{{ctype}}">` is not a mark or link that tandem knows',
      link: 'link',
      notInSource: 'inline code `{{code}}` is not in the source',
      otherKind: 'inline code `{{code}}` is a {{here}} here and a {{source}} in the source',
      pc: '`<pc type="{{type}}" subType="{{subType}}">` is not a mark or link that tandem knows',
      placeholder: 'placeholder',
      unclosed: '`<bpt i="{{i}}">` is never closed by an `<ept>`'
    },
    json: {
      after: 'unexpected text after the record',
      array: 'expected `,` or `]`',
      colon: 'expected `:` after the field name',
      control: 'a control character inside a string; escape it',
      deep: 'nested too deep',
      endsInside: 'the line ends inside the record',
      escape: '`\\{{escape}}` is not a JSON escape',
      name: 'expected a field name in double quotes',
      number: 'not a JSON number',
      object: 'expected `,` or `}`',
      unicode: '`\\u` needs four hex digits',
      unreadable: 'unreadable',
      value: 'expected a value'
    },
    languages: {
      formality: "`{{formality}}` is not one of DeepL's formality values ({{values}})",
      noFormality: 'DeepL has no formality for `{{lang}}`: `{{formality}}` would be refused; `prefer_{{formality}}` falls back to the default',
      target: "`{{code}}` is not one of DeepL's target languages ({{hint}}, …; see `tandem build --help`)"
    },
    postEdit: {
      kept: 'the file is left as it is (`--force` overwrites it, after what pairs is harvested)',
      overwritten: 'overwritten, as --force asks'
    },
    rekey: {
      german: 'still has the German "{{de}}" where the glossary has "{{en}}"',
      missing: 'does not write "{{text}}" as "{{english}}", as the glossary now has it'
    },
    tags: {
      count: '`<{{tag}}>` appears {{english}} times where the German has {{german}}',
      lost: 'the tag with id `{{id}}` was lost',
      malformed: 'unexpected `<` or `>` in `{{text}}`',
      misnested: '`</{{tag}}>` closes `<{{open}}>`',
      reordered: '`</{{tag}}>` comes before its `<{{tag}}>`',
      selfClosing: 'unexpected self-closing `<{{tag}}/>`',
      twice: '`<{{tag}} id="{{id}}">` appears twice',
      unclosed: '`<{{tag}}>` is never closed',
      unknown: 'unknown tag `<{{tag}}>`',
      unknownId: '`<{{tag}}>` refers to unknown id `{{id}}`',
      wrongTag: '`<{{tag}} id="{{id}}">` stands where `<{{sent}} id="{{id}}">` was sent'
    },
    unmatchable: {
      noLetters: 'has no letters or digits',
      punctuation: 'starts or ends with punctuation',
      separator: 'joins words with `{{gap}}`; only spaces, hyphens, full stops and apostrophes can'
    },
    yamlKinds: {
      boolean: 'boolean',
      list: 'list',
      mapping: 'mapping',
      number: 'number'
    }
  }
} satisfies Record<keyof typeof dePhrases, unknown>
