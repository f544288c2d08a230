import type { ApartmentStatus, Finishing, HeatmapMode, UnitType } from '@crmkit/core';

/** Every text `<crm-shahmatka>` shows; Russian is the source. */
export interface ShahmatkaStrings {
  readonly title: string;
  readonly project: string;
  readonly building: string;
  readonly gridLabel: (building: string) => string;
  readonly floor: string;
  readonly floorN: (n: number) => string;
  readonly section: string;
  readonly statuses: Readonly<Record<ApartmentStatus, string>>;
  /** Short status mark inside a cell (colour-blind safe). */
  readonly statusShort: Readonly<Record<ApartmentStatus, string>>;
  readonly types: Readonly<Record<UnitType, string>>;
  readonly finishings: Readonly<Record<Finishing, string>>;
  readonly roomsShort: (rooms: number) => string;
  readonly studio: string;
  readonly roomsOrMore: string;
  readonly sqm: string;
  readonly perSqm: string;
  readonly filters: string;
  readonly type: string;
  readonly rooms: string;
  readonly areaFrom: string;
  readonly areaTo: string;
  readonly budgetTo: string;
  readonly status: string;
  readonly finishing: string;
  readonly specialOffer: string;
  readonly any: string;
  readonly reset: string;
  readonly show: string;
  readonly showPrice: string;
  readonly showPricePerM2: string;
  readonly colourBy: string;
  readonly heatmap: Readonly<Record<HeatmapMode, string>>;
  readonly heatLow: string;
  readonly heatHigh: string;
  readonly legend: string;
  readonly bestFits: string;
  readonly matches: (n: number) => string;
  readonly noMatches: string;
  readonly totals: string;
  readonly soldShare: string;
  readonly sum: string;
  readonly avgPerM2: string;
  readonly card: (number: string) => string;
  readonly closeCard: string;
  readonly layoutImage: (number: string) => string;
  readonly noLayout: string;
  readonly statusAsOf: (status: string, when: string) => string;
  readonly price: string;
  readonly area: string;
  readonly areaLiving: string;
  readonly areaKitchen: string;
  readonly position: string;
  readonly positionText: (section: string, floor: number, column: number) => string;
  readonly priceHistory: string;
  readonly priceHistoryEmpty: string;
  readonly date: string;
  readonly booking: string;
  readonly bookedBy: (client: string) => string;
  readonly bookedAt: (when: string) => string;
  readonly paidBooking: string;
  readonly unpaidBooking: string;
  readonly fixedPrice: (price: string) => string;
  readonly expiresAt: (when: string) => string;
  readonly expiresIn: (days: number, hours: number, minutes: number) => string;
  readonly expired: string;
  readonly openEnded: string;
  readonly clientName: string;
  readonly paid: string;
  readonly book: string;
  readonly release: string;
  readonly working: string;
  readonly booked: string;
  readonly released: string;
  readonly conflict: string;
  readonly notFree: (status: string) => string;
  readonly handedOver: string;
  readonly writeUnsupported: string;
  readonly writeFailed: string;
  readonly exportName: (building: string) => string;
  readonly listMode: string;
  readonly gridMode: string;
  readonly noBuildings: string;
  readonly noUnits: string;
  readonly daysOnSale: string;
  readonly days: (n: number) => string;
  readonly openInCrm: string;
}

const ruDays = (n: number) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return `${n} день`;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return `${n} дня`;
  return `${n} дней`;
};

