export { CrmShahmatka, PRICE_MODES, SHAHMATKA_VIEWS, type PriceMode, type ShahmatkaView } from './shahmatka.js';
export { type ShahmatkaStrings, ru as shahmatkaRu, en as shahmatkaEn } from './shahmatka.strings.js';
export { type ShahmatkaData, loadShahmatka, holdApartment, releaseApartment, type WriteOutcome } from './shahmatka-data.js';
export { PriceChartController, type PricePointView } from './price-chart.js';
export * from '../events/shahmatka.js';
