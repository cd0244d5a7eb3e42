export {
  type DateReading,
  isZoneless,
  type ParseDateOptions,
  parseDate,
  readDate,
  readingToIso,
} from './parse-date.js';
export { isTimeZone, parseTimeZone, type TimeZone } from './time-zone.js';
