// Interface strings and the controlled vocabulary of the Details block; what the stages say is in phrases.ts.
// Both languages must have the same keys (test/i18n.test.ts checks it).
import {deHelp, enHelp} from './help.ts'
import {dePhrases, enPhrases} from './phrases.ts'

export const de = {
  ...dePhrases,
  help: deHelp,
  details: {
    heading: 'Details',
    labels: {
      incident: 'Vorfall',
      cause: 'Ursache',
      place: 'Ort',
      sources: 'Quellen'
    }
  },
  parallel: {
    source: 'Deutsch',
    target: 'Englisch',
    generated: 'von tandem aus {{file}} erzeugt; nicht von Hand bearbeiten',
    stale: 'veraltete Nachbearbeitung: Das Deutsch hat sich geändert; die menschliche Übersetzung lautete: „{{text}}“',
    staleKept: 'veraltete Nachbearbeitung: Das Deutsch hat sich seit dieser menschlichen Übersetzung geändert'
  },
  reader: {
    siteTitle: 'tandem: zweisprachig lesen',
    articles: 'Artikel',
    intro: 'Deutsche Artikel neben ihrer englischen Übersetzung, Absatz für Absatz und Satz für Satz.',
    skipToText: 'Zum Text springen',
    show: 'Anzeigen',
    showBoth: 'Beide Sprachen',
    showSource: 'Nur Deutsch',
    showTarget: 'Nur Englisch',
    columnSource: 'Deutsch',
    columnTarget: 'Englisch',
    keys: 'Tasten j und k oder ↓ und ↑: nächster und vorheriger Absatz; → und ←: nächster und vorheriger Satz, Name oder Link.',
    names: 'Punktiert unterstrichene Namen zeigen ihre englische Form, wenn Sie darauf zeigen oder sie fokussieren.',
    sentences: 'Zeigen Sie auf einen Satz oder fokussieren Sie ihn, um seine Übersetzung hervorzuheben.',
    missing: 'noch nicht übersetzt',
    aligned: 'ausgerichtet {{confidence}}',
    stale: 'veraltet',
    staleTitle: 'Das Deutsch hat sich seit der menschlichen Übersetzung dieses Absatzes geändert. Sie lautete: {{text}}',
    alignedTitle: 'Englisch aus einer bestehenden Übersetzung, durch Ausrichtung gefunden; die Zahl ist deren Sicherheit',
    unsafeLink: 'Link entfernt: unsichere Adresse',
    image: 'Bild',
    generated: 'Erzeugt von tandem aus {{file}}.',
    generatedSite: 'Erzeugt von tandem aus {{dir}}.',
    origin: {
      human: 'von Menschen übersetzt',
      import: 'importierte Übersetzung',
      mt: 'maschinell übersetzt'
    },
    mix: {
      human: '{{count}} Segment von Menschen übersetzt',
      human_other: '{{count}} Segmente von Menschen übersetzt',
      import: '{{count}} importiert',
      import_other: '{{count}} importiert',
      mt: '{{count}} maschinell',
      mt_other: '{{count}} maschinell',
      missing: '{{count}} noch nicht übersetzt',
      missing_other: '{{count}} noch nicht übersetzt'
    },
    glossaryWarnings: '{{count}} Glossar-Warnung',
    glossaryWarnings_other: '{{count}} Glossar-Warnungen',
    stalePostEdits: '{{count}} veraltete Nachbearbeitung',
    stalePostEdits_other: '{{count}} veraltete Nachbearbeitungen',
    kinds: {
      person: 'Person',
      place: 'Ort',
      org: 'Organisation',
      term: 'Begriff'
    }
  },
  cli: {
    plan: {
      segmentsToTranslate: '{{count}} Segment zu übersetzen',
      segmentsToTranslate_other: '{{count}} Segmente zu übersetzen',
      charactersInRequests: '{{characters}} Zeichen in {{count}} Anfrage',
      charactersInRequests_other: '{{characters}} Zeichen in {{count}} Anfragen',
      file: 'Datei',
      segments: 'Segmente',
      memoryHits: 'im Speicher',
      toTranslate: 'zu übersetzen',
      characters: 'Zeichen',
      requests: 'Anfragen',
      cost: 'Kosten ({{currency}})',
      total: 'gesamt ({{count}} Datei)',
      total_other: 'gesamt ({{count}} Dateien)',
      price: 'Kosten bei {{price}} € je Million berechneter Zeichen (Nutzungspreis von DeepL API Pro; einen anderen setzt --price)'
    },
    status: {
      upToDate: 'aktuell',
      notBuilt: 'nicht gebaut',
      sourceChanged: 'Quelle geändert',
      glossaryChanged: 'Glossar geändert',
      sourceAndGlossaryChanged: 'Quelle und Glossar geändert',
      toHarvest: '{{count}} Nachbearbeitung zu übernehmen',
      toHarvest_other: '{{count}} Nachbearbeitungen zu übernehmen',
      stale: '{{count}} veraltete Nachbearbeitung',
      stale_other: '{{count}} veraltete Nachbearbeitungen',
      unpaired: '{{file}} passt nicht mehr zum Deutschen (ein Build lässt die Datei, wie sie ist)',
      staleLine: 'veraltete Nachbearbeitung: „{{text}}“',
      orphan: 'gelöscht; seine Ausgaben sind noch da: {{outputs}} (`tandem clean` entfernt sie)',
      orphanPostEdited: 'gelöscht; seine Ausgaben sind noch da: {{outputs}} (`tandem clean` entfernt sie; sie enthalten Nachbearbeitungen: `tandem clean --force` speichert sie zuerst)',
      postEditing: 'Nachbearbeitung von {{provider}} ({{model}}): {{edited}} von {{segments}} Segmenten bearbeitet, mittlere TER {{ter}}, {{untouched}} % unverändert',
      summary: '{{count}} Datei: {{upToDate}} aktuell, {{stale}} zu bauen',
      summary_other: '{{count}} Dateien: {{upToDate}} aktuell, {{stale}} zu bauen',
      sends: 'ein Build würde {{sends}} senden ({{cost}})',
      sendsNothing: 'ein Build würde nichts senden'
    },
    // Every file once: built (an output written), unchanged (nothing to write) or failed, so the parts add up.
    files: '{{count}} Datei: {{built}} gebaut, {{unchanged}} unverändert, {{failed}} fehlgeschlagen',
    files_other: '{{count}} Dateien: {{built}} gebaut, {{unchanged}} unverändert, {{failed}} fehlgeschlagen',
    translated: '{{count}} Segment übersetzt ({{characters}} Zeichen berechnet)',
    translated_other: '{{count}} Segmente übersetzt ({{characters}} Zeichen berechnet)',
    partsBilled: '{{characters}} Zeichen für Teile langer Absätze berechnet, im Speicher aufbewahrt',
    harvested: '{{count}} Nachbearbeitung als menschliche Übersetzung gespeichert',
    harvested_other: '{{count}} Nachbearbeitungen als menschliche Übersetzungen gespeichert',
    stalePostEdits: '{{count}} veraltete Nachbearbeitung (das Deutsch darunter hat sich geändert)',
    stalePostEdits_other: '{{count}} veraltete Nachbearbeitungen (das Deutsch darunter hat sich geändert)',
    imported: '{{file}} geschrieben',
    checked: '{{count}} Datei geprüft: {{errors}} Fehler, {{warnings}} Warnungen',
    checked_other: '{{count}} Dateien geprüft: {{errors}} Fehler, {{warnings}} Warnungen',
    checkSkipped: '{{count}} Segment nicht geprüft: Der Speicher hat noch keine Übersetzung davon (`tandem build` übersetzt es)',
    checkSkipped_other: '{{count}} Segmente nicht geprüft: Der Speicher hat noch keine Übersetzung davon (`tandem build` übersetzt sie)',
    noFiles: 'keine Markdown-Dateien in {{dir}}',
    site: '{{count}} Artikel in {{dir}}',
    site_other: '{{count}} Artikel in {{dir}}',
    suggested: '{{count}} Name, für den {{file}} keinen Eintrag hat',
    suggested_other: '{{count}} Namen, für die {{file}} keinen Eintrag hat',
    suggestAdded: '{{count}} Eintrag in {{file}} geschrieben',
    suggestAdded_other: '{{count}} Einträge in {{file}} geschrieben',
    // `tandem memory align`
    align: {
      confidence: 'Sicherheit',
      status: 'gespeichert',
      stored: 'ja',
      noPair: 'ohne Gegenstück',
      summary: '{{stored}} von {{pairs}} Paaren in {{memory}} gespeichert, {{skipped}} nicht gespeichert',
      dryRun: '{{stored}} von {{pairs}} Paaren würden gespeichert, {{skipped}} nicht (Probelauf, nichts geschrieben)',
      skipped: '{{de}} ↔ {{en}}: nicht gespeichert: {{reason}}'
    },
    // CAT-tool interchange (TMX, XLIFF, TBX)
    tmxExported: '{{count}} Einheit nach {{file}} geschrieben',
    tmxExported_other: '{{count}} Einheiten nach {{file}} geschrieben',
    tmxImported:
      '{{file}}: {{units}} Einheiten, {{matched}} passen zu einem Segment in {{dir}}, {{added}} neu, {{unchanged}} schon im Speicher, {{conflicts}} im Konflikt mit einer menschlichen Übersetzung',
    xliffExported: '{{count}} Einheit nach {{file}} geschrieben ({{articles}} Artikel)',
    xliffExported_other: '{{count}} Einheiten nach {{file}} geschrieben ({{articles}} Artikel)',
    xliffImported:
      '{{file}}: {{changed}} Übersetzungen übernommen, {{unchanged}} unverändert, {{missing}} für Segmente, die es nicht mehr gibt, {{stale}} mit geändertem Deutsch',
    tbxExported: '{{count}} Namen nach {{file}} geschrieben',
    tbxExported_other: '{{count}} Namen nach {{file}} geschrieben',
    tbxImported: '{{file}}: {{added}} Namen zu {{glossary}} hinzugefügt, {{unchanged}} schon vorhanden',
    // The memory shared by several processes (issue 17).
    memoryWait: 'warte auf {{lock}}: Prozess {{pid}} hält die Sperre seit {{since}} (ein anderer tandem-Lauf)',
    memoryWaitUnknown: 'warte auf {{lock}}: ein anderer Prozess hält die Sperre',
    memoryMergeUsage: 'memory merge braucht drei Dateien, BASIS UNSERE DEREN (wie git sie übergibt: %O %A %B); --setup zeigt die Einrichtung für git',
    // How a file's message is headed (vfile-reporter's words).
    severity: {
      error: 'Fehler',
      warning: 'Warnung',
      info: 'Hinweis'
    },
    // `tandem clean`
    clean: {
      kept: '{{file}}: behalten, sie enthält Nachbearbeitungen und {{source}} fehlt; `tandem clean --force` speichert sie im Speicher und entfernt die Datei dann',
      keptNoRecord: '{{file}}: behalten, auch mit --force: tandem weiß nicht, was es dort geschrieben hat, deshalb lassen sich ihre Bearbeitungen nicht speichern; räumen Sie die Datei von Hand weg',
      wouldRemove: 'würde {{files}} entfernen',
      wouldRemoveHarvested: 'würde {{files}} entfernen (nachdem ihre Nachbearbeitungen gespeichert sind)',
      removed: '{{files}} entfernt',
      summary: '{{removed}} von {{count}} verwaisten Ausgabe entfernt',
      summary_other: '{{removed}} von {{count}} verwaisten Ausgaben entfernt'
    },
    // A build that DeepL's or the OpenAI account's quota stopped.
    quota: {
      deepl: 'Das Zeichenkontingent von DeepL ist erschöpft.',
      openai: 'Das Kontingent des OpenAI-Kontos ist erschöpft.',
      left: 'Noch zu übersetzen: {{segments}}, {{characters}} Zeichen ({{cost}}) in {{files}}.',
      segments: '{{count}} Segment',
      segments_other: '{{count}} Segmente',
      files: '{{count}} Datei',
      files_other: '{{count}} Dateien',
      again:
        'Jede erhaltene Übersetzung steht in {{memory}}; wenn sich das Kontingent erneuert, oder mit einem anderen Schlüssel, führen Sie `tandem build` noch einmal aus: es schickt nur, was fehlt (`tandem build --dry-run` zählt es).'
    },
    jsonNeedsDryRun: '--json gehört zu --dry-run',
    notMarkdown: '`{{file}}` ist keine Markdown-Datei; machen Sie aus einem Artikel in reinem Text mit `tandem import {{file}}` eine',
    notInProject:
      'nicht in einem tandem-Projekt: weder {{dir}} noch ein Ordner darüber hat tandem.config.json oder {{source}}; legen Sie {{source}} (oder tandem.config.json) an, um eines zu beginnen',
    // The dry-run table of an LLM provider (`--provider openai`).
    tokens: {
      input: 'Eingabe-Tokens',
      output: 'Ausgabe-Tokens',
      cost: 'Kosten',
      price:
        'Tokens geschätzt als Zeichen / 4; Kosten bei {{input}} je Million Eingabe- und {{output}} je Million Ausgabe-Tokens (openai.inputPricePerMillion, openai.outputPricePerMillion)',
      progressCost: '{{cost}} zu den Preisen openai.*PricePerMillion'
    },
    // The progress of a build.
    progress: {
      bar: 'übersetze {bar} {segments}/{segmentsTotal} Segmente | {value}/{total} Zeichen | noch {eta_formatted} {note}',
      rateLimited: 'gedrosselt',
      unavailable: 'keine Antwort oder ein Serverfehler',
      retryNote: '({{why}}: Wiederholung {{retry}} in {{wait}})',
      retryLine: '{{error}}; Wiederholung {{retry}} in {{wait}}',
      answered: '{{file}}: {{segments}} Segmente übersetzt ({{characters}} Zeichen); {{sofar}}',
      sofarOf: '{{segments}}/{{segmentsTotal}} Segmente, {{characters}}/{{charactersTotal}} Zeichen',
      sofar: 'bisher {{segments}} Segmente, {{characters}} Zeichen',
      seconds: '{{seconds}} s'
    },
    // `tandem memory rekey` and `memory import`
    rekeyed: '{{count}} Übersetzung in {{memory}} neu verschlüsselt',
    rekeyed_other: '{{count}} Übersetzungen in {{memory}} neu verschlüsselt',
    rekeySkipped: '{{count}} nicht übernommen (oben aufgeführt, mit dem Grund)',
    pairsAdded: '{{count}} Paar zu {{memory}} hinzugefügt',
    pairsAdded_other: '{{count}} Paare zu {{memory}} hinzugefügt',
    // `tandem glossary …`
    glossary: {
      lintClean: '{{file}}: {{count}} Eintrag, keine Probleme',
      lintClean_other: '{{file}}: {{count}} Einträge, keine Probleme',
      added: '{{de}} → {{en}} zu {{file}} hinzugefügt',
      candidates: '{{count}} Kandidat nicht in {{file}}',
      candidates_other: '{{count}} Kandidaten nicht in {{file}}',
      syncNeedsKey: '`glossary sync` spricht mit DeepL und braucht einen API-Schlüssel: setzen Sie DEEPL_AUTH_KEY',
      syncBroken: '{{file}} hat Fehler; an DeepL wurde nichts geschickt',
      syncEmpty: '{{file}} hat keine Einträge; nichts abzugleichen',
      created: '{{name}} angelegt ({{entries}}){{deleted}}',
      kept: '{{name}} behalten ({{entries}}){{deleted}}',
      entries: '{{count}} Eintrag',
      entries_other: '{{count}} Einträge',
      deleted: ', {{count}} veraltetes Glossar gelöscht',
      deleted_other: ', {{count}} veraltete Glossare gelöscht'
    },
    // Ctrl-C during a build (issue 17).
    interrupt: {
      stopping: 'wird angehalten: keine neuen Anfragen; die laufenden werden abgewartet (höchstens {{seconds}} s) und gespeichert; noch einmal Strg-C bricht sofort ab',
      quit: 'sofort abgebrochen; jede bis jetzt erhaltene Übersetzung steht in {{memory}}',
      saved:
        'unterbrochen: {{translations}} Übersetzungen dieses Laufs stehen in {{memory}}, {{written}} von {{files}} Dateien gebaut; `tandem build` schickt beim nächsten Mal nur, was fehlt (`tandem build --dry-run` zählt es)'
    }
  }
} as const

