// The help of `tandem` (commander's descriptions, headings and its own messages), in the interface language.
// `{{default}}` and the like are filled from DEFAULTS where the program is built (src/cli/main.ts).

export const deHelp = {
  // commander's own words
  titles: {
    usage: 'Aufruf:',
    options: 'Optionen:',
    commands: 'Befehle:',
    arguments: 'Argumente:',
    globalOptions: 'Globale Optionen:'
  },
  choices: 'Auswahl: {{choices}}',
  default: 'Vorgabe: {{value}}',
  byDefault: '(Vorgabe: {{value}})',
  help: 'zeigt die Hilfe zum Befehl',
  commander: {
    unknownOption: "Fehler: unbekannte Option '{{option}}'",
    unknownCommand: "Fehler: unbekannter Befehl '{{command}}'",
    didYouMean: '(Meinten Sie {{suggestion}}?)',
    missingArgument: "Fehler: das Argument '{{name}}' fehlt",
    optionMissingArgument: "Fehler: der Option '{{option}}' fehlt ihr Wert",
    missingMandatoryOptionValue: "Fehler: die Option '{{option}}' ist nötig",
    excessArguments: 'Fehler: zu viele Argumente; erwartet {{count}}, bekommen {{received}}',
    excessArguments_other: 'Fehler: zu viele Argumente; erwartet {{count}}, bekommen {{received}}',
    excessArgumentsFor: "Fehler: zu viele Argumente für '{{command}}'; erwartet {{count}}, bekommen {{received}}",
    excessArgumentsFor_other: "Fehler: zu viele Argumente für '{{command}}'; erwartet {{count}}, bekommen {{received}}",
    invalidOption: "Fehler: der Wert '{{value}}' der Option '{{option}}' ist ungültig: {{reason}}",
    invalidArgument: "Fehler: der Wert '{{value}}' des Arguments '{{name}}' ist ungültig: {{reason}}",
    choices: 'erlaubt sind {{choices}}'
  },
  // tandem's
  program: 'Deutsches Markdown → englische Ausgabe und Ansicht nebeneinander, mit einem Namensglossar und einem Übersetzungsspeicher',
  version: 'zeigt die Version von tandem',
  ui: 'Sprache der Meldungen und des Lesers (Vorgabe: aus `ui` in tandem.config.json, sonst aus LC_ALL, LC_MESSAGES oder LANG, sonst en)',
  quiet: 'zeigt nur Fehler und Warnungen',
  targetLang: 'Zielsprache, eine der Sprachen von DeepL',
  germanFiles: 'deutsche Markdown-Dateien (Vorgabe: alle in {{dir}})',
  author: 'in den Nachbearbeitungen vermerkt, die aus der englischen Ausgabe übernommen werden (Vorgabe: user.name von git)',
  date: 'Datum an den Paaren (Vorgabe: heute)',
  serverUrl: 'DeepL-API-Server (Vorgabe: DEEPL_SERVER_URL, sonst DeepL)',
  strict: 'Glossarverstöße sind Fehler (Rückgabewert 1)',
  json: 'dasselbe als JSON auf stdout',
  format: 'Dateiformat',
  build: {
    description: 'baut {{target}} und {{parallel}} aus {{source}}',
    files: 'deutsche Markdown-Dateien in {{dir}} (Vorgabe: alle)',
    formality: 'Formalität von DeepL; `more` und `less` nur, wo DeepL sie hat',
    provider: 'wer die Lücken übersetzt (Vorgabe: {{default}})',
    baseUrl: 'mit --provider openai: der OpenAI-kompatible Server (Vorgabe: OPENAI_BASE_URL, sonst {{default}})',
    model: 'mit --provider openai: das Modell',
    temperature: 'mit --provider openai: Temperatur der Stichprobe',
    concurrency: 'gleichzeitige Anfragen an den Anbieter (und gleichzeitig gelesene Dateien)',
    dryRun: 'zählt Segmente, Treffer im Speicher, Zeichen, Anfragen und Kosten je Datei; schickt nichts',
    json: 'mit --dry-run: die Zahlen als JSON auf stdout',
    price: 'Preis je Million berechneter Zeichen, für die Kosten',
    timeout: 'Zeitlimit einer Anfrage an den Anbieter (Vorgabe: {{deepl}} für DeepL, {{openai}} für openai)',
    retryDelay: 'erste Wartezeit vor dem Wiederholen nach 429, 5xx, Zeitüberschreitung oder Abbruch; jede weitere wartet 1,6-mal so lange',
    keepStale: 'behält in der englischen Ausgabe eine menschliche Übersetzung, deren Deutsch sich geändert hat, statt der neuen Übersetzung',
    force: 'überschreibt englische Ausgaben, deren Blöcke nicht mehr passen, nachdem die passenden Nachbearbeitungen übernommen sind'
  },
  clean: {
    description: 'entfernt Ausgaben, deren deutsche Quelle in {{dir}} fehlt; eine nachbearbeitete englische Ausgabe nur mit --force, nachdem ihre Bearbeitungen gespeichert sind',
    dryRun: 'listet auf, was entfernt würde',
    force: 'entfernt auch nachbearbeitete englische Ausgaben, sobald ihre Bearbeitungen im Speicher stehen',
    author: 'an den gespeicherten Bearbeitungen vermerkt (Vorgabe: user.name von git)'
  },
  harvest: {
    description: 'speichert die Änderungen der Redaktion an {{dir}} als menschliche Übersetzungen im Speicher, ohne zu bauen',
    author: 'an den menschlichen Übersetzungen vermerkt (Vorgabe: user.name von git)'
  },
  status: {
    description: 'welche englischen Ausgaben veraltet sind (Quelle oder Glossar seit dem Build geändert) und was ein Build schicken würde',
    price: 'Preis je Million berechneter Zeichen, für die Kosten'
  },
  check: {
    description: 'Glossarprüfung der Übersetzungen im Speicher, ohne zu übersetzen oder zu schreiben'
  },
  import: {
    description: 'macht aus einem Artikel in reinem Text {{dir}}/<slug>.md',
    file: 'Artikel als reiner Text: Titel in Zeile 1, Leerzeilen zwischen den Absätzen',
    slug: 'Dateiname ohne .md (Vorgabe: aus dem Titel)',
    force: 'überschreibt eine vorhandene deutsche Datei',
    date: 'das Datum des Artikels, als `date` ins Front Matter geschrieben (Leser und Feed ordnen danach)',
    author: 'wer ihn geschrieben hat, als `author` geschrieben (der Feed nennt ihn)',
    sourceUrl: 'wo er erschienen ist, als `sourceUrl` geschrieben'
  },
  site: {
    description: 'schreibt den zweisprachigen Leser (site/) aus den deutschen Quellen, dem Speicher und dem Glossar; --ui legt seine Sprache fest'
  },
  memory: {
    description: 'arbeitet mit dem Übersetzungsspeicher',
    import: {
      description: 'fügt dem Speicher eine TMX hinzu, oder paart eine deutsche Datei Block für Block mit ihrer vorhandenen englischen Fassung',
      file: 'eine TMX-Datei (1.1–1.4b) oder eine deutsche Markdown-Datei',
      english: 'mit einer deutschen Datei: die englische Markdown-Datei mit denselben Blöcken',
      origin: 'wer übersetzt hat (Vorgabe: import für TMX, human für Paare)',
      prefer: 'TMX: bei einem Konflikt mit einer menschlichen Übersetzung wird die importierte die aktuelle'
    },
    align: {
      description: 'richtet eine deutsche Datei an einer vorhandenen englischen Fassung mit anderen Blöcken aus (hinzugefügt, zusammengelegt, geteilt) und fügt die Paare dem Speicher hinzu',
      german: 'deutsche Markdown-Datei',
      english: 'englische Markdown-Datei',
      dryRun: 'zeigt die Ausrichtung als Tabelle mit Sicherheiten; speichert nichts',
      origin: 'wer übersetzt hat',
      minConfidence: 'Paare unter dieser Sicherheit (0–1) werden aufgelistet, nicht gespeichert'
    },
    rekey: {
      description: 'gibt nach einer Glossaränderung gespeicherten Übersetzungen die Schlüssel, die das aktuelle Glossar ihren Segmenten gibt'
    },
    merge: {
      description: 'Merge-Treiber für git: schreibt die sortierte Vereinigung der Einträge von BASIS, UNSERE und DEREN nach UNSERE; menschliche Einträge gehen nie verloren',
      files: 'BASIS UNSERE DEREN, wie git sie übergibt (%O %A %B)',
      setup: 'zeigt die Zeile für .gitattributes und die git-config-Zeile, die den Treiber einschalten'
    },
    export: {
      description: 'schreibt den Speicher als TMX 1.4b, für CAT-Werkzeuge (OmegaT: der Ordner tm/ des Projekts)',
      output: 'die TMX-Datei, die geschrieben wird'
    }
  },
  glossary: {
    description: 'arbeitet mit dem Namensglossar, {{file}}',
    list: {
      description: 'zeigt die Einträge',
      kind: 'nur diese Art'
    },
    add: {
      description: 'fügt einen Eintrag hinzu und hält die Datei sortiert; Doppeltes und Widersprüche werden abgelehnt',
      de: 'die deutsche Form',
      en: 'die englische Form',
      kind: 'was er benennt',
      note: 'eine Notiz für die Pflege und für Leser'
    },
    lint: {
      description: 'Doppeltes, Widersprüche, leere Felder, überzählige Leerzeichen und Ketten, mit ihren Zeilen'
    },
    candidates: {
      description: 'wahrscheinliche Namen in den Artikeln, die dem Glossar fehlen, mit Anzahl und erster Fundstelle (TSV auf stdout)',
      min: 'nur Namen, die mindestens so oft vorkommen'
    },
    suggest: {
      description: 'englische Schreibungen für Namen aus der deutschen Presse, die beste zuerst, mit Begründung (Vorgabe: die Namen, die `candidates` findet)',
      names: 'deutsche Namen, wie deutsche Zeitungen sie schreiben',
      json: 'alle Vorschläge als JSON',
      add: 'schreibt die beste Schreibung jedes Namens in die Namensdatei'
    },
    check: {
      description: 'dasselbe wie `tandem check`'
    },
    sync: {
      description: 'legt das DeepL-Glossar der Namensdatei an, nach ihrem Hash benannt, und löscht veraltete; Builds verwenden es dann'
    },
    export: {
      description: 'schreibt das Namensglossar als TBX-Basic, für CAT-Werkzeuge (OmegaT: der Ordner glossary/ des Projekts)',
      output: 'die TBX-Datei, die geschrieben wird'
    },
    import: {
      description: 'fügt die Namen einer TBX-Datei (TBX-Basic oder TBX v3) zu {{file}} hinzu, mit Prüfung',
      file: 'eine TBX-Datei'
    }
  },
  xliff: {
    description: 'Artikel als XLIFF zum Nachbearbeiten in einem CAT-Werkzeug, und zurück',
    export: {
      description: 'schreibt die Segmente von Artikeln mit ihren aktuellen Übersetzungen als XLIFF',
      files: 'deutsche Markdown-Dateien in {{dir}}',
      output: 'die XLIFF-Datei, die geschrieben wird',
      version: 'XLIFF-Version'
    },
    import: {
      description: 'übernimmt die Ziele einer nachbearbeiteten XLIFF als menschliche Übersetzungen; der nächste Build verwendet sie',
      file: 'eine XLIFF-1.2- oder -2.0-Datei, die tandem exportiert hat',
      author: 'an den Übersetzungen vermerkt'
    }
  },
  // What the option parsers say of a value they refuse.
  values: {
    positive: 'erwartet wird eine Zahl über 0',
    fromZero: 'erwartet wird eine Zahl von mindestens 0',
    whole: 'erwartet wird eine ganze Zahl von mindestens 0',
    confidence: 'erwartet wird eine Zahl von 0 bis 1',
    positiveWhole: 'erwartet wird eine ganze Zahl von mindestens 1'
  }
} as const

