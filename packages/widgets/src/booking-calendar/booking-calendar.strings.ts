import type { MeetingProblemCode, OccupancyGroup, RescheduleReason, ResourceType, UnavailableReason } from '@crmkit/core';

/** Every text `<crm-booking-calendar>` shows; Russian is the source. */
export interface BookingCalendarStrings {
  readonly title: string;
  readonly views: Readonly<Record<'calendar' | 'reschedule' | 'occupancy', string>>;
  readonly week: string;
  readonly day: string;
  readonly previous: string;
  readonly next: string;
  readonly today: string;
  readonly date: string;
  readonly resourceType: string;
  readonly allTypes: string;
  readonly types: Readonly<Record<ResourceType, string>>;
  readonly managerKind: (kind: string) => string;
  readonly resource: string;
  readonly capacity: (n: number) => string;
  readonly timeZoneNote: (zone: string) => string;
  readonly yourTime: (time: string) => string;
  readonly slotsLabel: (resource: string, date: string) => string;
  readonly gridLabel: string;
  readonly slotText: (time: string, load: number, capacity: number) => string;
  /** A day of a row whose slot buttons are not drawn yet (far down a long list): open slots of all. */
  readonly freeOf: (open: number, total: number) => string;
  readonly reasons: Readonly<Record<UnavailableReason, string>>;
  readonly overbooked: string;
  readonly free: string;
  readonly bookedBy: string;
  readonly nobody: string;
  readonly seats: (n: number) => string;
  readonly hint: string;
  readonly newMeeting: string;
  readonly clients: string;
  readonly clientsHint: string;
  readonly guests: string;
  readonly party: (n: number) => string;
  readonly meetingTitle: string;
  readonly defaultTitle: string;
  readonly recommended: string;
  readonly none: string;
  readonly tooSmall: (capacity: number) => string;
  readonly chosenSlots: (n: number) => string;
  readonly commonFree: string;
  readonly busyForChosen: string;
  readonly selected: string;
  readonly create: string;
  readonly clear: string;
  readonly problems: Readonly<Record<MeetingProblemCode, (resource: string, when: string, detail: string) => string>>;
  readonly created: (n: number) => string;
  readonly handedOver: string;
  readonly writeUnsupported: string;
  readonly writeFailed: string;
  readonly working: string;
  readonly rescheduleTitle: string;
  readonly rescheduleNone: string;
  readonly rescheduleReasons: Readonly<Record<RescheduleReason, string>>;
  readonly when: string;
  readonly meeting: string;
  readonly reason: string;
  readonly occupancyTitle: string;
  readonly groupBy: string;
  readonly groups: Readonly<Record<OccupancyGroup, string>>;
  readonly slots: string;
  readonly total: string;
  readonly used: string;
  readonly remaining: string;
  readonly utilisation: string;
  readonly heatmapTitle: string;
  readonly hour: string;
  readonly weekdays: readonly string[];
  readonly closed: string;
  readonly noResources: string;
  readonly legend: string;
}

const ruSeats = (n: number) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return `${n} место`;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return `${n} места`;
  return `${n} мест`;
};

export const ru: BookingCalendarStrings = {
  title: 'Бронирование встреч',
  views: { calendar: 'Календарь', reschedule: 'Встречи к переносу', occupancy: 'Занятость слотов' },
  week: 'Неделя',
  day: 'День',
  previous: 'Назад',
  next: 'Вперёд',
  today: 'Сегодня',
  date: 'Дата',
  resourceType: 'Тип слота',
  allTypes: 'Все типы',
  types: { 'meeting-room': 'Переговорная', 'viewing-platform': 'Смотровая площадка', bus: 'Автобус', manager: 'Менеджер' },
  managerKind: (k) => `Менеджер ${k}`,
  resource: 'Объект бронирования',
  capacity: (n) => `вместимость ${n}`,
  timeZoneNote: (z) => `Время: ${z}`,
  yourTime: (t) => `у вас ${t}`,
  slotsLabel: (r, d) => `${r}, ${d}`,
  gridLabel: 'Слоты по объектам бронирования',
  slotText: (t, l, c) => `${t} (${l}/${c})`,
  freeOf: (o, n) => `свободно ${o} из ${n}`,
  reasons: { 'day-off': 'выходной', 'outside-schedule': 'вне графика', break: 'перерыв', full: 'занято полностью' },
  overbooked: 'перебронировано',
  free: 'свободно',
  bookedBy: 'Забронировали',
  nobody: 'никто',
  seats: ruSeats,
  hint: 'Наведите или перейдите на слот, чтобы увидеть, кто его занял и почему он недоступен.',
  newMeeting: 'Новая встреча',
  clients: 'Клиенты',
  clientsHint: 'через запятую',
  guests: 'Гостей',
  party: (n) => `Участников: ${n}`,
  meetingTitle: 'Тема',
  defaultTitle: 'Встреча с клиентом',
  recommended: 'Рекомендуем',
  none: 'не нужен',
  tooSmall: (c) => `мала (${c})`,
  chosenSlots: (n) => `Выбрано слотов: ${n}`,
  commonFree: 'все выбранные свободны',
  busyForChosen: 'выбранный объект занят',
  selected: 'выбран',
  create: 'Забронировать встречу',
  clear: 'Очистить',
  problems: {
    'no-resources': () => 'Выберите хотя бы один объект бронирования.',
    'no-slots': (r) => `Для «${r}» не выбрано ни одного слота.`,
    'same-role': (r) => `«${r}»: во встрече уже есть объект этого типа.`,
    'too-small': (r, _w, d) => `«${r}» не вмещает участников (${d}).`,
    unavailable: (r, w, d) => `«${r}» в ${w} недоступен: ${d}.`,
    conflict: (r, w, d) => `«${r}» в ${w} уже занят: ${d}. Встреча не сохранена.`,
  },
  created: (n) => `Встреча забронирована (${n} брон.)`,
  handedOver: 'Встреча передана в CRM',
  writeUnsupported: 'Эта CRM не даёт бронировать из виджета',
  writeFailed: 'Не удалось сохранить',
  working: 'Проверяем занятость…',
  rescheduleTitle: 'Встречи к переносу',
  rescheduleNone: 'Переносить нечего',
  rescheduleReasons: {
    'resource-missing': 'объект удалён',
    'day-off': 'выходной день',
    break: 'попадает на перерыв',
    'outside-schedule': 'график изменился',
    overbooked: 'слот перебронирован',
  },
  when: 'Когда',
  meeting: 'Встреча',
  reason: 'Причина',
  occupancyTitle: 'Занятость слотов',
  groupBy: 'Детализация',
  groups: { day: 'По дням', type: 'По типу слота', resource: 'По объекту' },
  slots: 'Слотов',
  total: 'Итого мест',
  used: 'Занято',
  remaining: 'Остаток',
  utilisation: 'Загрузка',
  heatmapTitle: 'Загрузка: час × день недели',
  hour: 'Час',
  weekdays: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
  closed: '—',
  noResources: 'Нет объектов бронирования',
  legend: 'Обозначения',
};

