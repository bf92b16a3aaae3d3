/**
 * What `glossary suggest` knows besides its rules: German exonyms of places, the conventional
 * English forms of common East Slavic first names, and surnames whose English press spelling is
 * not the rules' (Zelensky, as most English media write it). Grow these tables; keep them sorted.
 */
import type {SlavicLanguage} from './transliterate-names.ts'

/** German place name → the English one, where the two are different words, not transliterations. */
export const exonyms: ReadonlyMap<string, string> = new Map([
  ['Ägypten', 'Egypt'], ['Aserbaidschan', 'Azerbaijan'], ['Athen', 'Athens'], ['Bagdad', 'Baghdad'], ['Belgrad', 'Belgrade'], ['Brüssel', 'Brussels'],
  ['Bukarest', 'Bucharest'], ['Charkow', 'Kharkiv'],
  ['Damaskus', 'Damascus'], ['Gazastreifen', 'Gaza Strip'], ['Hongkong', 'Hong Kong'], ['Jemen', 'Yemen'], ['Kairo', 'Cairo'],
  ['Katar', 'Qatar'], ['Libanon', 'Lebanon'], ['Nordkorea', 'North Korea'], ['Sankt Petersburg', 'Saint Petersburg'],
  ['Südkorea', 'South Korea'], ['Türkei', 'Turkey'], ['Westjordanland', 'West Bank'], ['Czernowitz', 'Chernivtsi'], ['Den Haag', 'The Hague'],
  ['Dnjepr', 'Dnipro'], ['Dnjepropetrowsk', 'Dnipro'], ['Donbass', 'Donbas'], ['Estland', 'Estonia'],
  ['Genf', 'Geneva'], ['Georgien', 'Georgia'], ['Kasachstan', 'Kazakhstan'], ['Kaukasus', 'Caucasus'],
  ['Kiew', 'Kyiv'], ['Kirgistan', 'Kyrgyzstan'], ['Kischinau', 'Chisinau'], ['Kopenhagen', 'Copenhagen'],
  ['Krim', 'Crimea'], ['Lemberg', 'Lviv'], ['Lettland', 'Latvia'], ['Lissabon', 'Lisbon'], ['Litauen', 'Lithuania'],
  ['Lugansk', 'Luhansk'], ['Mailand', 'Milan'], ['Moldau', 'Moldova'], ['Moldawien', 'Moldova'], ['Moskau', 'Moscow'],
  ['Neu-Delhi', 'New Delhi'], ['Nikolajew', 'Mykolaiv'], ['Odessa', 'Odesa'], ['Peking', 'Beijing'],
  ['Pjöngjang', 'Pyongyang'], ['Polen', 'Poland'], ['Prag', 'Prague'], ['Rom', 'Rome'], ['Rumänien', 'Romania'],
  ['Russland', 'Russia'], ['Saporoschje', 'Zaporizhzhia'], ['Sibirien', 'Siberia'], ['Tadschikistan', 'Tajikistan'],
  ['Teheran', 'Tehran'], ['Tiflis', 'Tbilisi'], ['Tokio', 'Tokyo'], ['Transnistrien', 'Transnistria'],
  ['Tschechien', 'Czech Republic'], ['Tschetschenien', 'Chechnya'], ['Ungarn', 'Hungary'], ['Usbekistan', 'Uzbekistan'],
  ['Warschau', 'Warsaw'], ['Weißrussland', 'Belarus'], ['Wien', 'Vienna'], ['Wilna', 'Vilnius'], ['Wolga', 'Volga']
])

export interface FirstName {
  en: string
  /** The language the name says the person's is, when it says one. */
  language?: SlavicLanguage
}

const ru = (en: string): FirstName => ({en, language: 'ru'})
const uk = (en: string): FirstName => ({en, language: 'uk'})
const either = (en: string): FirstName => ({en})

