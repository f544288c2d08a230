/** Plausible deals and activities for the cache bench, deterministic by seed. */
import type { Activity, ActivityKind } from '../../packages/core/src/model/activities.js';
import type { Deal, StageSemantics } from '../../packages/core/src/model/deals.js';
import { mulberry32 as rng } from '../../packages/adapter-mock/src/generator/random.js';


const NOW = Date.UTC(2025, 10, 1);
const DAY = 86_400_000;
const WORDS = ['Поставка', 'ОСАГО', 'КАСКО', 'Пролонгация', 'Ремонт', 'Лицензия', 'Обучение', 'Аренда', 'Монтаж', 'Консультация'];
const COMPANIES = ['Ромашка', 'Вектор', 'СеверСтрой', 'Альфа-Трейд', 'ТехноПарк', 'Гарант', 'Меридиан', 'Орион'];
const PHRASES = [
  'Клиент просил перезвонить после обеда, обсудить условия продления полиса.',
  'Отправили коммерческое предложение, ждём ответа от бухгалтерии.',
  'Встреча в офисе, договорились о пилоте на 3 месяца.',
  'Не дозвонились, оставили сообщение в WhatsApp.',
];

export function makeDeals(n: number, seed = 1): Deal[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const stages: [string, string, StageSemantics][] = [];
  for (let f = 0; f < 4; f++) {
    const prefix = f === 0 ? '' : `C${f}:`;
    for (const s of ['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING', 'FINAL_INVOICE']) stages.push([String(f), prefix + s, 'process']);
    stages.push([String(f), `${prefix}WON`, 'success'], [String(f), `${prefix}LOSE`, 'failure']);
  }
  const out: Deal[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const [funnelId, stageId, stageSemantics] = pick(stages);
    const createdAt = NOW - Math.floor(r() * 1500 * DAY);
    const closed = stageSemantics !== 'process';
    const products = Array.from({ length: Math.floor(r() * 3) }, () => {
      const price = Math.round(r() * 100_000) / 100;
      const quantity = 1 + Math.floor(r() * 5);
      return { productId: String(1 + Math.floor(r() * 300)), productName: pick(WORDS), price, quantity, sum: price * quantity };
    });
    const insurer = r() < 0.5;
    const deal: Deal = {
      id: String(100_000 + i),
      title: `${pick(WORDS)} для ООО «${pick(COMPANIES)}» №${i}`,
      funnelId,
      stageId,
      stageSemantics,
      amount: Math.round(r() * 5_000_000) / 100,
      currency: r() < 0.95 ? 'RUB' : 'USD',
      ...(r() < 0.6 ? { companyId: String(1 + Math.floor(r() * 20_000)) } : {}),
      contactIds: Array.from({ length: Math.floor(r() * 3) }, () => String(1 + Math.floor(r() * 40_000))),
      responsibleId: String(1 + Math.floor(r() * 200)),
      createdById: String(1 + Math.floor(r() * 200)),
      createdAt,
      modifiedAt: createdAt + Math.floor(r() * 100 * DAY),
      ...(closed ? { closedAt: createdAt + Math.floor(r() * 60 * DAY) } : {}),
      ...(r() < 0.3 ? { expectedCloseAt: createdAt + Math.floor(r() * 90 * DAY) } : {}),
      sourceId: pick(['CALL', 'WEB', 'EMAIL', 'PARTNER', 'ADVERTISING']),
      products,
      fields: insurer
        ? {
            UF_CRM_PERIOD: `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}`,
            UF_CRM_BRANCH: pick(['Москва', 'Казань', 'Самара', 'Пермь']),
            UF_CRM_CHANNEL: pick(['agent', 'office', 'online']),
            UF_CRM_PRODUCT: pick(['ОСАГО', 'КАСКО', 'ИФЛ', 'ДМС']),
            UF_CRM_REG_TYPE: pick(['prolongation', 'new']),
          }
        : {},
      url: `/crm/deal/details/${100_000 + i}/`,
    };
    out[i] = deal;
  }
  return out;
}

export function makeActivities(n: number, seed = 2): Activity[] {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const kinds: ActivityKind[] = ['call', 'call', 'call', 'email', 'messenger', 'open-line', 'meeting', 'task', 'todo', 'comment'];
  const out: Activity[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = pick(kinds);
    const createdAt = NOW - Math.floor(r() * 1500 * DAY);
    const completed = r() < 0.8;
    const planned = kind === 'task' || kind === 'todo' || kind === 'meeting';
    const a: Activity = {
      id: String(500_000 + i),
      kind,
      ...(kind === 'call' || kind === 'email' ? { direction: r() < 0.5 ? 'incoming' : 'outgoing' } : {}),
      subject: kind === 'call' ? 'Звонок' : `${pick(WORDS)}: ${pick(COMPANIES)}`,
      ...(r() < 0.3 ? { description: pick(PHRASES) } : {}),
      ...(kind === 'call' ? { durationSec: Math.floor(r() * 900) } : {}),
      ...(kind === 'messenger' || kind === 'open-line' ? { channel: pick(['Telegram', 'WhatsApp', 'Чат на сайте']) } : {}),
      createdAt,
      startAt: createdAt + Math.floor(r() * DAY),
      ...(planned ? { deadline: createdAt + Math.floor(r() * 14 * DAY) } : {}),
      completed,
      ...(completed ? { completedAt: createdAt + Math.floor(r() * 3 * DAY), completedById: String(1 + Math.floor(r() * 200)) } : {}),
      responsibleId: String(1 + Math.floor(r() * 200)),
      authorId: String(1 + Math.floor(r() * 200)),
      bindings: [
        r() < 0.7 ? { kind: 'contact', id: String(1 + Math.floor(r() * 40_000)) } : { kind: 'company', id: String(1 + Math.floor(r() * 20_000)) },
        ...(r() < 0.5 ? [{ kind: 'deal' as const, id: String(100_000 + Math.floor(r() * 50_000)) }] : []),
      ],
    };
    out[i] = a;
  }
  return out;
}