export const ru: ShahmatkaStrings = {
  title: 'Шахматка',
  project: 'Проект',
  building: 'Корпус',
  gridLabel: (b) => `Шахматка: ${b}`,
  floor: 'Этаж',
  floorN: (n) => `${n} этаж`,
  section: 'Секция',
  statuses: { free: 'Свободна', booked: 'Бронь', 'paid-booking': 'Платная бронь', sold: 'Продана', 'not-for-sale': 'Не в продаже' },
  statusShort: { free: 'своб.', booked: 'бронь', 'paid-booking': 'пл. бронь', sold: 'продана', 'not-for-sale': 'не прод.' },
  types: { apartment: 'Квартира', studio: 'Студия', penthouse: 'Пентхаус', commercial: 'Коммерция', parking: 'Паркинг', storage: 'Кладовая' },
  finishings: { none: 'Без отделки', 'white-box': 'White box', turnkey: 'Под ключ' },
  roomsShort: (r) => (r === 0 ? 'ст.' : `${r}к`),
  studio: 'Студия',
  roomsOrMore: '4+',
  sqm: 'м²',
  perSqm: '/м²',
  filters: 'Запрос клиента',
  type: 'Тип',
  rooms: 'Комнат',
  areaFrom: 'Площадь от, м²',
  areaTo: 'Площадь до, м²',
  budgetTo: 'Бюджет до, ₽',
  status: 'Статус',
  finishing: 'Отделка',
  specialOffer: 'Спецпредложение',
  any: 'Любой',
  reset: 'Сбросить',
  show: 'Показывать',
  showPrice: 'Цена',
  showPricePerM2: 'Цена за м²',
  colourBy: 'Цвет',
  heatmap: { status: 'По статусу', 'price-per-m2': 'Цена за м²', 'days-on-sale': 'Дней в продаже' },
  heatLow: 'меньше',
  heatHigh: 'больше',
  legend: 'Легенда',
  bestFits: 'Лучшие варианты',
  matches: (n) => `Подходит: ${n}`,
  noMatches: 'Под запрос ничего не подходит',
  totals: 'Итого',
  soldShare: 'Продано',
  sum: 'Сумма',
  avgPerM2: 'Ср. цена м²',
  card: (n) => `Помещение № ${n}`,
  closeCard: 'Закрыть карточку',
  layoutImage: (n) => `Планировка № ${n}`,
  noLayout: 'Планировки нет',
  statusAsOf: (s, w) => `${s} на ${w}`,
  price: 'Стоимость',
  area: 'Площадь',
  areaLiving: 'Жилая',
  areaKitchen: 'Кухня',
  position: 'Расположение',
  positionText: (s, f, c) => `${s}, ${f} этаж, позиция ${c}`,
  priceHistory: 'История цен',
  priceHistoryEmpty: 'Цена не менялась',
  date: 'Дата',
  booking: 'Бронирование',
  bookedBy: (c) => `Клиент: ${c}`,
  bookedAt: (w) => `Забронирована ${w}`,
  paidBooking: 'Платная бронь: квартира и цена зафиксированы',
  unpaidBooking: 'Бесплатная бронь',
  fixedPrice: (p) => `Цена зафиксирована: ${p}`,
  expiresAt: (w) => `Действует до ${w}`,
  expiresIn: (d, h, m) => `Осталось ${d > 0 ? `${ruDays(d)} ` : ''}${h} ч ${m} мин`,
  expired: 'Срок брони истёк',
  openEnded: 'Без срока',
  clientName: 'Клиент',
  paid: 'Платная бронь (15 рабочих дней)',
  book: 'Забронировать',
  release: 'Снять бронь',
  working: 'Проверяем статус…',
  booked: 'Забронировано',
  released: 'Бронь снята',
  conflict: 'Кто-то успел изменить эту квартиру. Статус обновлён, проверьте и попробуйте снова.',
  notFree: (s) => `Квартиру уже нельзя забронировать: ${s}.`,
  handedOver: 'Запрос передан в CRM',
  writeUnsupported: 'Эта CRM не даёт бронировать из виджета',
  writeFailed: 'Не удалось сохранить',
  exportName: (b) => `Шахматка ${b}`,
  listMode: 'Списком',
  gridMode: 'Шахматкой',
  noBuildings: 'В проекте нет корпусов',
  noUnits: 'В корпусе нет помещений',
  daysOnSale: 'В продаже',
  days: ruDays,
  openInCrm: 'Открыть в CRM',
};

