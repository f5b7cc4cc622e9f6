import { strings } from '../render/strings.js';

/** The console's own words around the answers, in the answer language. */
export interface ConsoleText {
  greeting: (codes: number, locale: string, other: string | undefined) => string;
  help: (locales: readonly string[]) => string;
  onlyYou: string;
  inThread: string;
  dismissed: string;
  noButton: (label: string) => string;
  notACommand: (command: string) => string;
  nothingToExplain: string;
  languageNow: (locale: string) => string;
  languageIs: (locale: string, locales: readonly string[]) => string;
  noSuchLanguage: (wanted: string, locales: readonly string[]) => string;
  failed: string;
}

const EN: ConsoleText = {
  greeting: (codes, locale, other) =>
    `intune-err console: ${codes} codes explained, answers in ${locale}. Type help for examples,${
      other === undefined ? '' : ` /lang ${other} to switch language,`
    } exit to leave.`,
  help: (locales) => `Type as you would in Slack:
  /intune-err 0x80cf6008       a private answer (try: share, to post it to the channel)
  /intune-err BITS             search names and descriptions
  @intune-err <text>           mention the bot: it answers in the thread
  any other text               a channel message: codes in it get an automatic reply in its thread
  > <text>                     reply in the thread of the last message (try: > @intune-err)
  /explain <text>              the "Explain error codes" message shortcut, on that text
  /explain                     the same, on the last message
  share | dismiss              press the last answer's "Share in channel" or "Dismiss" button
  /lang <locale>               answer in another language: ${locales.join(', ')} (or just ${languages(locales)})
  A pasted log is one message: Enter sends it. Ctrl-C clears what you typed.
  help | exit                  (or Ctrl-D, or Ctrl-C on an empty line)`,
  onlyYou: 'only visible to you',
  inThread: 'in thread',
  dismissed: 'reply dismissed',
  noButton: (label) => `(no answer with a "${label}" button yet)`,
  notACommand: (command) => `${command} is not a command here. Try /intune-err 0x80cf6008, or help.`,
  nothingToExplain: '(no message to explain yet: try /explain <text>)',
  languageNow: (locale) => `Answers are now in ${locale}.`,
  languageIs: (locale, locales) =>
    `Answers are in ${locale}. Switch with /lang <locale>: ${locales.join(', ')}.`,
  noSuchLanguage: (wanted, locales) =>
    `There is no page for "${wanted}". Choose one of ${locales.join(', ')} (or just ${languages(locales)}).`,
  failed: '(something went wrong; see the log line above)',
};

const SV: ConsoleText = {
  greeting: (codes, locale, other) =>
    `intune-err-konsolen: ${codes} förklarade koder, svarar på ${locale}. Skriv help för exempel,${
      other === undefined ? '' : ` /lang ${other} för att byta språk,`
    } exit för att avsluta.`,
  help: (locales) => `Skriv som du skulle skriva i Slack:
  /intune-err 0x80cf6008       ett privat svar (prova sedan share för att dela det i kanalen)
  /intune-err BITS             sök i namn och beskrivningar
  @intune-err <text>           nämn boten: den svarar i tråden
  annan text                   ett meddelande i kanalen: koder i det får ett automatiskt svar i tråden
  > <text>                     svara i tråden till det senaste meddelandet (prova > @intune-err)
  /explain <text>              meddelandegenvägen "Explain error codes" på den texten
  /explain                     samma sak på det senaste meddelandet
  share | dismiss              tryck på det senaste svarets knapp "Dela i kanalen" eller "Ta bort"
  /lang <språk>                svara på ett annat språk: ${locales.join(', ')} (eller bara ${languages(locales)})
  En inklistrad logg är ett meddelande: Enter skickar den. Ctrl-C tömmer det du skrivit.
  help | exit                  (eller Ctrl-D, eller Ctrl-C på en tom rad)`,
  onlyYou: 'bara synligt för dig',
  inThread: 'i tråden',
  dismissed: 'svaret togs bort',
  noButton: (label) => `(inget svar med knappen "${label}" än)`,
  notACommand: (command) => `${command} är inget kommando här. Prova /intune-err 0x80cf6008 eller help.`,
  nothingToExplain: '(inget meddelande att förklara än: prova /explain <text>)',
  languageNow: (locale) => `Svaren är nu på ${locale}.`,
  languageIs: (locale, locales) => `Svaren är på ${locale}. Byt med /lang <språk>: ${locales.join(', ')}.`,
  noSuchLanguage: (wanted, locales) =>
    `Det finns ingen sida för "${wanted}". Välj ett av ${locales.join(', ')} (eller bara ${languages(locales)}).`,
  failed: '(något gick fel; se loggraden ovan)',
};

const TEXTS: Readonly<Record<string, ConsoleText>> = { 'en-US': EN, 'sv-SE': SV };

/** The console's words for `locale`, chosen as the answers' strings are; English when there are none. */
export function consoleText(locale: string): ConsoleText {
  return TEXTS[strings(locale).locale] ?? EN;
}

function languages(locales: readonly string[]): string {
  return [...new Set(locales.map((l) => l.split('-')[0]))].join(', ');
}
