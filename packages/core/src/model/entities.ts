import type { Activity } from './activities.js';
import type { Booking, BookingResource } from './booking.js';
import type { Deal, Funnel, Invoice, Payment, Product, StageMove } from './deals.js';
import type { FieldDefinition } from './fields.js';
import type { Company, Contact, Department, Employee, Lead } from './people.js';
import type { Apartment, Building, PricePoint, Project } from './real-estate.js';

/**
 * Every list an adapter can serve, by name. Adapters, the cache, snapshots and the conformance
 * suite are all keyed by these names, so adding an entity is one line here.
 */
export interface EntityMap {
  contact: Contact;
  company: Company;
  lead: Lead;
  deal: Deal;
  stageMove: StageMove;
  invoice: Invoice;
  payment: Payment;
  activity: Activity;
  employee: Employee;
  department: Department;
  funnel: Funnel;
  product: Product;
  fieldDefinition: FieldDefinition;
  project: Project;
  building: Building;
  apartment: Apartment;
  pricePoint: PricePoint;
  resource: BookingResource;
  booking: Booking;
}

export type EntityName = keyof EntityMap;

export const ENTITY_NAMES = [
  'contact',
  'company',
  'lead',
  'deal',
  'stageMove',
  'invoice',
  'payment',
  'activity',
  'employee',
  'department',
  'funnel',
  'product',
  'fieldDefinition',
  'project',
  'building',
  'apartment',
  'pricePoint',
  'resource',
  'booking',
] as const satisfies readonly EntityName[];

/** Entities that change rarely and are fetched once per portal (then cached). */
export const DICTIONARY_ENTITIES = ['employee', 'department', 'funnel', 'product', 'fieldDefinition'] as const satisfies readonly EntityName[];

/** A record of any entity, keyed by its entity name. */
export type EntityRecord<E extends EntityName> = EntityMap[E];
