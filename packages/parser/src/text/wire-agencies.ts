// News agencies a text can credit, as data. `names` count anywhere ("AFP", "Reuters"); `codes` are
// short forms that are also ordinary words or other names ("AP", "PA", "Bloomberg" the person), so
// they count only in a credit position ("(AP)", "— AP", "© AP", "Source: PTI", a dateline).

// Names in scripts written without spaces (新华社, 共同】) match inside running text.

export interface WireAgency {
  /** The value `detectWire` returns. */
  id: string;
  /** Case-sensitive phrases that credit the agency wherever they stand. */
  names: readonly string[];
  /** Case-sensitive short forms that credit the agency only in a credit position. */
  codes: readonly string[];
  /** House-style signature lines that credit the agency without naming it. */
  signatures?: readonly RegExp[];
}

/** Reuters' closing credit: "(Reporting by Jane Doe in Geneva; Editing by John Roe)". */
const REUTERS_SIGNATURE =
  /(?:^|\(|[.!?"”]\s+)\s*(?:[Aa]dditional )?[Rr]eporting by [^;\n()]{2,200};[^\n]{0,300}?(?:[Ee]diting|[Ee]dited) by /mu;
/** Xinhua's dateline: "新华社武汉8月20日电". */
const XINHUA_DATELINE = /^\s*新华社[^\n。，]{0,24}电/mu;
/** Bloomberg's closing credit: "--With assistance from Jane Doe." */
const BLOOMBERG_SIGNATURE = /^\s*[-–—]{1,2}\s*With assistance from /mu;

export const WIRE_AGENCIES: readonly WireAgency[] = [
  { id: 'AFP', names: ['AFP', 'Agence France-Presse', 'Agence France Presse'], codes: [] },
  { id: 'AP', names: ['Associated Press'], codes: ['AP'] },
  {
    id: 'Reuters',
    names: ['Reuters', 'REUTERS', 'Thomson Reuters'],
    codes: [],
    signatures: [REUTERS_SIGNATURE],
  },
  { id: 'dpa', names: ['dpa', 'Deutsche Presse-Agentur'], codes: ['DPA'] },
  { id: 'EFE', names: ['EFE', 'Agencia EFE'], codes: [] },
  { id: 'ANSA', names: ['ANSA', 'Agenzia Nazionale Stampa Associata'], codes: [] },
  { id: 'Xinhua', names: ['Xinhua', 'XINHUA', '新华社'], codes: [], signatures: [XINHUA_DATELINE] },
  { id: 'PTI', names: ['Press Trust of India'], codes: ['PTI'] },
  { id: 'UPI', names: ['United Press International'], codes: ['UPI'] },
  // "【札幌共同】" is Kyodo's Japanese dateline.
  { id: 'Kyodo', names: ['Kyodo News', 'Kyodo', '共同通信', '共同】'], codes: [] },
  { id: 'Yonhap', names: ['Yonhap', '연합뉴스'], codes: [] },
  { id: 'TASS', names: ['TASS', 'ТАСС'], codes: [] },
  { id: 'AAP', names: ['Australian Associated Press'], codes: ['AAP'] },
  { id: 'Bloomberg', names: ['Bloomberg News'], codes: ['Bloomberg'], signatures: [BLOOMBERG_SIGNATURE] },
  { id: 'PA', names: ['PA Media', 'Press Association'], codes: ['PA'] },
  { id: 'KNA', names: ['Katholische Nachrichten-Agentur'], codes: ['KNA'] },
  { id: 'Anadolu', names: ['Anadolu Agency', 'Anadolu Ajansı'], codes: ['AA'] },
  { id: 'ANI', names: ['Asian News International'], codes: ['ANI'] },
  { id: 'IANS', names: ['Indo-Asian News Service'], codes: ['IANS'] },
  { id: 'Interfax', names: ['Interfax', 'Интерфакс'], codes: [] },
  { id: 'RIA Novosti', names: ['RIA Novosti', 'РИА Новости'], codes: [] },
  { id: 'Europa Press', names: ['Europa Press'], codes: [] },
  { id: 'Lusa', names: ['Agência Lusa'], codes: ['Lusa'] },
  { id: 'ANP', names: ['Algemeen Nederlands Persbureau'], codes: ['ANP'] },
  { id: 'Belga', names: ['Belga'], codes: [] },
  { id: 'APA', names: ['Austria Presse Agentur'], codes: ['APA'] },
  { id: 'Keystone-SDA', names: ['Keystone-SDA', 'Keystone-ATS'], codes: ['SDA', 'ATS'] },
  { id: 'PAP', names: ['Polska Agencja Prasowa'], codes: ['PAP'] },
  { id: 'Jiji', names: ['Jiji Press', '時事通信'], codes: [] },
  { id: 'Bernama', names: ['Bernama'], codes: [] },
  { id: 'Antara', names: ['Antara News'], codes: ['Antara'] },
  { id: 'CP', names: ['Canadian Press'], codes: ['CP'] },
  { id: 'AGI', names: ['Agenzia Italia'], codes: ['AGI'] },
  { id: 'Ritzau', names: ['Ritzau'], codes: [] },
  { id: 'NTB', names: ['Norsk Telegrambyrå'], codes: ['NTB'] },
  { id: 'TT', names: ['Tidningarnas Telegrambyrå'], codes: ['TT'] },
  { id: 'ČTK', names: ['ČTK', 'Česká tisková kancelář'], codes: [] },
  { id: 'MTI', names: ['Magyar Távirati Iroda'], codes: ['MTI'] },
  { id: 'Notimex', names: ['Notimex'], codes: [] },
  { id: 'Ukrinform', names: ['Ukrinform', 'Укрінформ'], codes: [] },
  { id: 'WAFA', names: ['WAFA'], codes: [] },
];
