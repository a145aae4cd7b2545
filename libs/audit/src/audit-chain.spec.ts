import { canonicalDetails, chainHash, ChainedFields, GENESIS_HASH } from './audit-chain';

const entry: ChainedFields = {
  seq: 1,
  occurredAt: new Date('2026-12-05T03:00:00.123Z'),
  actorId: '6f1c1c1e-0000-4000-8000-000000000001',
  actorCountry: 'KE',
  action: 'user.suspend',
  targetType: 'user',
  targetId: '6f1c1c1e-0000-4000-8000-000000000002',
  targetCountry: 'KE',
  ip: '203.0.113.9',
  details: null,
};

describe('audit chain', () => {
  it('hashes the previous hash and the canonical entry, the same way every time', () => {
    const sut = chainHash(GENESIS_HASH, entry);
    expect(sut).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...entry })).toBe(sut);
  });

  it.each(Object.keys(entry) as Array<keyof ChainedFields>)('changes when %s changes', (field) => {
    const changed = {
      ...entry,
      [field]: field === 'seq' ? 2 : field === 'occurredAt' ? new Date(entry.occurredAt.getTime() + 1) : 'x',
    };
    expect(chainHash(GENESIS_HASH, changed)).not.toBe(chainHash(GENESIS_HASH, entry));
  });

  it('changes with the previous hash, so a removed entry breaks the next one', () => {
    expect(chainHash('f'.repeat(64), entry)).not.toBe(chainHash(GENESIS_HASH, entry));
  });

  it('stores details with sorted keys, and none as null', () => {
    expect(canonicalDetails({ to: 'published', from: 'draft' })).toBe('{"from":"draft","to":"published"}');
    expect(canonicalDetails({})).toBeNull();
    expect(canonicalDetails(undefined)).toBeNull();
  });
});
