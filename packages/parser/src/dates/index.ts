export { type ParseDateOptions, parseDate } from './parse-date.js';
