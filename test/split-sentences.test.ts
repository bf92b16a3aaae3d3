/**
 * The German sentence splitter (src/segment/split-sentences.ts).
 *
 * The first table holds the German cases of pragmatic_segmenter's spec
 * (spec/pragmatic_segmenter/languages/deutsch_spec.rb, github.com/diasks2/pragmatic_segmenter, MIT),
 * written out here as input → sentences. pragmatic_segmenter reads PDF text with single line
 * breaks as spaces (our `soft`, what a Markdown paragraph is) and plain text and DOCX with every
 * line break as an end (our `hard`); each case says which. In PDF mode pragmatic_segmenter also
 * joins the lines of a sentence; our pieces are exact slices of the input, so those cases compare
 * with runs of white space collapsed.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {sentenceStarts, splitSentences, type SplitOptions} from '../src/segment/split-sentences.ts'

type Case = [name: string, text: string, sentences: string[], lineBreaks?: SplitOptions['lineBreaks']]

const pragmaticSegmenter: Case[] = [
  [
    'golden rule 1: a quotation at the end of a sentence',
    '„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“ Wir haben 1.000.000 Euro.',
    ['„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“', 'Wir haben 1.000.000 Euro.']
  ],
  [
    'golden rule 2: z. B. inside a sentence',
    'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.',
    ['Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.']
  ],
  ['golden rule 3: a date', 'Was sind die Konsequenzen der Abstimmung vom 12. Juni?', ['Was sind die Konsequenzen der Abstimmung vom 12. Juni?']],
  [
    '#001: a bulleted, numbered list with headings between blank lines (PDF)',
    '\n   \n\n   http:www.babycentre.co.uk/midwives \n\n \n\n \n\n10 steps to a healthy pregnancy (German) \n\n10 Schritte zu einer gesunden Schwangerschaft \n \n• 1. Planen und organisieren Sie die Zeit der Schwangerschaft frühzeitig! \n• 2. Essen Sie gesund! \n• 3. Seien Sie achtsam bei der Auswahl der Nahrungsmittel! \n• 4. Nehmen Sie zusätzlich Folsäurepräparate und essen Sie Fisch! \n• 5. Treiben Sie regelmäßig Sport! \n• 6. Beginnen Sie mit Übungen für die Beckenbodenmuskulatur! \n• 7. Reduzieren Sie Ihren Alkoholgenuss! \n• 8. Reduzieren Sie Ihren Koffeingenuß! \n• 9. Hören Sie mit dem Rauchen auf! \n• 10. Gönnen Sie sich Erholung! \n \n \nZehn einfach zu befolgende Tipps sollen Ihnen helfen, eine möglichst problemlose \nSchwangerschaft zu erleben und ein gesundes Baby auf die Welt zu bringen:  \n\n1. Planen und organisieren Sie die Zeit der Schwangerschaft frühzeitig!',
    [
      'http:www.babycentre.co.uk/midwives',
      '10 steps to a healthy pregnancy (German)',
      '10 Schritte zu einer gesunden Schwangerschaft',
      '• 1. Planen und organisieren Sie die Zeit der Schwangerschaft frühzeitig!',
      '• 2. Essen Sie gesund!',
      '• 3. Seien Sie achtsam bei der Auswahl der Nahrungsmittel!',
      '• 4. Nehmen Sie zusätzlich Folsäurepräparate und essen Sie Fisch!',
      '• 5. Treiben Sie regelmäßig Sport!',
      '• 6. Beginnen Sie mit Übungen für die Beckenbodenmuskulatur!',
      '• 7. Reduzieren Sie Ihren Alkoholgenuss!',
      '• 8. Reduzieren Sie Ihren Koffeingenuß!',
      '• 9. Hören Sie mit dem Rauchen auf!',
      '• 10. Gönnen Sie sich Erholung!',
      'Zehn einfach zu befolgende Tipps sollen Ihnen helfen, eine möglichst problemlose Schwangerschaft zu erleben und ein gesundes Baby auf die Welt zu bringen:',
      '1. Planen und organisieren Sie die Zeit der Schwangerschaft frühzeitig!'
    ],
    'soft'
  ],
  [
    '#002: the same quotation',
    '„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“ Wir haben 1.000.000 Euro.',
    ['„Ich habe heute keine Zeit“, sagte die Frau und flüsterte leise: „Und auch keine Lust.“', 'Wir haben 1.000.000 Euro.']
  ],
  [
    '#003: a question in quotes that another quote continues, typewriter ,, quotes',
    'Thomas sagte: ,,Wann kommst zu mir?” ,,Das weiß ich noch nicht“, antwortete Susi, ,,wahrscheinlich am Sonntag.“ Wir haben 1.000.000 Euro.',
    ['Thomas sagte: ,,Wann kommst zu mir?” ,,Das weiß ich noch nicht“, antwortete Susi, ,,wahrscheinlich am Sonntag.“', 'Wir haben 1.000.000 Euro.']
  ],
  [
    '#004: an exclamation in quotes followed by a comma',
    '„Lass uns jetzt essen gehen!“, sagte die Mutter zu ihrer Freundin, „am besten zum Italiener.“',
    ['„Lass uns jetzt essen gehen!“, sagte die Mutter zu ihrer Freundin, „am besten zum Italiener.“']
  ],
  ['#005: thousands separators', 'Wir haben 1.000.000 Euro.', ['Wir haben 1.000.000 Euro.']],
  ['#006: a decimal comma', 'Sie bekommen 3,50 Euro zurück.', ['Sie bekommen 3,50 Euro zurück.']],
  ['#007: a decimal comma', 'Dafür brauchen wir 5,5 Stunden.', ['Dafür brauchen wir 5,5 Stunden.']],
  ['#008: both separators', 'Bitte überweisen Sie 5.300,25 Euro.', ['Bitte überweisen Sie 5.300,25 Euro.']],
  ['#009: a list number at the start', '1. Dies ist eine Punkteliste.', ['1. Dies ist eine Punkteliste.']],
  ['#010: Dr. med.', 'Wir trafen Dr. med. Meyer in der Stadt.', ['Wir trafen Dr. med. Meyer in der Stadt.']],
  ['#011: z. B. and a final usw.', 'Wir brauchen Getränke, z. B. Wasser, Saft, Bier usw.', ['Wir brauchen Getränke, z. B. Wasser, Saft, Bier usw.']],
  ['#012: u.a. without spaces', 'Ich kann u.a. Spanisch sprechen.', ['Ich kann u.a. Spanisch sprechen.']],
  ['#013: Prof. and z. Z.', 'Frau Prof. Schulze ist z. Z. nicht da.', ['Frau Prof. Schulze ist z. Z. nicht da.']],
  ['#014: bzw.', 'Sie erhalten ein neues Bank-Statement bzw. ein neues Schreiben.', ['Sie erhalten ein neues Bank-Statement bzw. ein neues Schreiben.']],
  ['#015: Z. T. at the start', 'Z. T. ist die Lieferung unvollständig.', ['Z. T. ist die Lieferung unvollständig.']],
  ['#016: S. before a page number', 'Das finden Sie auf S. 225.', ['Das finden Sie auf S. 225.']],
  ['#017: kath.', 'Sie besucht eine kath. Schule.', ['Sie besucht eine kath. Schule.']],
  ['#018: u. Ä.', 'Wir benötigen Zeitungen, Zeitschriften u. Ä. für unser Projekt.', ['Wir benötigen Zeitungen, Zeitschriften u. Ä. für unser Projekt.']],
  ['#019: S. and s.', 'Das steht auf S. 23, s. vorherige Anmerkung.', ['Das steht auf S. 23, s. vorherige Anmerkung.']],
  ['#020: Dr. and Str. in an address', 'Dies ist meine Adresse: Dr. Meier, Berliner Str. 5, 21234 Bremen.', ['Dies ist meine Adresse: Dr. Meier, Berliner Str. 5, 21234 Bremen.']],
  ['#021: Prof. before a quoted question’s end', 'Er sagte: „Hallo, wie geht´s Ihnen, Frau Prof. Müller?“', ['Er sagte: „Hallo, wie geht´s Ihnen, Frau Prof. Müller?“']],
  [
    '#022: headings and paragraphs of an e-book (plain text: every line break ends)',
    'Fit in vier Wochen\n\nDeine Anleitung für eine reine Ernährung und ein gesünderes und glücklicheres Leben\n\nRECHTLICHE HINWEISE\n\nOhne die ausdrückliche schriftliche Genehmigung der Eigentümerin von instafemmefitness, Anna Anderson, darf dieses E-Book weder teilweise noch in vollem Umfang reproduziert, gespeichert, kopiert oder auf irgendeine Weise übertragen werden. Wenn Du das E-Book auf einem öffentlich zugänglichen Computer ausdruckst, musst Du es nach dem Ausdrucken von dem Computer löschen. Jedes E-Book wird mit einem Benutzernamen und Transaktionsinformationen versehen.\n\nVerstöße gegen dieses Urheberrecht werden im vollen gesetzlichen Umfang geltend gemacht. Obgleich die Autorin und Herausgeberin alle Anstrengungen unternommen hat, sicherzustellen, dass die Informationen in diesem Buch zum Zeitpunkt der Drucklegung korrekt sind, übernimmt die Autorin und Herausgeberin keine Haftung für etwaige Verluste, Schäden oder Störungen, die durch Fehler oder Auslassungen in Folge von Fahrlässigkeit, zufälligen Umständen oder sonstigen Ursachen entstehen, und lehnt hiermit jedwede solche Haftung ab.\n\nDieses Buch ist kein Ersatz für die medizinische Beratung durch Ärzte. Der Leser/die Leserin sollte regelmäßig einen Arzt/eine Ärztin hinsichtlich Fragen zu seiner/ihrer Gesundheit und vor allem in Bezug auf Symptome, die eventuell einer ärztlichen Diagnose oder Behandlung bedürfen, konsultieren.\n\nDie Informationen in diesem Buch sind dazu gedacht, ein ordnungsgemäßes Training zu ergänzen, nicht aber zu ersetzen. Wie jeder andere Sport, der Geschwindigkeit, Ausrüstung, Gleichgewicht und Umweltfaktoren einbezieht, stellt dieser Sport ein gewisses Risiko dar. Die Autorin und Herausgeberin rät den Lesern dazu, die volle Verantwortung für die eigene Sicherheit zu übernehmen und die eigenen Grenzen zu beachten. Vor dem Ausüben der in diesem Buch beschriebenen Übungen solltest Du sicherstellen, dass Deine Ausrüstung in gutem Zustand ist, und Du solltest keine Risiken außerhalb Deines Erfahrungs- oder Trainingsniveaus, Deiner Fähigkeiten oder Deines Komfortbereichs eingehen.\nHintergrundillustrationen Urheberrecht © 2013 bei Shuttershock, Buchgestaltung und -produktion durch Anna Anderson Verfasst von Anna Anderson\nUrheberrecht © 2014 Instafemmefitness. Alle Rechte vorbehalten\n\nÜber mich',
    [
      'Fit in vier Wochen',
      'Deine Anleitung für eine reine Ernährung und ein gesünderes und glücklicheres Leben',
      'RECHTLICHE HINWEISE',
      'Ohne die ausdrückliche schriftliche Genehmigung der Eigentümerin von instafemmefitness, Anna Anderson, darf dieses E-Book weder teilweise noch in vollem Umfang reproduziert, gespeichert, kopiert oder auf irgendeine Weise übertragen werden.',
      'Wenn Du das E-Book auf einem öffentlich zugänglichen Computer ausdruckst, musst Du es nach dem Ausdrucken von dem Computer löschen.',
      'Jedes E-Book wird mit einem Benutzernamen und Transaktionsinformationen versehen.',
      'Verstöße gegen dieses Urheberrecht werden im vollen gesetzlichen Umfang geltend gemacht.',
      'Obgleich die Autorin und Herausgeberin alle Anstrengungen unternommen hat, sicherzustellen, dass die Informationen in diesem Buch zum Zeitpunkt der Drucklegung korrekt sind, übernimmt die Autorin und Herausgeberin keine Haftung für etwaige Verluste, Schäden oder Störungen, die durch Fehler oder Auslassungen in Folge von Fahrlässigkeit, zufälligen Umständen oder sonstigen Ursachen entstehen, und lehnt hiermit jedwede solche Haftung ab.',
      'Dieses Buch ist kein Ersatz für die medizinische Beratung durch Ärzte.',
      'Der Leser/die Leserin sollte regelmäßig einen Arzt/eine Ärztin hinsichtlich Fragen zu seiner/ihrer Gesundheit und vor allem in Bezug auf Symptome, die eventuell einer ärztlichen Diagnose oder Behandlung bedürfen, konsultieren.',
      'Die Informationen in diesem Buch sind dazu gedacht, ein ordnungsgemäßes Training zu ergänzen, nicht aber zu ersetzen.',
      'Wie jeder andere Sport, der Geschwindigkeit, Ausrüstung, Gleichgewicht und Umweltfaktoren einbezieht, stellt dieser Sport ein gewisses Risiko dar.',
      'Die Autorin und Herausgeberin rät den Lesern dazu, die volle Verantwortung für die eigene Sicherheit zu übernehmen und die eigenen Grenzen zu beachten.',
      'Vor dem Ausüben der in diesem Buch beschriebenen Übungen solltest Du sicherstellen, dass Deine Ausrüstung in gutem Zustand ist, und Du solltest keine Risiken außerhalb Deines Erfahrungs- oder Trainingsniveaus, Deiner Fähigkeiten oder Deines Komfortbereichs eingehen.',
      'Hintergrundillustrationen Urheberrecht © 2013 bei Shuttershock, Buchgestaltung und -produktion durch Anna Anderson Verfasst von Anna Anderson',
      'Urheberrecht © 2014 Instafemmefitness.',
      'Alle Rechte vorbehalten',
      'Über mich'
    ],
    'hard'
  ],
  [
    '#023: z. B., and an exclamation in brackets before the full stop',
    'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist. Ich persönlich kaufe kein Junkfood oder etwas, das nicht rein ist (ich traue mir da selbst nicht!). Ich finde jeden Vorwand, um das Junkfood zu essen, vor allem die Vorstellung, dass ich nicht mehr in Versuchung kommen werde, wenn ich es jetzt aufesse und es weg ist. Es ist schon komisch, was unser Verstand mitunter anstellt!',
    [
      'Es gibt jedoch einige Vorsichtsmaßnahmen, die Du ergreifen kannst, z. B. ist es sehr empfehlenswert, dass Du Dein Zuhause von allem Junkfood befreist.',
      'Ich persönlich kaufe kein Junkfood oder etwas, das nicht rein ist (ich traue mir da selbst nicht!).',
      'Ich finde jeden Vorwand, um das Junkfood zu essen, vor allem die Vorstellung, dass ich nicht mehr in Versuchung kommen werde, wenn ich es jetzt aufesse und es weg ist.',
      'Es ist schon komisch, was unser Verstand mitunter anstellt!'
    ]
  ],
  [
    '#024: a range of ordinals, 1. -3. Jahrhundert',
    'Ob Sie in Hannover nur auf der Durchreise, für einen längeren Aufenthalt oder zum Besuch einer der zahlreichen Messen sind: Die Hauptstadt des Landes Niedersachsens hat viele Sehenswürdigkeiten und ist zu jeder Jahreszeit eine Reise Wert. \nHannovers Ursprünge können bis zur römischen Kaiserzeit zurückverfolgt werden, und zwar durch Ausgrabungen von Tongefäßen aus dem 1. -3. Jahrhundert nach Christus, die an mehreren Stellen im Untergrund des Stadtzentrums durchgeführt wurden.',
    [
      'Ob Sie in Hannover nur auf der Durchreise, für einen längeren Aufenthalt oder zum Besuch einer der zahlreichen Messen sind: Die Hauptstadt des Landes Niedersachsens hat viele Sehenswürdigkeiten und ist zu jeder Jahreszeit eine Reise Wert.',
      'Hannovers Ursprünge können bis zur römischen Kaiserzeit zurückverfolgt werden, und zwar durch Ausgrabungen von Tongefäßen aus dem 1. -3. Jahrhundert nach Christus, die an mehreren Stellen im Untergrund des Stadtzentrums durchgeführt wurden.'
    ]
  ],
  [
    '#025: bulleted, numbered list items',
    '• 3. Seien Sie achtsam bei der Auswahl der Nahrungsmittel! \n• 4. Nehmen Sie zusätzlich Folsäurepräparate und essen Sie Fisch! \n• 5. Treiben Sie regelmäßig Sport! \n• 6. Beginnen Sie mit Übungen für die Beckenbodenmuskulatur! \n• 7. Reduzieren Sie Ihren Alkoholgenuss! \n',
    [
      '• 3. Seien Sie achtsam bei der Auswahl der Nahrungsmittel!',
      '• 4. Nehmen Sie zusätzlich Folsäurepräparate und essen Sie Fisch!',
      '• 5. Treiben Sie regelmäßig Sport!',
      '• 6. Beginnen Sie mit Übungen für die Beckenbodenmuskulatur!',
      '• 7. Reduzieren Sie Ihren Alkoholgenuss!'
    ]
  ],
  [
    '#026: a sentence across a line break (PDF)',
    'Schwangere Frauen sollten während der \nersten drei Monate eine tägliche Dosis von 400 Mikrogramm Folsäure zusätzlich nehmen. \nFolsäure befindet sich auch in einigen Gemüse- und Müslisorten.',
    [
      'Schwangere Frauen sollten während der ersten drei Monate eine tägliche Dosis von 400 Mikrogramm Folsäure zusätzlich nehmen.',
      'Folsäure befindet sich auch in einigen Gemüse- und Müslisorten.'
    ],
    'soft'
  ],
  [
    '#027: z.B. in brackets, across line breaks (PDF)',
    'Andere \nFischsorten (z.B. Hai, Thunfisch, Aal und Seeteufel) weisen einen erhöhten Quecksilbergehalt \nauf und sollten deshalb in der Schwangerschaft nur selten verzehrt werden.',
    ['Andere Fischsorten (z.B. Hai, Thunfisch, Aal und Seeteufel) weisen einen erhöhten Quecksilbergehalt auf und sollten deshalb in der Schwangerschaft nur selten verzehrt werden.'],
    'soft'
  ],
  [
    '#028: an exercise sheet, one item a line (DOCX)',
    'Übung Präsens\n1. Ich ___ gern Tennis.\nspielen\nspielt\nspiele\n2. Karl __ mir den Ball.\ngebt\ngibt\ngeben\n3. Ihr ___ fast jeden Tag.\narbeitet\narbeite\narbeiten\n4. ___ Susi Deutsch?\nSprichst\nSprecht\nSpricht\n5. Wann ___ Karl und Julia? Heute?\nkommen\nkommt\nkomme\n\n\n\n\n',
    [
      'Übung Präsens', '1. Ich ___ gern Tennis.', 'spielen', 'spielt', 'spiele', '2. Karl __ mir den Ball.', 'gebt', 'gibt', 'geben',
      '3. Ihr ___ fast jeden Tag.', 'arbeitet', 'arbeite', 'arbeiten', '4. ___ Susi Deutsch?', 'Sprichst', 'Sprecht', 'Spricht',
      '5. Wann ___ Karl und Julia?', 'Heute?', 'kommen', 'kommt', 'komme'
    ],
    'hard'
  ],
  [
    '#029: bullets without end marks (PDF)',
    '\n• einige Sorten Weichkäse  \n• rohes oder nicht ganz durchgebratenes Fleisch  \n• ungeputztes Gemüse und ungewaschener Salat  \n• nicht ganz durchgebratenes Hühnerfleisch, rohe oder nur weich gekochte Eier',
    [
      '• einige Sorten Weichkäse',
      '• rohes oder nicht ganz durchgebratenes Fleisch',
      '• ungeputztes Gemüse und ungewaschener Salat',
      '• nicht ganz durchgebratenes Hühnerfleisch, rohe oder nur weich gekochte Eier'
    ],
    'soft'
  ],
  ['#030: a date before a question mark', 'Was sind die Konsequenzen der Abstimmung vom 12. Juni?', ['Was sind die Konsequenzen der Abstimmung vom 12. Juni?']],
  [
    '#031: footnote numbers glued to the last word',
    'Was pro Jahr10. Zudem pro Jahr um 0.3 %11. Der gängigen Theorie nach erfolgt der Anstieg.',
    ['Was pro Jahr10.', 'Zudem pro Jahr um 0.3 %11.', 'Der gängigen Theorie nach erfolgt der Anstieg.']
  ],
  ['#032: s. at the start', 's. vorherige Anmerkung.', ['s. vorherige Anmerkung.']],
  [
    '#033: a date with a leading zero',
    'Mit Inkrafttreten des Mindestlohngesetzes (MiLoG) zum 01. Januar 2015 werden in Bezug auf den Einsatz von Leistungs.',
    ['Mit Inkrafttreten des Mindestlohngesetzes (MiLoG) zum 01. Januar 2015 werden in Bezug auf den Einsatz von Leistungs.']
  ]
]

/** Cases of our own for what the issue names besides: ordinals, quotations ending in „…“, ellipses, the abbreviation family. */
const ours: Case[] = [
  ['ordinals after a lead word', 'Er wurde am 3. Tag entlassen. Zum 2. Mal gewann sie.', ['Er wurde am 3. Tag entlassen.', 'Zum 2. Mal gewann sie.']],
  ['a number that ends a sentence', 'Die Zahl war 24. Dann ging es weiter.', ['Die Zahl war 24.', 'Dann ging es weiter.']],
  ['a year that ends a sentence', 'Das war im Jahr 2022. Danach nicht mehr.', ['Das war im Jahr 2022.', 'Danach nicht mehr.']],
  ['a quotation that ends the sentence', 'Sie sagte: „Wir bleiben.“ Dann ging sie.', ['Sie sagte: „Wir bleiben.“', 'Dann ging sie.']],
  ['a quoted question followed by its speaker', '„Wohin gehst du?“ fragte er leise.', ['„Wohin gehst du?“ fragte er leise.']],
  ['guillemets, German style', 'Er rief: »Halt!« Alle blieben stehen.', ['Er rief: »Halt!«', 'Alle blieben stehen.']],
  ['an ellipsis before a capital ends', 'Er wartete … Dann kam sie doch.', ['Er wartete …', 'Dann kam sie doch.']],
  ['three full stops before a capital end', 'Er wartete... Dann kam sie doch.', ['Er wartete...', 'Dann kam sie doch.']],
  ['an ellipsis before a small letter goes on', 'Er zögerte … und ging dann doch.', ['Er zögerte … und ging dann doch.']],
  ['an omission in brackets ends nothing', 'Er schrieb, dass […] Menschen geflohen seien.', ['Er schrieb, dass […] Menschen geflohen seien.']],
  ['denominations and languages', 'Die ev. Kirche und die röm.-kath. Gemeinde stritten. Die engl. Ausgabe erschien später.', ['Die ev. Kirche und die röm.-kath. Gemeinde stritten.', 'Die engl. Ausgabe erschien später.']],
  ['a list number after a line break', 'Die Schritte:\n1. Planen\n2. Handeln', ['Die Schritte:\n1. Planen\n2. Handeln']],
  ['a blank line ends a heading without a mark', 'Überschrift\n\nDer Text beginnt.', ['Überschrift', 'Der Text beginnt.']]
]

