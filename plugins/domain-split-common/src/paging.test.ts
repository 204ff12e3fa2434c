import { pageOf } from './paging';

describe('pageOf', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];

  it('cuts limit items from offset and counts them all', () => {
    expect(pageOf(items, { offset: 1, limit: 2 })).toEqual({
      items: ['b', 'c'],
      totalItems: 5,
      offset: 1,
      limit: 2,
    });
  });

  it('answers a short last page and an empty page past the end', () => {
    expect(pageOf(items, { offset: 4, limit: 3 }).items).toEqual(['e']);
    expect(pageOf(items, { offset: 9, limit: 3 })).toEqual({
      items: [],
      totalItems: 5,
      offset: 9,
      limit: 3,
    });
  });

  it('gives only the count for limit 0', () => {
    expect(pageOf(items, { offset: 0, limit: 0 })).toEqual({
      items: [],
      totalItems: 5,
      offset: 0,
      limit: 0,
    });
  });
});