export const en: BookingCalendarStrings = {
  title: 'Meeting booking',
  views: { calendar: 'Calendar', reschedule: 'Meetings to reschedule', occupancy: 'Slot occupancy' },
  week: 'Week',
  day: 'Day',
  previous: 'Previous',
  next: 'Next',
  today: 'Today',
  date: 'Date',
  resourceType: 'Slot type',
  allTypes: 'All types',
  types: { 'meeting-room': 'Meeting room', 'viewing-platform': 'Viewing platform', bus: 'Bus', manager: 'Manager' },
  managerKind: (k) => `Manager, ${k}`,
  resource: 'Resource',
  capacity: (n) => `capacity ${n}`,
  timeZoneNote: (z) => `Times: ${z}`,
  yourTime: (t) => `your time ${t}`,
  slotsLabel: (r, d) => `${r}, ${d}`,
  gridLabel: 'Slots by resource',
  slotText: (t, l, c) => `${t} (${l}/${c})`,
  freeOf: (o, n) => `${o} of ${n} free`,
  reasons: { 'day-off': 'day off', 'outside-schedule': 'outside the schedule', break: 'break', full: 'full' },
  overbooked: 'overbooked',
  free: 'free',
  bookedBy: 'Booked by',
  nobody: 'nobody',
  seats: (n) => `${n} seat${n === 1 ? '' : 's'}`,
  hint: 'Hover or move to a slot to see who holds it and why it is unavailable.',
  newMeeting: 'New meeting',
  clients: 'Clients',
  clientsHint: 'comma-separated',
  guests: 'Guests',
  party: (n) => `Participants: ${n}`,
  meetingTitle: 'Subject',
  defaultTitle: 'Client meeting',
  recommended: 'Recommended',
  none: 'not needed',
  tooSmall: (c) => `too small (${c})`,
  chosenSlots: (n) => `Slots chosen: ${n}`,
  commonFree: 'all chosen are free',
  busyForChosen: 'a chosen resource is busy',
  selected: 'chosen',
  create: 'Book the meeting',
  clear: 'Clear',
  problems: {
    'no-resources': () => 'Choose at least one resource.',
    'no-slots': (r) => `No slot chosen for “${r}”.`,
    'same-role': (r) => `“${r}”: the meeting already has a resource of this type.`,
    'too-small': (r, _w, d) => `“${r}” cannot hold the party (${d}).`,
    unavailable: (r, w, d) => `“${r}” is unavailable at ${w}: ${d}.`,
    conflict: (r, w, d) => `“${r}” is already taken at ${w}: ${d}. Nothing was saved.`,
  },
  created: (n) => `Meeting booked (${n} booking${n === 1 ? '' : 's'})`,
  handedOver: 'Handed over to the CRM',
  writeUnsupported: 'This CRM does not allow booking from the widget',
  writeFailed: 'Could not save',
  working: 'Checking availability…',
  rescheduleTitle: 'Meetings to reschedule',
  rescheduleNone: 'Nothing to reschedule',
  rescheduleReasons: {
    'resource-missing': 'resource deleted',
    'day-off': 'now a day off',
    break: 'falls on a break',
    'outside-schedule': 'schedule changed',
    overbooked: 'slot overbooked',
  },
  when: 'When',
  meeting: 'Meeting',
  reason: 'Reason',
  occupancyTitle: 'Slot occupancy',
  groupBy: 'Detail',
  groups: { day: 'By day', type: 'By slot type', resource: 'By resource' },
  slots: 'Slots',
  total: 'Total seats',
  used: 'Booked',
  remaining: 'Remaining',
  utilisation: 'Utilisation',
  heatmapTitle: 'Utilisation: hour × weekday',
  hour: 'Hour',
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  closed: '—',
  noResources: 'No resources to book',
  legend: 'Legend',
};