export const enHelp = {
  titles: {
    usage: 'Usage:',
    options: 'Options:',
    commands: 'Commands:',
    arguments: 'Arguments:',
    globalOptions: 'Global Options:'
  },
  choices: 'choices: {{choices}}',
  default: 'default: {{value}}',
  byDefault: '(default: {{value}})',
  help: 'display help for command',
  commander: {
    unknownOption: "error: unknown option '{{option}}'",
    unknownCommand: "error: unknown command '{{command}}'",
    didYouMean: '(Did you mean {{suggestion}}?)',
    missingArgument: "error: missing required argument '{{name}}'",
    optionMissingArgument: "error: option '{{option}}' argument missing",
    missingMandatoryOptionValue: "error: required option '{{option}}' not specified",
    excessArguments: 'error: too many arguments. Expected {{count}} argument but got {{received}}.',
    excessArguments_other: 'error: too many arguments. Expected {{count}} arguments but got {{received}}.',
    excessArgumentsFor: "error: too many arguments for '{{command}}'. Expected {{count}} argument but got {{received}}.",
    excessArgumentsFor_other: "error: too many arguments for '{{command}}'. Expected {{count}} arguments but got {{received}}.",
    invalidOption: "error: option '{{option}}' argument '{{value}}' is invalid. {{reason}}",
    invalidArgument: "error: command-argument value '{{value}}' is invalid for argument '{{name}}'. {{reason}}",
    choices: 'Allowed choices are {{choices}}.'
  },
  program: 'German Markdown → English edition and side-by-side view, with a name glossary and a translation memory',
  version: "print tandem's version",
  ui: 'language of the messages and the reader (default: from `ui` in tandem.config.json, else from LC_ALL, LC_MESSAGES or LANG, else en)',
  quiet: 'print only errors and warnings',
  targetLang: "target language, one of DeepL's",
  germanFiles: 'German Markdown files (default: all of {{dir}})',
  author: "recorded on post-edits harvested from the English edition (default: git's user.name)",
  date: 'date recorded on the pairs (default: today)',
  serverUrl: 'DeepL API server (default: DEEPL_SERVER_URL, else DeepL)',
  strict: 'glossary violations are errors (exit 1)',
  json: 'the same as JSON on stdout',
  format: 'file format',
  build: {
    description: 'build {{target}} and {{parallel}} from {{source}}',
    files: 'German Markdown files inside {{dir}} (default: all of them)',
    formality: "DeepL's formality; `more` and `less` only where DeepL has them",
    provider: 'who translates the misses (default: {{default}})',
    baseUrl: 'with --provider openai: the OpenAI-compatible server (default: OPENAI_BASE_URL, else {{default}})',
    model: 'with --provider openai: the model',
    temperature: 'with --provider openai: sampling temperature',
    concurrency: 'provider requests in flight at once (and files read at once)',
    dryRun: 'count segments, memory hits, characters, requests and cost per file; send nothing',
    json: 'with --dry-run: the figures as JSON on stdout',
    price: 'price per million billed characters, for cost figures',
    timeout: 'timeout of one provider request (default: {{deepl}} for DeepL, {{openai}} for openai)',
    retryDelay: 'first wait before retrying a 429, 5xx, timeout or reset; each retry waits 1.6 times longer',
    keepStale: 'keep a human translation whose German has changed in the English edition, instead of the new translation',
    force: 'overwrite English editions whose blocks no longer pair, once the post-edits that pair are harvested'
  },
  clean: {
    description: 'remove outputs whose German source in {{dir}} is gone; a post-edited English edition only with --force, after storing its edits',
    dryRun: 'list what would be removed',
    force: 'also remove post-edited English editions, once their edits are in the memory',
    author: "recorded on the stored edits (default: git's user.name)"
  },
  harvest: {
    description: "store editors' changes to {{dir}} in the memory as human translations, without building",
    author: "recorded on the human translations (default: git's user.name)"
  },
  status: {
    description: 'which English editions are stale (source or glossary changed since they were built), and what a build would send',
    price: 'price per million billed characters, for the cost figure'
  },
  check: {
    description: 'glossary QA on the translations in the memory, without translating or writing'
  },
  import: {
    description: 'turn a plain-text article into {{dir}}/<slug>.md',
    file: 'plain-text article: title on line 1, blank lines between paragraphs',
    slug: 'file name without .md (default: from the title)',
    force: 'overwrite an existing German file',
    date: "the article's date, written as `date` in the front matter (the reader and the feed order by it)",
    author: 'who wrote it, written as `author` (the feed names it)',
    sourceUrl: 'where it was published, written as `sourceUrl`'
  },
  site: {
    description: 'write the bilingual reader (site/) from the German sources, the memory and the glossary; --ui sets its language'
  },
  memory: {
    description: 'work with the translation memory',
    import: {
      description: 'add a TMX to the memory, or pair a German file with its existing English version, block by block',
      file: 'a TMX file (1.1–1.4b), or a German Markdown file',
      english: 'with a German file: the English Markdown file with the same blocks',
      origin: 'who translated it (default: import for TMX, human for pairs)',
      prefer: 'TMX: on a conflict with a human translation, make the imported one current'
    },
    align: {
      description: 'align a German file with an existing English version whose blocks differ (added, merged, split), and add the pairs to the memory',
      german: 'German Markdown file',
      english: 'English Markdown file',
      dryRun: 'print the alignment as a table with confidences; store nothing',
      origin: 'who translated it',
      minConfidence: 'pairs below this confidence (0–1) are listed, not stored'
    },
    rekey: {
      description: 'after a glossary change, give stored translations the keys the current glossary gives their segments'
    },
    merge: {
      description: 'git merge driver: write the sorted union of the records of BASE, OURS and THEIRS to OURS; human records are never dropped',
      files: 'BASE OURS THEIRS, as git passes them (%O %A %B)',
      setup: 'print the .gitattributes line and the git config line that enable the driver'
    },
    export: {
      description: 'write the memory as TMX 1.4b, for CAT tools (OmegaT: the project’s tm/ folder)',
      output: 'the TMX file to write'
    }
  },
  glossary: {
    description: 'work with the name glossary, {{file}}',
    list: {
      description: 'print the entries',
      kind: 'only this kind'
    },
    add: {
      description: 'add an entry, keeping the file sorted; duplicates and conflicts are refused',
      de: 'the German form',
      en: 'the English form',
      kind: 'what it names',
      note: 'a note for maintainers and readers'
    },
    lint: {
      description: 'duplicates, conflicts, empty fields, stray whitespace and chains, with their lines'
    },
    candidates: {
      description: 'probable names in the articles that the glossary lacks, with counts and first places (TSV on stdout)',
      min: 'only names seen at least this often'
    },
    suggest: {
      description: 'English spellings for German-press names, best first with the reason (default: the names `candidates` finds)',
      names: 'German names, as German papers write them',
      json: 'all suggestions as JSON',
      add: 'write the best spelling of each name into the names file'
    },
    check: {
      description: 'the same as `tandem check`'
    },
    sync: {
      description: 'create the DeepL glossary of the names file, named by its hash, and delete stale ones; builds then use it'
    },
    export: {
      description: 'write the name glossary as TBX-Basic, for CAT tools (OmegaT: the project’s glossary/ folder)',
      output: 'the TBX file to write'
    },
    import: {
      description: 'add the names of a TBX file (TBX-Basic or TBX v3) to {{file}}, lint included',
      file: 'a TBX file'
    }
  },
  xliff: {
    description: 'articles as XLIFF for post-editing in a CAT tool, and back',
    export: {
      description: 'write the segments of articles with their current translations as XLIFF',
      files: 'German Markdown files inside {{dir}}',
      output: 'the XLIFF file to write',
      version: 'XLIFF version'
    },
    import: {
      description: 'take the targets of a post-edited XLIFF back as human translations; the next build uses them',
      file: 'an XLIFF 1.2 or 2.0 file that tandem exported',
      author: 'recorded on the translations'
    }
  },
  values: {
    positive: 'expected a number above 0',
    fromZero: 'expected a number of at least 0',
    whole: 'expected a whole number of at least 0',
    confidence: 'expected a number from 0 to 1',
    positiveWhole: 'expected a whole number of at least 1'
  }
} satisfies Record<keyof typeof deHelp, unknown>
