import { ErrorCode } from '@app/common';
import { AppConfig } from '@app/config';
import { Licence } from '../entities/licence.entity';
import { LicenceService, NewLicence } from './licence.service';

const COURSE = '7d9f0c4e-2b8a-4f3e-8c1d-5e6f7a8b9c0d';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const terms: NewLicence = {
  licenseeCountry: 'KE',
  licenseeAdministration: 'Kenya Revenue Authority',
  courseIds: [COURSE],
  languages: ['en'],
  validFrom: day(-10),
  validUntil: day(300),
  seatCap: 50,
  translationAllowed: false,
};

const stored = (changes: Partial<Licence> = {}): Licence =>
  Object.assign(new Licence(), { id: 'licence-1', revision: 1, ...terms, createdBy: 'admin-1', ...changes });

describe(LicenceService.name, () => {
  const manager = { name: 'the transaction' };
  const licences = {
    inTransaction: jest.fn((work: (m: unknown) => Promise<unknown>) => work(manager)),
    insert: jest.fn(),
    findById: jest.fn(),
    findForUpdate: jest.fn(),
    updateTerms: jest.fn(),
    recordChange: jest.fn(),
    changesOf: jest.fn(),
    currentChanges: jest.fn(),
    list: jest.fn(),
  };
  const catalogue = { courseTitles: jest.fn() };
  let config: Partial<AppConfig>;
  let sut: LicenceService;

  beforeEach(() => {
    jest.clearAllMocks();
    catalogue.courseTitles.mockResolvedValue([{ id: COURSE, titles: { en: 'Valuation' } }]);
    licences.currentChanges.mockResolvedValue([]);
    config = {};
    sut = new LicenceService(
      licences as never,
      catalogue as never,
      {} as never,
      config as AppConfig,
      { record: jest.fn() } as never,
    );
  });

  describe('create', () => {
    it('grants revision 1 and records the change in the same transaction', async () => {
      licences.findById.mockImplementation((id: string) => Promise.resolve(stored({ id })));

      const licence = await sut.create('admin-1', terms);

      expect(licences.insert).toHaveBeenCalledWith(
        manager,
        expect.objectContaining({ revision: 1, courseIds: [COURSE], createdBy: 'admin-1', updatedBy: null }),
      );
      expect(licences.recordChange).toHaveBeenCalledWith(
        manager,
        expect.objectContaining({ licenceId: licence.id, revision: 1, kind: 'created', changedBy: 'admin-1' }),
      );
    });

    it('refuses a last day before the first, and courses the catalogue does not know, writing nothing', async () => {
      await expect(sut.create('admin-1', { ...terms, validUntil: day(-20) })).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
      });
      catalogue.courseTitles.mockResolvedValue([]);
      await expect(sut.create('admin-1', terms)).rejects.toMatchObject({ code: ErrorCode.CourseNotFound });
      expect(licences.inTransaction).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it('makes the next revision with the changed terms, under the row lock', async () => {
      licences.findForUpdate.mockResolvedValue(stored());
      licences.findById.mockResolvedValue(stored({ revision: 2, seatCap: 80 }));

      const view = await sut.update('admin-2', 'licence-1', { revision: 1, seatCap: 80 });

      expect(licences.updateTerms).toHaveBeenCalledWith(
        manager,
        'licence-1',
        expect.objectContaining({ seatCap: 80, courseIds: [COURSE] }),
        2,
        'admin-2',
      );
      expect(licences.recordChange).toHaveBeenCalledWith(
        manager,
        expect.objectContaining({ revision: 2, kind: 'edited', changedBy: 'admin-2' }),
      );
      expect(view.courses).toEqual([{ id: COURSE, titles: { en: 'Valuation' } }]);
    });

    it('refuses an edit made on an older revision (409 LICENCE_CHANGED)', async () => {
      licences.findForUpdate.mockResolvedValue(stored({ revision: 3 }));

      await expect(sut.update('admin-2', 'licence-1', { revision: 2, seatCap: 80 })).rejects.toMatchObject({
        code: ErrorCode.LicenceChanged,
      });
      expect(licences.updateTerms).not.toHaveBeenCalled();
    });

    it('makes no revision for an edit that changes nothing', async () => {
      licences.findForUpdate.mockResolvedValue(stored());
      licences.findById.mockResolvedValue(stored());

      await sut.update('admin-2', 'licence-1', { seatCap: terms.seatCap });

      expect(licences.updateTerms).not.toHaveBeenCalled();
      expect(licences.recordChange).not.toHaveBeenCalled();
    });

    it('answers 404 LICENCE_NOT_FOUND for an unknown licence', async () => {
      licences.findForUpdate.mockResolvedValue(null);

      await expect(sut.update('admin-2', 'nope', { seatCap: 1 })).rejects.toMatchObject({
        code: ErrorCode.LicenceNotFound,
      });
    });
  });

  describe('end', () => {
    it('makes yesterday the last day (and the first, for a licence not begun)', async () => {
      licences.findForUpdate.mockResolvedValue(stored({ validFrom: day(5) }));
      licences.findById.mockResolvedValue(stored({ revision: 2 }));

      await sut.end('admin-1', 'licence-1');

      expect(licences.updateTerms).toHaveBeenCalledWith(
        manager,
        'licence-1',
        expect.objectContaining({ validFrom: day(-1), validUntil: day(-1) }),
        2,
        'admin-1',
      );
      expect(licences.recordChange).toHaveBeenCalledWith(manager, expect.objectContaining({ kind: 'ended' }));
    });

    it('refuses to end an ended licence (409 LICENCE_ENDED)', async () => {
      licences.findForUpdate.mockResolvedValue(stored({ validUntil: day(-3) }));

      await expect(sut.end('admin-1', 'licence-1')).rejects.toMatchObject({ code: ErrorCode.LicenceEnded });
    });
  });

  it('issues no bundle on a server without a signing key (409 LICENSING_NOT_CONFIGURED)', async () => {
    await expect(sut.buildBundle('licence-1')).rejects.toMatchObject({ code: ErrorCode.LicensingNotConfigured });
    expect(licences.findById).not.toHaveBeenCalled();
  });
});
