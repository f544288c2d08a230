import type { Id } from '../../model/common.js';
import type { Apartment, Building, Section } from '../../model/real-estate.js';

/**
 * The шахматка's grid from apartment geometry. Sections stand side by side, floors are rows
 * with the top floor first, and each unit is placed at its floor and column with its spans —
 * so a two-level apartment covers two rows, a merged unit several columns, a commercial ground
 * floor one wide cell. A floor missing in one section (a lower wing) leaves `no-floor` cells;
 * floor numbers missing everywhere (no 13th floor) make no row at all.
 *
 * The output is shaped for a `<table>`: each row lists its items in DOM order, without the
 * positions covered by a rowspan or colspan from elsewhere.
 */

export interface UnitPlacement {
  readonly kind: 'unit';
  readonly apartment: Apartment;
  /** Index into {@link BuildingLayout.sections}. */
  readonly section: number;
  /** Top row (0 is the highest floor). */
  readonly row: number;
  readonly rowSpan: number;
  /** First column across the whole building (sections concatenated). */
  readonly column: number;
  readonly columnSpan: number;
}

export interface EmptyPlacement {
  readonly kind: 'empty';
  readonly section: number;
  readonly row: number;
  readonly column: number;
  /** `no-unit`: the floor exists but nothing stands there; `no-floor`: the section has no such floor. */
  readonly reason: 'no-unit' | 'no-floor';
}

export type GridItem = UnitPlacement | EmptyPlacement;

export interface SectionBand {
  readonly section: Section;
  /** First building column of the section. */
  readonly columnStart: number;
  readonly columns: number;
}

export interface GridRow {
  readonly floor: number;
  /** Items starting in this row, left to right. */
  readonly items: readonly GridItem[];
}

export interface BuildingLayout {
  /** Floors top first; one row each. */
  readonly floors: readonly number[];
  readonly sections: readonly SectionBand[];
  readonly columnCount: number;
  readonly rows: readonly GridRow[];
  readonly units: readonly UnitPlacement[];
  /**
   * For every (row, column) the item covering it: an index into {@link units}, or `-1` for an
   * empty position. Drives keyboard navigation across spans.
   */
  readonly cover: readonly Int32Array[];
  /** Units that could not be placed: on another unit's position. */
  readonly overlaps: readonly Apartment[];
}

/** Floors a unit occupies: its floor and the next `floorSpan − 1` floors that exist in its section. */
function coveredFloors(sectionFloorsAsc: readonly number[], a: Apartment): number[] {
  const i = sectionFloorsAsc.indexOf(a.floor);
  if (i < 0) return [a.floor];
  return sectionFloorsAsc.slice(i, i + Math.max(1, a.floorSpan));
}

/**
 * Lays out `building` with `apartments` (others than the building's are ignored). Section
 * floors are the section's list joined with the floors its units stand on, so bad data still
 * draws; a section's width is the larger of `columns` and its widest unit's end.
 */
export function layoutBuilding(building: Building, apartments: readonly Apartment[]): BuildingLayout {
  const bySection = new Map<Id, Apartment[]>();
  for (const s of building.sections) bySection.set(s.id, []);
  for (const a of apartments) if (a.buildingId === building.id) bySection.get(a.sectionId)?.push(a);

  const sectionFloors = building.sections.map((s) => {
    const set = new Set(s.floors);
    for (const a of bySection.get(s.id) ?? []) set.add(a.floor);
    return [...set].sort((x, y) => x - y);
  });
  const floors = [...new Set(sectionFloors.flat())].sort((x, y) => y - x);
  const rowOf = new Map(floors.map((f, i) => [f, i]));

  let columnStart = 0;
  const sections: SectionBand[] = building.sections.map((section) => {
    const widest = Math.max(0, ...(bySection.get(section.id) ?? []).map((a) => a.column + Math.max(1, a.columnSpan)));
    const band = { section, columnStart, columns: Math.max(section.columns, widest) };
    columnStart += band.columns;
    return band;
  });
  const columnCount = columnStart;
  const cover = floors.map(() => new Int32Array(columnCount).fill(-1));
  const units: UnitPlacement[] = [];
  const overlaps: Apartment[] = [];

  building.sections.forEach((section, si) => {
    const list = [...(bySection.get(section.id) ?? [])].sort((a, b) => b.floor - a.floor || a.column - b.column || a.number.localeCompare(b.number));
    for (const apartment of list) {
      const covered = coveredFloors(sectionFloors[si], apartment);
      const top = rowOf.get(covered[covered.length - 1]) as number;
      const bottom = rowOf.get(covered[0]) as number;
      const column = sections[si].columnStart + apartment.column;
      const columnSpan = Math.max(1, apartment.columnSpan);
      let free = true;
      for (let r = top; r <= bottom && free; r++) for (let c = column; c < column + columnSpan; c++) if (cover[r][c] !== -1) free = false;
      if (!free) {
        overlaps.push(apartment);
        continue;
      }
      const index = units.length;
      units.push({ kind: 'unit', apartment, section: si, row: top, rowSpan: bottom - top + 1, column, columnSpan });
      for (let r = top; r <= bottom; r++) for (let c = column; c < column + columnSpan; c++) cover[r][c] = index;
    }
  });

  const startsAt = new Map<number, UnitPlacement>();
  for (const u of units) startsAt.set(u.row * columnCount + u.column, u);
  const rows: GridRow[] = floors.map((floor, r) => {
    const items: GridItem[] = [];
    sections.forEach((band, si) => {
      const has = sectionFloors[si].includes(floor);
      for (let c = band.columnStart; c < band.columnStart + band.columns; c++) {
        const idx = cover[r][c];
        if (idx === -1) items.push({ kind: 'empty', section: si, row: r, column: c, reason: has ? 'no-unit' : 'no-floor' });
        else {
          const u = startsAt.get(r * columnCount + c);
          if (u) items.push(u);
        }
      }
    });
    return { floor, items };
  });
  return { floors, sections, columnCount, rows, units, cover, overlaps };
}

/** Units of one section, top floor first then left to right: the 360 px list mode. */
export function sectionUnits(layout: BuildingLayout, section: number): UnitPlacement[] {
  return layout.units.filter((u) => u.section === section).sort((a, b) => a.row - b.row || a.column - b.column);
}