export const en = {
  ...enPhrases,
  help: enHelp,
  details: {
    heading: 'Details',
    labels: {
      incident: 'Incident',
      cause: 'Cause',
      place: 'Location',
      sources: 'Sources'
    }
  },
  parallel: {
    source: 'Deutsch',
    target: 'English',
    generated: 'generated by tandem from {{file}}; do not edit by hand',
    stale: 'stale post-edit: the German changed; the human translation was “{{text}}”',
    staleKept: 'stale post-edit: the German changed since this human translation'
  },
  reader: {
    siteTitle: 'tandem: bilingual reader',
    articles: 'Articles',
    intro: 'German articles beside their English translation, paragraph by paragraph and sentence by sentence.',
    skipToText: 'Skip to the text',
    show: 'Show',
    showBoth: 'Both languages',
    showSource: 'German only',
    showTarget: 'English only',
    columnSource: 'German',
    columnTarget: 'English',
    keys: 'Keys j and k or ↓ and ↑: next and previous paragraph; → and ←: next and previous sentence, name or link.',
    names: 'Names underlined with dots show their English form when you point at or focus them.',
    sentences: 'Point at or focus a sentence to highlight its translation.',
    missing: 'not translated yet',
    aligned: 'aligned {{confidence}}',
    stale: 'stale',
    staleTitle: 'The German changed since this paragraph was translated by hand. The human translation was: {{text}}',
    alignedTitle: 'English from an existing translation, found by alignment; the figure is its confidence',
    unsafeLink: 'link removed: unsafe address',
    image: 'Image',
    generated: 'Generated by tandem from {{file}}.',
    generatedSite: 'Generated by tandem from {{dir}}.',
    origin: {
      human: 'human translation',
      import: 'imported translation',
      mt: 'machine translation'
    },
    mix: {
      human: '{{count}} segment by a human',
      human_other: '{{count}} segments by a human',
      import: '{{count}} imported',
      import_other: '{{count}} imported',
      mt: '{{count}} by machine',
      mt_other: '{{count}} by machine',
      missing: '{{count}} not translated yet',
      missing_other: '{{count}} not translated yet'
    },
    glossaryWarnings: '{{count}} glossary warning',
    glossaryWarnings_other: '{{count}} glossary warnings',
    stalePostEdits: '{{count}} stale post-edit',
    stalePostEdits_other: '{{count}} stale post-edits',
    kinds: {
      person: 'person',
      place: 'place',
      org: 'organisation',
      term: 'term'
    }
  },
  cli: {
    plan: {
      segmentsToTranslate: '{{count}} segment to translate',
      segmentsToTranslate_other: '{{count}} segments to translate',
      charactersInRequests: '{{characters}} characters in {{count}} request',
      charactersInRequests_other: '{{characters}} characters in {{count}} requests',
      file: 'file',
      segments: 'segments',
      memoryHits: 'memory hits',
      toTranslate: 'to translate',
      characters: 'characters',
      requests: 'requests',
      cost: 'cost ({{currency}})',
      total: 'total ({{count}} file)',
      total_other: 'total ({{count}} files)',
      price: "cost at €{{price}} per million billed characters (DeepL API Pro's usage price; set another with --price)"
    },
    status: {
      upToDate: 'up to date',
      notBuilt: 'not built',
      sourceChanged: 'source changed',
      glossaryChanged: 'glossary changed',
      sourceAndGlossaryChanged: 'source and glossary changed',
      toHarvest: '{{count}} post-edit to harvest',
      toHarvest_other: '{{count}} post-edits to harvest',
      stale: '{{count}} stale post-edit',
      stale_other: '{{count}} stale post-edits',
      unpaired: '{{file}} no longer pairs with the German (a build leaves it alone)',
      staleLine: 'stale post-edit: “{{text}}”',
      orphan: 'gone; its outputs remain: {{outputs}} (`tandem clean` removes them)',
      orphanPostEdited: 'gone; its outputs remain: {{outputs}} (`tandem clean` removes them; it holds post-edits: `tandem clean --force` stores them first)',
      postEditing: 'post-editing of {{provider}} ({{model}}): {{edited}} of {{segments}} segments edited, mean TER {{ter}}, {{untouched}}% untouched',
      summary: '{{count}} file: {{upToDate}} up to date, {{stale}} to build',
      summary_other: '{{count}} files: {{upToDate}} up to date, {{stale}} to build',
      sends: 'a build would send {{sends}} ({{cost}})',
      sendsNothing: 'a build would send nothing'
    },
    files: '{{count}} file: {{built}} built, {{unchanged}} unchanged, {{failed}} failed',
    files_other: '{{count}} files: {{built}} built, {{unchanged}} unchanged, {{failed}} failed',
    translated: '{{count}} segment translated ({{characters}} characters billed)',
    translated_other: '{{count}} segments translated ({{characters}} characters billed)',
    partsBilled: '{{characters}} characters billed for parts of long paragraphs, kept in the memory',
    harvested: '{{count}} post-edit kept as a human translation',
    harvested_other: '{{count}} post-edits kept as human translations',
    stalePostEdits: '{{count}} stale post-edit (its German changed)',
    stalePostEdits_other: '{{count}} stale post-edits (their German changed)',
    imported: 'wrote {{file}}',
    checked: '{{count}} file checked: {{errors}} errors, {{warnings}} warnings',
    checked_other: '{{count}} files checked: {{errors}} errors, {{warnings}} warnings',
    checkSkipped: '{{count}} segment skipped: the memory has no translation of it yet (`tandem build` translates it)',
    checkSkipped_other: '{{count}} segments skipped: the memory has no translation of them yet (`tandem build` translates them)',
    noFiles: 'no Markdown files in {{dir}}',
    site: '{{count}} article in {{dir}}',
    site_other: '{{count}} articles in {{dir}}',
    suggested: '{{count}} name that {{file}} lacks',
    suggested_other: '{{count}} names that {{file}} lacks',
    suggestAdded: '{{count}} entry written to {{file}}',
    suggestAdded_other: '{{count}} entries written to {{file}}',
    // `tandem memory align`
    align: {
      confidence: 'confidence',
      status: 'stored',
      stored: 'yes',
      noPair: 'no counterpart',
      summary: '{{stored}} of {{pairs}} pairs stored in {{memory}}, {{skipped}} not stored',
      dryRun: '{{stored}} of {{pairs}} pairs would be stored, {{skipped}} not (dry run, nothing written)',
      skipped: '{{de}} ↔ {{en}}: not stored: {{reason}}'
    },
    // CAT-tool interchange (TMX, XLIFF, TBX)
    tmxExported: 'wrote {{count}} unit to {{file}}',
    tmxExported_other: 'wrote {{count}} units to {{file}}',
    tmxImported:
      '{{file}}: {{units}} units, {{matched}} matched a segment of {{dir}}, {{added}} new, {{unchanged}} already in the memory, {{conflicts}} conflicted with a human translation',
    xliffExported: 'wrote {{count}} unit of {{articles}} articles to {{file}}',
    xliffExported_other: 'wrote {{count}} units of {{articles}} articles to {{file}}',
    xliffImported:
      '{{file}}: {{changed}} targets now current, {{unchanged}} unchanged, {{missing}} for segments that no longer exist, {{stale}} whose German changed',
    tbxExported: 'wrote {{count}} name to {{file}}',
    tbxExported_other: 'wrote {{count}} names to {{file}}',
    tbxImported: '{{file}}: {{added}} names added to {{glossary}}, {{unchanged}} already there',
    // The memory shared by several processes (issue 17).
    memoryWait: 'waiting for {{lock}}: process {{pid}} has held it since {{since}} (another tandem run)',
    memoryWaitUnknown: 'waiting for {{lock}}: another process holds it',
    memoryMergeUsage: 'memory merge needs three files, BASE OURS THEIRS (as git passes them: %O %A %B); --setup prints the git set-up',
    severity: {
      error: 'error',
      warning: 'warning',
      info: 'info'
    },
    clean: {
      kept: '{{file}}: kept, it holds post-edits and {{source}} is gone; `tandem clean --force` stores them in the memory, then removes it',
      keptNoRecord: '{{file}}: kept, even with --force: tandem has no record of what it wrote there, so its edits cannot be stored; move it away by hand',
      wouldRemove: 'would remove {{files}}',
      wouldRemoveHarvested: 'would remove {{files}} (after storing its post-edits)',
      removed: 'removed {{files}}',
      summary: '{{removed}} of {{count}} orphan removed',
      summary_other: '{{removed}} of {{count}} orphans removed'
    },
    quota: {
      deepl: "DeepL's character quota is used up.",
      openai: "The OpenAI account's quota is used up.",
      left: 'Still to translate: {{segments}}, {{characters}} characters ({{cost}}) in {{files}}.',
      segments: '{{count}} segment',
      segments_other: '{{count}} segments',
      files: '{{count}} file',
      files_other: '{{count}} files',
      again:
        'Every translation received is kept in {{memory}}; when the quota renews, or with another key, run `tandem build` again: it sends only what is missing (`tandem build --dry-run` counts it).'
    },
    jsonNeedsDryRun: '--json goes with --dry-run',
    notMarkdown: '`{{file}}` is not a Markdown file; turn a plain-text article into one with `tandem import {{file}}`',
    notInProject:
      'not inside a tandem project: neither {{dir}} nor a folder above it has tandem.config.json or {{source}}; create {{source}} (or tandem.config.json) to start one',
    tokens: {
      input: 'input tokens',
      output: 'output tokens',
      cost: 'cost',
      price:
        'tokens estimated as characters / 4; cost at {{input}} per million input and {{output}} per million output tokens (openai.inputPricePerMillion, openai.outputPricePerMillion)',
      progressCost: '{{cost}} at the openai.*PricePerMillion prices'
    },
    progress: {
      bar: 'translating {bar} {segments}/{segmentsTotal} segments | {value}/{total} characters | ETA {eta_formatted} {note}',
      rateLimited: 'rate-limited',
      unavailable: 'no answer or a server error',
      retryNote: '({{why}}: retry {{retry}} in {{wait}})',
      retryLine: '{{error}}; retry {{retry}} in {{wait}}',
      answered: '{{file}}: {{segments}} segments translated ({{characters}} characters); {{sofar}}',
      sofarOf: '{{segments}}/{{segmentsTotal}} segments, {{characters}}/{{charactersTotal}} characters',
      sofar: '{{segments}} segments, {{characters}} characters so far',
      seconds: '{{seconds}} s'
    },
    rekeyed: '{{count}} translation re-keyed in {{memory}}',
    rekeyed_other: '{{count}} translations re-keyed in {{memory}}',
    rekeySkipped: '{{count}} not carried over (listed above, with the reason)',
    pairsAdded: '{{count}} pair added to {{memory}}',
    pairsAdded_other: '{{count}} pairs added to {{memory}}',
    glossary: {
      lintClean: '{{file}}: {{count}} entry, no problems',
      lintClean_other: '{{file}}: {{count}} entries, no problems',
      added: 'added {{de}} → {{en}} to {{file}}',
      candidates: '{{count}} candidate not in {{file}}',
      candidates_other: '{{count}} candidates not in {{file}}',
      syncNeedsKey: '`glossary sync` talks to DeepL and needs an API key: set DEEPL_AUTH_KEY',
      syncBroken: '{{file}} has errors; nothing was sent to DeepL',
      syncEmpty: '{{file}} has no entries; nothing to sync',
      created: 'created {{name}} ({{entries}}){{deleted}}',
      kept: 'kept {{name}} ({{entries}}){{deleted}}',
      entries: '{{count}} entry',
      entries_other: '{{count}} entries',
      deleted: ', deleted {{count}} stale glossary',
      deleted_other: ', deleted {{count}} stale glossaries'
    },
    // Ctrl-C during a build (issue 17).
    interrupt: {
      stopping: 'stopping: no new requests; waiting for the ones in flight (at most {{seconds}} s) to store their answers; Ctrl-C again quits at once',
      quit: 'quit at once; every translation received so far is in {{memory}}',
      saved:
        'interrupted: {{translations}} translations of this run are kept in {{memory}}, {{written}} of {{files}} files built; run `tandem build` again and it sends only what is missing (`tandem build --dry-run` counts it)'
    }
  }
} satisfies Record<keyof typeof de, unknown>

export type DetailsLabel = keyof typeof de.details.labels
