import type { FamilyId } from '../core/catalog/families.js';
import type { ComponentId, Severity } from '../core/catalog/types.js';
import type { ResolutionSource } from '../core/resolve-code.js';

/**
 * Every word a reply says besides the catalog's own text. Values are plain text:
 * the renderer escapes and formats them, so none of them holds mrkdwn.
 */
export interface UiStrings {
  locale: string;
  component: Record<ComponentId, string>;
  /** A noun phrase: "a <family>" reads right. */
  family: Record<FamilyId, string>;
  severity: Record<Severity, string>;
  /** Where the meaning comes from, one short phrase each. */
  source: Record<ResolutionSource, string>;
  /** A Windows Update code whose words are its Intune twin's. */
  sourceTwinWords: string;
  /** What we say of a code that a family names but nothing explains. */
  familyOnly: (family: string) => string;
  /** A code the Windows headers name, with no words of ours. */
  namedOnly: string;
  intuneTwin: string;
  tryNext: string;
  alsoNamed: string;
  documentedAt: string;
  phase: string;
  operation: string;
  /** "…and N more" under search hits, and how to see them all. */
  moreHits: (count: number, query: string) => string;
  label: {
    family: string;
    source: string;
    extend: string;
    component: string;
    severity: string;
    windowsUpdate: string;
    facility: string;
    detail: string;
    win32Error: string;
  };
  /** Used when a page names no label for its fallback link. */
  fallbackLabel: string;
  /** Leads into the fallback link at the end of every reply. */
  fallbackLead: string;
  notInTable: string;
  /** A Windows Update code with no Intune twin. */
  windowsUpdateOnly: string;
  unknownName: string;
  customerCode: string;
  /** Shown before a facility that winerror.h does not name. */
  unnamedFacility: string;
  didYouMean: string;
  enteredAs: (raw: string) => string;
  viaTwin: (wuCode: string) => string;
  andMore: (count: number) => string;
  /** The CLI's "…and N more", which says how to see the rest. */
  andMoreAll: (count: number) => string;
  sharedBy: string;
  shareButton: string;
  dismissButton: string;
  searchResults: string;
  nothingFound: string;
  searchHint: string;
  noCodes: string;
  /** A Share in channel press whose button value we did not write (tampered, or from an older version). */
  shareFailed: string;
  usage: {
    title: string;
    intro: string;
    examples: readonly { query: string; what: string }[];
    several: string;
    threadTitle: string;
    thread: string;
    autoTitle: string;
    auto: string;
  };
}

const EXAMPLE_QUERIES = ['0x80cf6008', 'OM_E_DM_FAILTOCONNECTTOBITS', '-2133893112', 'BITS'] as const;

