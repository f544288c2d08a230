import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startOneCEmulator, type RunningEmulator } from '../emulator/server.js';
import { DEFAULT_MAPPING } from '../src/default-mapping.js';
import { basicAuthorization, instantToWallClock, wallClockToInstant } from '../src/convert.js';
import { checkPublished, publishedEntitySets, validateMapping } from '../src/mapping.js';
import { compileCondition, splitTerms, urlBytes } from '../src/filter-compile.js';

const AUTH = basicAuthorization('Иванова Мария', 'пароль');
let em: RunningEmulator;

async function get(path: string, auth = AUTH): Promise<{ status: number; type: string; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(`${em.odataUrl}${path}`, { headers: auth ? { Authorization: auth } : {} });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) as Record<string, unknown> };
}
const enc = (s: string) => encodeURIComponent(s);

before(async () => {
  em = await startOneCEmulator();
});
after(async () => {
  await em.close();
});

describe('1C emulator: the standard OData interface', () => {
  it('asks for Basic auth and accepts a Cyrillic user name in UTF-8', async () => {
    const anonymous = await get('Catalog_Контрагенты?$format=json', '');
    assert.equal(anonymous.status, 401);
    const wrong = await get('?$format=json', basicAuthorization('Иванова Мария', 'нет'));
    assert.equal(wrong.status, 401);
    const ok = await get('?$format=json');
    assert.equal(ok.status, 200);
    assert.ok((ok.json().value as { name: string }[]).some((v) => v.name === 'Catalog_ОбъектыНедвижимости'));
  });

  it('answers collections in `value` under odata.metadata, with Int64 as strings and empty refs and dates', async () => {
    const r = (await get(`${enc('Catalog_ОбъектыНедвижимости')}?$format=json&$top=1&$filter=${enc('DeletionMark eq false')}`)).json();
    assert.match(String(r['odata.metadata']), /\$metadata#Catalog_ОбъектыНедвижимости$/);
    const row = (r.value as Record<string, unknown>[])[0];
    assert.equal(typeof row.Этаж, 'string');
    assert.equal(typeof row.ПлощадьОбщая, 'number');
    assert.match(String(row.ДатаНачалаПродаж), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const status = (await get(`${enc('InformationRegister_СтатусыОбъектовНедвижимости')}/SliceLast()?$format=json&$filter=${enc("Статус eq 'Свободна'")}&$top=1`)).json();
    const s = (status.value as Record<string, unknown>[])[0];
    assert.equal(s.Клиент_Key, '00000000-0000-0000-0000-000000000000');
    assert.equal(s.ДатаОкончанияБрони, '0001-01-01T00:00:00');
  });

  it('answers a single element without `value`', async () => {
    const list = (await get(`${enc('Catalog_Контрагенты')}?$format=json&$top=1`)).json();
    const ref = (list.value as { Ref_Key: string }[])[0].Ref_Key;
    const one = (await get(`${enc('Catalog_Контрагенты')}(guid'${ref}')?$format=json`)).json();
    assert.equal(one.Ref_Key, ref);
    assert.equal(one.value, undefined);
    assert.match(String(one['odata.metadata']), /@Element$/);
    const missing = await get(`${enc('Catalog_Контрагенты')}(guid'00000000-0000-0000-0000-000000000001')?$format=json`);
    assert.equal(missing.status, 404);
    assert.equal((missing.json()['odata.error'] as { code: string }).code, '9');
  });

  it('counts with /$count, including rows marked for deletion unless filtered', async () => {
    const all = await get(`${enc('Catalog_ОбъектыНедвижимости')}/$count`);
    const live = await get(`${enc('Catalog_ОбъектыНедвижимости')}/$count?$filter=${enc('DeletionMark eq false')}`);
    assert.equal(Number(all.text), 13);
    assert.equal(Number(live.text), 12);
  });

  it('supports substringof with the needle first, guid and datetime literals, and paging', async () => {
    const found = (await get(`${enc('Catalog_КонтактныеЛица')}?$format=json&$select=Description&$filter=${enc("substringof('петров', Description) and DeletionMark eq false")}`)).json();
    assert.deepEqual((found.value as { Description: string }[]).map((v) => v.Description), ['Петров Иван Сергеевич']);
    const page = (await get(`${enc('Catalog_ОбъектыНедвижимости')}?$format=json&$orderby=Code&$top=5&$skip=10&$select=Code`)).json();
    assert.deepEqual((page.value as { Code: string }[]).map((v) => v.Code), ['000000010', '000000011', '000000012']);
    const recent = (await get(`${enc('InformationRegister_ЦеныОбъектовНедвижимости')}?$format=json&$filter=${enc("Period ge datetime'2026-11-01T00:00:00'")}`)).json();
    assert.ok((recent.value as { Period: string }[]).every((v) => v.Period >= '2026-11-01T00:00:00'));
  });

  it('refuses what 1C does not implement with its error body', async () => {
    const lower = await get(`${enc('Catalog_КонтактныеЛица')}?$format=json&$filter=${enc("tolower(Description) eq 'x'")}`);
    assert.equal(lower.status, 400);
    assert.equal((lower.json()['odata.error'] as { code: string }).code, '21');
    const inOp = await get(`${enc('Catalog_КонтактныеЛица')}?$format=json&$filter=${enc("Description in ('a','b')")}`);
    assert.equal(inOp.status, 400);
    assert.deepEqual(Object.keys(inOp.json()['odata.error'] as object), ['code', 'message']);
    // `+` is not a space for 1C: the filter does not parse.
    const plus = await get(`${enc('Catalog_КонтактныеЛица')}?$format=json&$filter=Description+eq+'x'`);
    assert.equal(plus.status, 400);
  });

  it('serves presentations of references on request', async () => {
    const r = (await get(`${enc('InformationRegister_СтатусыОбъектовНедвижимости')}/SliceLast()?$format=json&$select=${enc('Объект_Key,Клиент____Presentation')}&$filter=${enc("Статус eq 'Бронь'")}`)).json();
    const row = (r.value as Record<string, string>[])[0];
    assert.equal(row['Клиент____Presentation'], 'Петров Иван Сергеевич');
  });

  it('answers an HTML 404 for a request line over 2,048 bytes', async () => {
    const long = await get(`${enc('Catalog_КонтактныеЛица')}?$format=json&$filter=${enc(`Description eq '${'я'.repeat(400)}'`)}`);
    assert.equal(long.status, 404);
    assert.match(long.type, /html/);
  });

  it('publishes $metadata naming every entity set', async () => {
    const meta = await get('$metadata');
    const sets = publishedEntitySets(meta.text);
    assert.deepEqual(checkPublished(DEFAULT_MAPPING, sets), []);
  });
});

describe('1C mapping and conversions', () => {
  it('the JSON default mapping equals the module and is valid', () => {
    const json = JSON.parse(readFileSync(new URL('../mapping/default-mapping.json', import.meta.url), 'utf8')) as unknown;
    assert.deepEqual(json, JSON.parse(JSON.stringify(DEFAULT_MAPPING)));
    assert.deepEqual(validateMapping(json), []);
  });

  it('the validator says what is wrong and where', () => {
    const problems = validateMapping({ version: 1, entities: { apartment: { set: 'Справочник.Квартиры', fields: { id: 'Ref Key' } }, shop: {} } });
    const paths = problems.map((p) => p.path);
    assert.ok(paths.includes('entities.apartment.set'));
    assert.ok(paths.includes('entities.apartment.fields.id'));
    assert.ok(paths.includes('entities.apartment.fields.projectId'));
    assert.ok(paths.includes('entities.shop'));
  });

  it('converts wall-clock time of the server zone to instants and back, DST included', () => {
    assert.equal(wallClockToInstant('2026-11-20T12:00:00', 'Europe/Moscow'), Date.UTC(2026, 10, 20, 9));
    assert.equal(wallClockToInstant('0001-01-01T00:00:00', 'Europe/Moscow'), undefined);
    assert.equal(wallClockToInstant('2026-03-29T03:30:00', 'Europe/Berlin'), Date.UTC(2026, 2, 29, 1, 30));
    assert.equal(instantToWallClock(Date.UTC(2026, 6, 1, 10), 'Europe/Berlin'), '2026-07-01T12:00:00');
  });

  it('compiles filters to 1C syntax and splits or-lists under the byte limit', () => {
    const t = { property: 'Контрагент_Key', kind: 'ref' as const };
    const ids = Array.from({ length: 40 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    const c = compileCondition({ field: 'companyId', op: 'in', value: ids }, t, 'Europe/Moscow');
    assert.ok(c && 'anyOf' in c);
    const build = (g: readonly string[]) => `http://h/b/odata/standard.odata/X?$filter=${encodeURIComponent(g.join(' or '))}`;
    const groups = splitTerms(c.anyOf, build, 2000);
    assert.ok(groups.length > 1);
    assert.ok(groups.every((g) => urlBytes(build(g)) <= 2000));
    assert.equal(groups.flat().length, 40);
    assert.deepEqual(compileCondition({ field: 'name', op: 'contains', value: "O'Neil" }, { property: 'Description', kind: 'string' }, 'UTC'), {
      clause: "substringof('O''Neil', Description)",
    });
  });
});
