/**
 * The kind of each core field the mapping may name, so one converter turns a 1C property into a
 * core value (and the emulator turns a core value back into what 1C would send) for any mapping.
 */
export type FieldKind =
  /** `Edm.String`. */
  | 'string'
  /** `Edm.Double` or `Edm.Int16/32`, or `Edm.Int64` sent as a string. */
  | 'number'
  | 'boolean'
  /** `Edm.Guid`: a reference (`X_Key`); the empty GUID means none. */
  | 'ref'
  /** A list of references (a tabular part, or one reference made a list). */
  | 'refs'
  /** `Edm.DateTime` as wall-clock time of the server's zone → epoch ms. */
  | 'instant'
  /** `Edm.DateTime` of which only the date counts → `YYYY-MM-DD`. */
  | 'date'
  /** `Edm.DateTime` of which only the time of day counts (1C "Время") → `HH:MM`. */
  | 'clock'
  /** An enumeration value name (`Edm.String`) mapped through `enums`. */
  | 'enum';

export const FIELD_KINDS: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  project: { id: 'ref', name: 'string', city: 'string' },
  building: { id: 'ref', projectId: 'ref', name: 'string', address: 'string', completionDate: 'date' },
  'building.sections': { id: 'ref', buildingId: 'ref', name: 'string', columns: 'number', sort: 'number' },
  'building.floors': { id: 'ref', sectionId: 'ref', number: 'number' },
  apartment: {
    id: 'ref',
    projectId: 'ref',
    buildingId: 'ref',
    sectionId: 'ref',
    number: 'string',
    floor: 'number',
    floorSpan: 'number',
    column: 'number',
    columnSpan: 'number',
    type: 'enum',
    rooms: 'number',
    areaTotal: 'number',
    areaLiving: 'number',
    areaKitchen: 'number',
    finishing: 'enum',
    specialOffer: 'string',
    layoutUrl: 'string',
    onSaleSince: 'instant',
    version: 'string',
  },
  'apartment.status': {
    apartmentId: 'ref',
    projectId: 'ref',
    at: 'instant',
    status: 'enum',
    bookedAt: 'instant',
    bookingExpiresAt: 'instant',
    bookingPaid: 'boolean',
    bookingPrice: 'number',
    clientId: 'ref',
    clientName: 'string',
    managerId: 'ref',
  },
  'apartment.price': { apartmentId: 'ref', projectId: 'ref', at: 'instant', price: 'number' },
  pricePoint: { apartmentId: 'ref', at: 'instant', price: 'number' },
  contact: {
    id: 'ref',
    name: 'string',
    firstName: 'string',
    lastName: 'string',
    birthday: 'date',
    companyIds: 'refs',
    responsibleId: 'ref',
    createdById: 'ref',
    createdAt: 'instant',
    modifiedAt: 'instant',
    hasRequisites: 'boolean',
  },
  company: {
    id: 'ref',
    title: 'string',
    contactIds: 'refs',
    parentCompanyId: 'ref',
    industry: 'string',
    responsibleId: 'ref',
    createdById: 'ref',
    createdAt: 'instant',
    modifiedAt: 'instant',
    hasRequisites: 'boolean',
  },
  lead: {
    id: 'ref',
    title: 'string',
    status: 'enum',
    contactId: 'ref',
    companyId: 'ref',
    responsibleId: 'ref',
    createdAt: 'instant',
    modifiedAt: 'instant',
  },
  deal: {
    id: 'ref',
    title: 'string',
    funnelId: 'ref',
    stageId: 'ref',
    amount: 'number',
    currency: 'string',
    companyId: 'ref',
    contactIds: 'refs',
    responsibleId: 'ref',
    createdById: 'ref',
    createdAt: 'instant',
    modifiedAt: 'instant',
    closedAt: 'instant',
    expectedCloseAt: 'instant',
    sourceId: 'string',
  },
  funnel: { id: 'ref', name: 'string' },
  'funnel.stages': { id: 'ref', funnelId: 'ref', name: 'string', sort: 'number', semantics: 'enum', color: 'string' },
  invoice: {
    id: 'ref',
    number: 'string',
    title: 'string',
    amount: 'number',
    currency: 'string',
    status: 'enum',
    dealId: 'ref',
    contactId: 'ref',
    companyId: 'ref',
    responsibleId: 'ref',
    createdAt: 'instant',
    modifiedAt: 'instant',
    dueAt: 'instant',
  },
  employee: {
    id: 'ref',
    name: 'string',
    firstName: 'string',
    lastName: 'string',
    departmentIds: 'refs',
    position: 'string',
    phone: 'string',
    email: 'string',
    active: 'boolean',
  },
  department: { id: 'ref', name: 'string', parentId: 'ref', headId: 'ref' },
  activity: {
    id: 'ref',
    kind: 'string',
    direction: 'enum',
    subject: 'string',
    description: 'string',
    durationSec: 'number',
    channel: 'string',
    createdAt: 'instant',
    startAt: 'instant',
    deadline: 'instant',
    completed: 'boolean',
    completedAt: 'instant',
    completedById: 'ref',
    responsibleId: 'ref',
    authorId: 'ref',
  },
  resource: {
    id: 'ref',
    name: 'string',
    type: 'enum',
    kind: 'string',
    capacity: 'number',
    timeZone: 'string',
    projectId: 'ref',
    employeeId: 'ref',
    slotMinutes: 'number',
  },
  'resource.exceptions': { resourceId: 'ref', date: 'date', dayOff: 'boolean', start: 'clock', end: 'clock', reason: 'string' },
  booking: {
    id: 'ref',
    resourceId: 'ref',
    meetingId: 'ref',
    start: 'instant',
    end: 'instant',
    seats: 'number',
    title: 'string',
    createdById: 'ref',
    createdAt: 'instant',
    status: 'enum',
    version: 'string',
  },
};

/** Core defaults for an enumeration value the mapping does not list. */
export const ENUM_DEFAULTS: Readonly<Record<string, string>> = {
  'apartment.type': 'apartment',
  'apartment.status.status': 'not-for-sale',
  'lead.status': 'new',
  'invoice.status': 'draft',
  'funnel.stages.semantics': 'process',
  'resource.type': 'meeting-room',
  'booking.status': 'active',
};

/** Sets and the key of their field-kind table. */
export function kindOf(key: string, field: string): FieldKind | undefined {
  return FIELD_KINDS[key]?.[field];
}