const EN: UiStrings = {
  locale: 'en-US',
  component: {
    general: 'General',
    'protocol-talker': 'Protocol Talker (server communication)',
    'windows-installer': 'Windows Installer',
    'update-handler': 'Update Handler',
    'client-ui': 'Client UI',
    'download-manager': 'Download Manager',
    datastore: 'Datastore',
    'automatic-updates': 'Automatic Updates',
    'expression-evaluator': 'Expression Evaluator',
    reporter: 'Reporter',
  },
  family: {
    'intune-update-agent': 'Intune Update Agent code',
    'windows-update': 'Windows Update Agent code',
    'intune-app': 'Intune app or MDM status code',
    'mdm-enrollment': 'MDM enrollment error',
    'device-registration': 'Entra ID device registration error',
    autopilot: 'Autopilot or Enrollment Status Page error',
    servicing: 'Windows servicing (CBS/DISM) error',
    setup: 'Windows setup (feature update) error',
    'delivery-optimization': 'Delivery Optimization error',
    bits: 'BITS transfer error',
    wininet: 'network error (WinINet/WinHTTP)',
    win32: 'Win32 error',
    ntstatus: 'NTSTATUS code',
    hresult: 'HRESULT',
  },
  source: {
    'intune-table': "Microsoft's Intune Update Agent table",
    'windows-update': 'Windows Update Agent codes (wuerror.h), described by intune-err',
    curated: "intune-err's own words, from Microsoft's documentation",
    'windows-headers': 'Windows SDK headers (name only)',
    decoded: "the code's bits (no table lists it)",
    unknown: 'no source knows it',
  },
  sourceTwinWords: "Windows Update Agent codes (wuerror.h); words of its Intune twin from Microsoft's table",
  familyOnly: (family) => `Looks like ${article(family)} ${family}; we have no description of this one yet.`,
  namedOnly: 'Windows names this code, but we have no description of it yet.',
  intuneTwin: 'Intune twin',
  tryNext: 'What to try',
  alsoNamed: 'Also named',
  documentedAt: 'see the page',
  phase: 'phase',
  operation: 'operation',
  moreHits: (count, query) => `…and ${count} more. See them all: /intune-err ${query} --all`,
  severity: { success: 'Success', error: 'Error' },
  label: {
    family: 'Family',
    source: 'Source',
    extend: 'Extend code',
    component: 'Component',
    severity: 'Severity',
    windowsUpdate: 'Windows Update',
    facility: 'Facility',
    detail: 'Code',
    win32Error: 'Win32 error',
  },
  fallbackLabel: 'Windows Update error code list',
  fallbackLead: 'Code not listed here? See the',
  notInTable: 'Not in the Intune table.',
  windowsUpdateOnly: "A Windows Update code, not in the Intune table; see Microsoft's Windows Update list.",
  unknownName: 'No code by this name in the Intune table or the Windows Update list.',
  customerCode: 'The customer bit is set: a vendor defined this code, not Microsoft.',
  unnamedFacility: 'unnamed',
  didYouMean: 'Did you mean',
  enteredAs: (raw) => `Entered as ${raw}`,
  viaTwin: (wuCode) => `${wuCode} is the Windows Update twin of this Intune code`,
  andMore: (count) => `…and ${count} more`,
  andMoreAll: (count) => `…and ${count} more (add --all to show every code)`,
  sharedBy: 'Shared by',
  shareButton: 'Share in channel',
  dismissButton: 'Dismiss',
  searchResults: 'Codes matching',
  nothingFound: 'Nothing found for',
  searchHint: 'Try a code such as 0x80cf6008, a symbolic name, or another word.',
  noCodes: 'I found no error codes to explain here. Mention me with a code, such as 0x80cf6008.',
  shareFailed:
    'This answer could not be shared. Run /intune-err again, for example /intune-err 0x80cf6008, and share the new answer.',
  usage: {
    title: 'How to use /intune-err',
    intro: 'Type a code or a word after the command; only you see the answer, and you can share it:',
    examples: [
      { query: EXAMPLE_QUERIES[0], what: 'a code, as the Intune portal shows it' },
      { query: EXAMPLE_QUERIES[1], what: 'a symbolic name' },
      { query: EXAMPLE_QUERIES[2], what: 'a code as PowerShell and event logs print it' },
      { query: EXAMPLE_QUERIES[3], what: 'a word to search names and descriptions' },
    ],
    several: 'Several codes in one command are explained together.',
    threadTitle: 'In a thread',
    thread:
      'Slash commands do not work in threads: mention @intune-err instead. I explain the codes in your message, or the ones posted earlier in the thread.',
    autoTitle: 'Automatic replies',
    auto: 'In channels I have been invited to, I answer in the thread when a message holds a code from the Intune table. Dismiss removes a reply; removing me from the channel stops them.',
  },
};

