// Month names and time-zone abbreviations that real feeds put in their dates. Keys are lower-case,
// without a trailing dot.

const MONTHS_BY_LANGUAGE: readonly (readonly string[])[] = [
  // English
  ['jan', 'january'],
  ['feb', 'february'],
  ['mar', 'march'],
  ['apr', 'april'],
  ['may'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
];

// Other languages, month by month (index 0 = January): French, German, Spanish, Italian, Portuguese,
// Dutch, Swedish/Norwegian/Danish, Polish, Czech, Russian (nominative and genitive), Turkish.
const FOREIGN_MONTHS: readonly string[] = [
  'janv janvier januar jän jänner ene enero gen gennaio janeiro januari januar stycznia styczeń ledna leden январь января янв ocak',
  'févr fevr février fevrier februar febrero feb febbraio fev fevereiro februari februar lutego luty února únor февраль февраля фев şubat subat',
  'mars märz maerz mär marzo março marco maart mrt marts marca marzec března březen март марта мар mart',
  'avr avril april abr abril aprile apr abril kwietnia kwiecień dubna duben апрель апреля апр nisan',
  'mai mayo mag maggio maio mei maj maja května květen май мая mayıs mayis',
  'juin juni junio giu giugno jun junho juni czerwca czerwiec června červen июнь июня июн haziran',
  'juil juillet juli julio lug luglio jul julho juli lipca lipiec července červenec июль июля июл temmuz',
  'août aout august agosto ago agosto augustus aug augusti sierpnia sierpień srpna srpen август августа авг ağustos agustos',
  'sept septembre september septiembre setiembre set settembre setembro sep september września wrzesień září сентябрь сентября сен eylül eylul',
  'oct octobre oktober okt octubre ott ottobre out outubro oktober okt października październik října říjen октябрь октября окт ekim',
  'nov novembre november noviembre novembro listopada listopad listopadu ноябрь ноября ноя kasım kasim',
  'déc dec décembre decembre dezember dez diciembre dic dicembre dezembro december desember grudnia grudzień prosince prosinec декабрь декабря дек aralık aralik',
];

/** Month token -> 0-based month. */
export const MONTH_NAMES: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  FOREIGN_MONTHS.forEach((names, month) => {
    for (const name of names.split(' ')) map.set(name, month);
  });
  // English last, so a clash ("mar") always means the English month (the same one anyway).
  MONTHS_BY_LANGUAGE.forEach((names, month) => {
    for (const name of names) map.set(name, month);
  });
  return map;
})();

/** Time-zone abbreviation -> offset from UTC in minutes. */
export const ZONE_OFFSETS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ut: 0,
    utc: 0,
    gmt: 0,
    z: 0,
    wet: 0,
    bst: 60,
    ist: 330,
    west: 60,
    cet: 60,
    met: 60,
    mez: 60,
    cest: 120,
    mest: 120,
    mesz: 120,
    eet: 120,
    eest: 180,
    msk: 180,
    msd: 240,
    est: -300,
    edt: -240,
    cst: -360,
    cdt: -300,
    mst: -420,
    mdt: -360,
    pst: -480,
    pdt: -420,
    akst: -540,
    akdt: -480,
    hst: -600,
    ast: -240,
    adt: -180,
    nst: -210,
    ndt: -150,
    jst: 540,
    kst: 540,
    hkt: 480,
    sgt: 480,
    pht: 480,
    wib: 420,
    ict: 420,
    awst: 480,
    acst: 570,
    acdt: 630,
    aest: 600,
    aedt: 660,
    nzst: 720,
    nzdt: 780,
    brt: -180,
    brst: -120,
    art: -180,
    sast: 120,
    cat: 120,
    eat: 180,
    wat: 60,
  }),
);

/**
 * Military one-letter zones, with their real meaning (Alpha = UTC+1 ... Mike = UTC+12, November =
 * UTC-1 ... Yankee = UTC-12, Zulu = UTC). RFC 822 printed the signs reversed; RFC 2822 gave up on
 * them; publishers who still use them mean the military zones.
 */
export function militaryZoneOffset(letter: string): number | undefined {
  const code = letter.toLowerCase().charCodeAt(0);
  if (letter.length !== 1 || code < 97 || code > 122 || letter.toLowerCase() === 'j') return undefined;
  if (letter.toLowerCase() === 'z') return 0;
  if (code <= 105) return (code - 96) * 60; // a..i = +1..+9
  if (code <= 109) return (code - 97) * 60; // k..m = +10..+12
  return -(code - 109) * 60; // n..y = -1..-12
}
