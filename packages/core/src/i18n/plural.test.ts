import { expect } from '@open-wc/testing';
import { plural } from './plural.js';
import { coreRu, coreEn } from './index.js';

describe('plural', () => {
  const forms = { one: '{n} сделка', few: '{n} сделки', many: '{n} сделок', other: '{n} сделки' };

  it('picks the Russian form for 1, 2, 5, 11, 21, 22', () => {
    expect(plural('ru', 1, forms)).to.equal('1 сделка');
    expect(plural('ru', 2, forms)).to.equal('2 сделки');
    expect(plural('ru', 5, forms)).to.equal('5 сделок');
    expect(plural('ru', 11, forms)).to.equal('11 сделок');
    expect(plural('ru', 21, forms)).to.equal('21 сделка');
    expect(plural('ru', 22, forms)).to.equal('22 сделки');
  });

  it('uses the dictionaries\' plural terms', () => {
    expect(coreRu.records(1)).to.equal('1 запись');
    expect(coreRu.records(3)).to.equal('3 записи');
    expect(coreRu.records(11)).to.equal('11 записей');
    expect(coreRu.records(21)).to.equal('21 запись');
    expect(coreEn.records(1)).to.equal('1 record');
    expect(coreEn.records(21)).to.equal('21 records');
  });
});