const SV: UiStrings = {
  locale: 'sv-SE',
  component: {
    general: 'Allmänt',
    'protocol-talker': 'Protocol Talker (serverkommunikation)',
    'windows-installer': 'Windows Installer',
    'update-handler': 'Uppdateringshanterare (Update Handler)',
    'client-ui': 'Klientgränssnitt (Client UI)',
    'download-manager': 'Hämtningshanterare (Download Manager)',
    datastore: 'Datalager (Datastore)',
    'automatic-updates': 'Automatiska uppdateringar (Automatic Updates)',
    'expression-evaluator': 'Uttrycksutvärderare (Expression Evaluator)',
    reporter: 'Rapportering (Reporter)',
  },
  family: {
    'intune-update-agent': 'felkod från Intunes uppdateringsagent',
    'windows-update': 'felkod från Windows Update-agenten',
    'intune-app': 'statuskod för Intune-appar eller MDM',
    'mdm-enrollment': 'fel vid MDM-registrering',
    'device-registration': 'fel vid enhetsregistrering i Entra ID',
    autopilot: 'fel i Autopilot eller statussidan för registrering (ESP)',
    servicing: 'fel i Windows-underhåll (CBS/DISM)',
    setup: 'fel i Windows Setup (funktionsuppdatering)',
    'delivery-optimization': 'fel i leveransoptimering (Delivery Optimization)',
    bits: 'fel vid BITS-överföring',
    wininet: 'nätverksfel (WinINet/WinHTTP)',
    win32: 'Win32-fel',
    ntstatus: 'NTSTATUS-kod',
    hresult: 'HRESULT-kod',
  },
  source: {
    'intune-table': 'Microsofts tabell för Intunes uppdateringsagent',
    'windows-update': 'Windows Update-agentens koder (wuerror.h), beskrivna av intune-err',
    curated: 'intune-errs egna ord, utifrån Microsofts dokumentation',
    'windows-headers': 'Windows SDK:s headerfiler (bara namnet)',
    decoded: 'kodens bitar (ingen tabell listar den)',
    unknown: 'ingen källa känner till den',
  },
  sourceTwinWords:
    'Windows Update-agentens koder (wuerror.h); beskrivningen är Intune-motsvarighetens, från Microsofts tabell',
  familyOnly: (family) => `Ser ut att vara en ${family}; vi har ingen beskrivning av just den här än.`,
  namedOnly: 'Windows har ett namn för koden, men vi har ingen beskrivning av den än.',
  intuneTwin: 'Intune-motsvarighet',
  tryNext: 'Prova detta',
  alsoNamed: 'Även kallad',
  documentedAt: 'se sidan',
  phase: 'fas',
  operation: 'åtgärd',
  moreHits: (count, query) => `…och ${count} till. Visa alla: /intune-err ${query} --all`,
  severity: { success: 'Lyckad', error: 'Fel' },
  label: {
    family: 'Familj',
    source: 'Källa',
    extend: 'Utökad kod',
    component: 'Komponent',
    severity: 'Allvarlighetsgrad',
    windowsUpdate: 'Windows Update',
    // winerror.h's term in brackets, as the component names keep theirs: admins search for it.
    facility: 'Område (facility)',
    detail: 'Kod',
    win32Error: 'Win32-fel',
  },
  fallbackLabel: 'Lista med felkoder för Windows Update',
  fallbackLead: 'Finns koden inte här? Se',
  notInTable: 'Finns inte i Intune-tabellen.',
  windowsUpdateOnly:
    'En Windows Update-kod som inte finns i Intune-tabellen; se Microsofts lista för Windows Update.',
  unknownName: 'Inget namn som detta finns i Intune-tabellen eller i Windows Updates lista.',
  customerCode: 'Kundbiten är satt: koden kommer från en leverantör, inte från Microsoft.',
  unnamedFacility: 'namnlös',
  didYouMean: 'Menade du',
  enteredAs: (raw) => `Angiven som ${raw}`,
  viaTwin: (wuCode) => `${wuCode} är Windows Update-motsvarigheten till den här Intune-koden`,
  andMore: (count) => `…och ${count} till`,
  andMoreAll: (count) => `…och ${count} till (lägg till --all för att visa alla koder)`,
  sharedBy: 'Delat av',
  shareButton: 'Dela i kanalen',
  dismissButton: 'Ta bort',
  searchResults: 'Koder som matchar',
  nothingFound: 'Inget hittades för',
  searchHint: 'Prova en kod som 0x80cf6008, ett symbolnamn eller ett annat ord.',
  noCodes:
    'Jag hittade inga felkoder att förklara här. Nämn mig tillsammans med en kod, till exempel 0x80cf6008.',
  shareFailed:
    'Det gick inte att dela det här svaret. Kör /intune-err igen, till exempel /intune-err 0x80cf6008, och dela det nya svaret.',
  usage: {
    title: 'Så använder du /intune-err',
    intro: 'Skriv en kod eller ett ord efter kommandot. Bara du ser svaret, och du kan dela det:',
    examples: [
      { query: EXAMPLE_QUERIES[0], what: 'en kod, som Intune-portalen visar den' },
      { query: EXAMPLE_QUERIES[1], what: 'ett symbolnamn' },
      { query: EXAMPLE_QUERIES[2], what: 'en kod som PowerShell och händelseloggar skriver den' },
      { query: EXAMPLE_QUERIES[3], what: 'ett ord att söka efter i namn och beskrivningar' },
    ],
    several: 'Flera koder i samma kommando förklaras tillsammans.',
    threadTitle: 'I en tråd',
    thread:
      'Snedstreckskommandon fungerar inte i trådar: nämn @intune-err i stället. Jag förklarar koderna i ditt meddelande, eller dem som skrevs tidigare i tråden.',
    autoTitle: 'Automatiska svar',
    auto: 'I kanaler där jag är inbjuden svarar jag i tråden när ett meddelande innehåller en kod från Intune-tabellen. Ta bort tar bort ett svar; tar du bort mig från kanalen slutar jag.',
  },
};

const CATALOGS: readonly UiStrings[] = [EN, SV];

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) && !/^(?:uni|use)/i.test(phrase) ? 'an' : 'a';
}

/** Strings for `locale`: the exact locale, then the same language, then English. */
export function strings(locale: string): UiStrings {
  const wanted = locale.replace('_', '-').toLowerCase();
  const exact = CATALOGS.find((s) => s.locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split('-')[0];
  return CATALOGS.find((s) => s.locale.split('-')[0]?.toLowerCase() === language) ?? EN;
}

/** Locales with their own strings, for tests that walk them all. */
export const STRING_LOCALES: readonly string[] = CATALOGS.map((s) => s.locale);
