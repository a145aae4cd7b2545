import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { keyId } from '@app/licences';
import { readStatement, signStatement, StatementFields, statementSignatureValid } from './certificate-statement';

const fields: StatementFields = {
  code: '0123456789ABCDE5',
  learnerName: 'أمينة Odhiambo',
  courseTitle: 'Rules of origin',
  courseId: '6833839d-883d-4b77-98e3-000000000001',
  completedAt: '2026-12-01T10:00:00.000Z',
  issuedAt: '2026-12-01T10:00:01.000Z',
  scoreScaled: 0.85,
  issuer: { administration: 'Kenya Revenue Authority', country: 'KE', url: 'https://lms.kra.example' },
};

describe('certificate statements (CLC1, Ed25519)', () => {
  const key = generateKeyPairSync('ed25519').privateKey;
  const publicKey = createPublicKey(key);

  it('signs the fields with the key id, and reads them back', () => {
    const sut = signStatement(key, fields);
    expect(sut).toMatch(/^CLC1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const read = readStatement(sut)!;
    expect(read.payload).toEqual({ ...fields, kid: keyId(key) });
    expect(statementSignatureValid(publicKey, read)).toBe(true);
  });

  it('fails the signature when a field is changed or another key signed', () => {
    const [prefix, , signature] = signStatement(key, fields).split('.');
    const altered = Buffer.from(JSON.stringify({ ...fields, kid: keyId(key), scoreScaled: 1 })).toString('base64url');
    expect(statementSignatureValid(publicKey, readStatement(`${prefix}.${altered}.${signature}`)!)).toBe(false);
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(statementSignatureValid(publicKey, readStatement(signStatement(other, fields))!)).toBe(false);
  });

  it.each([
    '',
    'CLC1',
    'CLC2.e30.AAAA',
    'CLC1.e30.AAAA',
    'CLC1.!!!.AAAA',
    `CLC1.${Buffer.from('[]').toString('base64url')}.AAAA`,
    `CLC1.${Buffer.from('{"kid":1}').toString('base64url')}.AAAA`,
    'CLC1.a.b.c',
  ])('reads %p as no statement', (text) => {
    expect(readStatement(text)).toBeNull();
  });
});