const collapse = (text: string) => text.replace(/\s+/g, ' ')

describe("splitSentences on pragmatic_segmenter's German spec", () => {
  it.each(pragmaticSegmenter)('%s', (_name, text, sentences, lineBreaks) => {
    const pieces = splitSentences(text, lineBreaks ? {lineBreaks} : {})
    expect(lineBreaks === 'soft' ? pieces.map(collapse) : pieces).toEqual(sentences)
  })
})

describe('splitSentences, our cases', () => {
  it.each(ours)('%s', (_name, text, sentences, lineBreaks) => {
    expect(splitSentences(text, lineBreaks ? {lineBreaks} : {})).toEqual(sentences)
  })

  it('keeps a line break in a sentence by default (a Markdown paragraph) and ends at it when asked', () => {
    expect(splitSentences('Eine Zeile\nund die nächste')).toEqual(['Eine Zeile\nund die nächste'])
    expect(splitSentences('Eine Zeile\nund die nächste', {lineBreaks: 'hard'})).toEqual(['Eine Zeile', 'und die nächste'])
  })
})

describe('sentenceStarts', () => {
  // Words and marks the rules look at, so that random texts reach every branch.
  const pieces = [
    'Satz', 'z.', 'B.', 'Dr.', 'kath.', '1.', '-3.', '24.', 'Februar', 'usw.', 'Er', 'sagte:', '„Ja.“', '„Wann?“', ',,So', '…', '...',
    '[…]', '(vgl.', 'Abb.', '3).', '•', 'und', 'Jahr2022.', 'S.', 'u.', 'Ä.', '!', '?', '.', '»Halt!«', 'Äpfel', 'nicht!).'
  ]
  const separators = [' ', ' ', ' ', '\n', '\n\n', '  \n ', '\t', '\u00a0', '']
  const text = fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...pieces), fc.string({maxLength: 4})), fc.constantFrom(...separators)), {maxLength: 40})
    .map((parts) => parts.map(([piece, separator]) => piece + separator).join(''))

  it('cuts a text into pieces that join back to it, at increasing offsets inside it, and never throws', () => {
    fc.assert(
      fc.property(text, fc.constantFrom<SplitOptions['lineBreaks']>('soft', 'hard'), (input, lineBreaks) => {
        const starts = sentenceStarts(input, {lineBreaks})
        let previous = 0
        for (const start of starts) {
          expect(start).toBeGreaterThan(previous)
          expect(start).toBeLessThan(input.length)
          previous = start
        }
        const bounds = [0, ...starts, input.length]
        const slices = bounds.slice(1).map((end, index) => input.slice(bounds[index], end))
        expect(slices.join('')).toBe(input)
        // Each sentence but the first starts with something other than white space.
        for (const start of starts) expect(/\s/.test(input[start] ?? '')).toBe(false)
        // splitSentences gives the same pieces, trimmed, without the empty ones.
        expect(splitSentences(input, {lineBreaks})).toEqual(slices.map((slice) => slice.trim()).filter((slice) => slice !== ''))
      }),
      {seed: 19, numRuns: 500}
    )
  })

  it('is fine on a long text and on long runs of marks, spaces and line breaks (linear: no Intl.Segmenter)', () => {
    const sentence = 'Das gilt z. B. für Dr. med. Müller am 3. Tag. '
    const long = sentence.repeat(20_000)
    expect(sentenceStarts(long)).toHaveLength(19_999)
    expect(sentenceStarts('.'.repeat(100_000) + ' A')).toEqual([100_001])
    expect(sentenceStarts('A' + ' \n'.repeat(50_000) + 'B', {lineBreaks: 'hard'})).toEqual([100_001])
    expect(sentenceStarts('x'.repeat(100_000) + '. Y')).toEqual([100_002])
  })
})
