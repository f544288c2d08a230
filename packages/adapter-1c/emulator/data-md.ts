// Prints the `## 1C:Enterprise` section of DATA.md from the default mapping:
// node --conditions=crmkit-source --import tsx packages/adapter-1c/emulator/data-md.ts
import { DEFAULT_MAPPING } from '../src/default-mapping.js';
import { allSources, parseSpec } from '../src/mapping.js';

const WHY: Record<string, [string, string]> = {
  project: ['Projects (ЖК) to choose a шахматка and filter apartments', 'шахматка, booking calendar (resources per project)'],
  building: ['Buildings of a project', 'шахматка'],
  'building.sections': ['Sections (подъезды) and their width in unit positions: the grid columns', 'шахматка'],
  'building.floors': ['Floors that exist in each section (no 13th floor…): the grid rows', 'шахматка'],
  apartment: ['Each unit: number, position in the grid, type, rooms, areas, finishing', 'шахматка, counters'],
  'apartment.status': ['Current status and booking of each unit (SliceLast: one row per unit)', 'шахматка (cell colour, booking details)'],
  'apartment.price': ['Current price of each unit (SliceLast)', 'шахматка (price, price per m²)'],
  pricePoint: ['Price history of one unit (the record set)', 'шахматка (selected cell)'],
  contact: ['Contact persons: name, companies, contact information (only whether it exists and its value for display)', 'client timeline, client base, counters'],
  company: ['Counterparties: name, contact persons, parent, contact information', 'client timeline, client base, counters'],
  lead: ['Requests (заявки): a lead is not a request in the client-base classification', 'client base'],
  deal: ['Deals and their stage, amount, client', 'client timeline, counters, client base'],
  funnel: ['Deal kinds', 'stage names in the timeline'],
  'funnel.stages': ['Stages with their meaning (in work / won / lost)', 'client timeline, client base'],
  invoice: ['Invoices of a client', 'counters, client timeline'],
  employee: ['Users: names of the responsible and authors, the hover card', 'every widget that shows a person'],
  department: ['Departments for the employee card', 'employee card'],
  activity: ['Interactions linked to a client or deal', 'client timeline, counters'],
  resource: ['Booking resources with capacity and weekly schedule (tabular part)', 'booking calendar'],
  'resource.exceptions': ['Days off and changed hours of resources', 'booking calendar'],
  booking: ['Bookings of resources: time, seats, clients', 'booking calendar'],
};

const lines: string[] = [];
lines.push('## 1C:Enterprise');
lines.push('');
lines.push('Adapter `@crmkit/adapter-1c`. Reads through the standard OData interface of the infobase');
lines.push('(`/<base>/odata/standard.odata/`, GET only, `allowedOnly=true` so row-level security hides rows');
lines.push('instead of failing, rows with `DeletionMark` excluded) or, in HTTP-service mode, through the');
lines.push('crmkit HTTP service (`/<base>/hs/crmkit/v1/`, see the package README). Entity sets and properties');
lines.push('below are those of the **default mapping** (`packages/adapter-1c/mapping/default-mapping.json`);');
lines.push('an integrator who renames them in their mapping reads exactly the renamed ones, nothing else. Only');
lines.push('the properties listed are requested (`$select`). Nothing is written through OData.');
lines.push('');
lines.push('**Rights the 1C user needs:** the role must allow *Чтение* (read) of every entity set listed, and');
lines.push('each must be published in the standard OData interface (`SetStandardODataInterfaceContent` /');
lines.push('«Состав стандартного интерфейса OData»); the adapter names any set that is not. Writes (holding and');
lines.push('releasing an apartment, creating and cancelling bookings) go only through the HTTP service and need');
lines.push('its *Использование* right plus the rights the service itself checks (change of the status register,');
lines.push('creation of `Document_БронированиеРесурса`).');
lines.push('');
lines.push('| Entity set | Properties read | Why | Widget |');
lines.push('|---|---|---|---|');
for (const { path, source } of allSources(DEFAULT_MAPPING)) {
  const key = path.replace(/^entities\./, '').replace(/\[\d+\]$/, '');
  const props = new Set<string>();
  for (const spec of Object.values(source.fields)) {
    const p = parseSpec(spec);
    props.add(p.tabular ? `${p.tabular} (${p.property})` : p.property);
  }
  const extra = source as unknown as Record<string, unknown>;
  const comms = extra.comms as { tabular: string; type: string; value: string; valueType?: string } | undefined;
  if (comms) props.add(`${comms.tabular} (${[comms.type, comms.value, comms.valueType].filter(Boolean).join(', ')})`);
  const bindings = extra.bindings as { property: string }[] | undefined;
  for (const b of bindings ?? []) props.add(b.property.replace('[].', ' ('));
  const schedule = extra.schedule as Record<string, string> | undefined;
  if (schedule) props.add(`${schedule.tabular} (${Object.entries(schedule).filter(([k]) => k !== 'tabular').map(([, v]) => v).join(', ')})`);
  const clients = extra.clients as { tabular: string; property: string } | undefined;
  if (clients) props.add(`${clients.tabular} (${clients.property}, ${clients.property}_Type)`);
  const set = source.set.startsWith('InformationRegister_') && (key === 'apartment.status' || key === 'apartment.price') ? `${source.set}/SliceLast()` : source.set;
  const kind = key === 'activity' ? `Interactions: ${String(source.constants?.kind)}` : WHY[key]?.[0] ?? '';
  const widget = WHY[key]?.[1] ?? '';
  lines.push(`| \`${set}\` | ${[...props].map((p) => `\`${p.replace(/\)$/, ')')}\``).join(', ').replace(/ \(([^`]*)`/g, ' ($1`')} | ${kind} | ${widget} |`);
}
lines.push('');
lines.push('Also read: the service document (`/odata/standard.odata/?$format=json`) once at start, to check');
lines.push('the publication; `/$count` of the same filters, for progress and totals. In HTTP-service mode the');
lines.push('same records come from `POST /hs/crmkit/v1/list|get|count|ids` and `GET …/identity`.');
lines.push('');
console.log(lines.join('\n'));