export const en: ShahmatkaStrings = {
  title: 'Unit grid',
  project: 'Project',
  building: 'Building',
  gridLabel: (b) => `Unit grid: ${b}`,
  floor: 'Floor',
  floorN: (n) => `Floor ${n}`,
  section: 'Section',
  statuses: { free: 'Available', booked: 'Reserved', 'paid-booking': 'Paid reservation', sold: 'Sold', 'not-for-sale': 'Not for sale' },
  statusShort: { free: 'avail.', booked: 'resv.', 'paid-booking': 'paid', sold: 'sold', 'not-for-sale': 'n/a' },
  types: { apartment: 'Apartment', studio: 'Studio', penthouse: 'Penthouse', commercial: 'Commercial', parking: 'Parking', storage: 'Storage' },
  finishings: { none: 'Shell', 'white-box': 'White box', turnkey: 'Turnkey' },
  roomsShort: (r) => (r === 0 ? 'st.' : `${r}br`),
  studio: 'Studio',
  roomsOrMore: '4+',
  sqm: 'm²',
  perSqm: '/m²',
  filters: "Client's request",
  type: 'Type',
  rooms: 'Rooms',
  areaFrom: 'Area from, m²',
  areaTo: 'Area to, m²',
  budgetTo: 'Budget up to',
  status: 'Status',
  finishing: 'Finishing',
  specialOffer: 'Special offer',
  any: 'Any',
  reset: 'Reset',
  show: 'Show',
  showPrice: 'Price',
  showPricePerM2: 'Price per m²',
  colourBy: 'Colour',
  heatmap: { status: 'By status', 'price-per-m2': 'Price per m²', 'days-on-sale': 'Days on sale' },
  heatLow: 'less',
  heatHigh: 'more',
  legend: 'Legend',
  bestFits: 'Best fits',
  matches: (n) => `Matching: ${n}`,
  noMatches: 'Nothing matches the request',
  totals: 'Total',
  soldShare: 'Sold',
  sum: 'Sum',
  avgPerM2: 'Avg per m²',
  card: (n) => `Unit ${n}`,
  closeCard: 'Close the card',
  layoutImage: (n) => `Layout of unit ${n}`,
  noLayout: 'No layout',
  statusAsOf: (s, w) => `${s} as of ${w}`,
  price: 'Price',
  area: 'Area',
  areaLiving: 'Living',
  areaKitchen: 'Kitchen',
  position: 'Position',
  positionText: (s, f, c) => `${s}, floor ${f}, position ${c}`,
  priceHistory: 'Price history',
  priceHistoryEmpty: 'The price never changed',
  date: 'Date',
  booking: 'Reservation',
  bookedBy: (c) => `Client: ${c}`,
  bookedAt: (w) => `Reserved on ${w}`,
  paidBooking: 'Paid reservation: unit and price are held',
  unpaidBooking: 'Free reservation',
  fixedPrice: (p) => `Price held: ${p}`,
  expiresAt: (w) => `Holds until ${w}`,
  expiresIn: (d, h, m) => `${d > 0 ? `${d} d ` : ''}${h} h ${m} min left`,
  expired: 'The reservation has expired',
  openEnded: 'No end date',
  clientName: 'Client',
  paid: 'Paid reservation (15 working days)',
  book: 'Reserve',
  release: 'Release',
  working: 'Checking the status…',
  booked: 'Reserved',
  released: 'Released',
  conflict: 'Someone changed this unit meanwhile. The status is refreshed: check it and try again.',
  notFree: (s) => `This unit can no longer be reserved: ${s}.`,
  handedOver: 'Handed over to the CRM',
  writeUnsupported: 'This CRM does not allow reserving from the widget',
  writeFailed: 'Could not save',
  exportName: (b) => `Units ${b}`,
  listMode: 'List',
  gridMode: 'Grid',
  noBuildings: 'The project has no buildings',
  noUnits: 'The building has no units',
  daysOnSale: 'On sale',
  days: (n) => `${n} day${n === 1 ? '' : 's'}`,
  openInCrm: 'Open in the CRM',
};