/** German press form → English press form of common first names. */
export const firstNames: ReadonlyMap<string, FirstName> = new Map([
  // Russian
  ['Alexander', either('Alexander')], ['Alexej', ru('Alexei')], ['Anatoli', ru('Anatoly')], ['Andrej', ru('Andrei')],
  ['Arkadi', ru('Arkady')], ['Boris', either('Boris')], ['Darja', ru('Darya')], ['Dmitri', ru('Dmitry')],
  ['Dmitrij', ru('Dmitry')], ['Fjodor', ru('Fyodor')], ['Gennadi', ru('Gennady')], ['Grigori', ru('Grigory')],
  ['Igor', ru('Igor')], ['Ilja', ru('Ilya')], ['Irina', ru('Irina')], ['Jekaterina', ru('Yekaterina')],
  ['Jelena', ru('Yelena')], ['Jewgeni', ru('Yevgeny')], ['Jewgenij', ru('Yevgeny')], ['Juri', ru('Yuri')],
  ['Konstantin', either('Konstantin')], ['Ljudmila', ru('Lyudmila')], ['Maria', either('Maria')], ['Marija', ru('Maria')],
  ['Michail', ru('Mikhail')], ['Natalja', ru('Natalia')], ['Nikolai', ru('Nikolai')], ['Oleg', ru('Oleg')],
  ['Pawel', ru('Pavel')], ['Pjotr', ru('Pyotr')], ['Semjon', ru('Semyon')], ['Sergej', ru('Sergei')],
  ['Swetlana', ru('Svetlana')], ['Tatjana', ru('Tatiana')], ['Waleri', ru('Valery')], ['Walentina', ru('Valentina')],
  ['Wiktor', either('Viktor')], ['Witali', ru('Vitaly')], ['Wladimir', ru('Vladimir')], ['Wjatscheslaw', ru('Vyacheslav')],
  // Ukrainian
  ['Anatolij', uk('Anatolii')], ['Andrij', uk('Andrii')], ['Arsenij', uk('Arsenii')], ['Bohdan', uk('Bohdan')],
  ['Denys', uk('Denys')], ['Dmytro', uk('Dmytro')], ['Hanna', uk('Hanna')], ['Heorhij', uk('Heorhii')], ['Ihor', uk('Ihor')],
  ['Iryna', uk('Iryna')], ['Jewhen', uk('Yevhen')], ['Julija', either('Yulia')], ['Jurij', uk('Yurii')],
  ['Kyrylo', uk('Kyrylo')], ['Maksym', uk('Maksym')], ['Mychajlo', uk('Mykhailo')], ['Mykola', uk('Mykola')],
  ['Oleh', uk('Oleh')], ['Olena', uk('Olena')], ['Oleksandr', uk('Oleksandr')], ['Oleksij', uk('Oleksii')],
  ['Olexandr', uk('Oleksandr')], ['Olexij', uk('Oleksii')], ['Olha', uk('Olha')], ['Oksana', uk('Oksana')],
  ['Pawlo', uk('Pavlo')], ['Petro', uk('Petro')], ['Serhij', uk('Serhii')], ['Switlana', uk('Svitlana')],
  ['Taras', uk('Taras')], ['Tetjana', uk('Tetiana')], ['Wadym', uk('Vadym')], ['Walerij', uk('Valerii')],
  ['Wassyl', uk('Vasyl')], ['Witalij', uk('Vitalii')], ['Wolodymyr', uk('Volodymyr')],
  // Belarusian, as the English press writes the opposition's names
  ['Swjatlana', either('Sviatlana')]
])

/** Surnames the English press spells its own way, not by the rules. */
export const pressSpellings: ReadonlyMap<string, string> = new Map([
  ['Dostojewski', 'Dostoevsky'], ['Klitschko', 'Klitschko'], ['Selenska', 'Zelenska'], ['Selenskyj', 'Zelensky'],
  ['Tolstoi', 'Tolstoy'], ['Tschaikowski', 'Tchaikovsky']
])
