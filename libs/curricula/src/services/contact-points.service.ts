import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CountriesService } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import { ContactPointDto, ContactPointView } from '../dto/curriculum.dto';
import { ContactPoint } from '../entities/contact-point.entity';
import { ContactPointRepository } from '../repositories/contact-point.repository';
import { CurriculaCaller } from './curricula.service';

/** The directory of national contact points: everyone reads; a country's coordinators and the Secretariat maintain it. */
@Injectable()
export class ContactPointsService {
  constructor(
    private readonly contactPoints: ContactPointRepository,
    private readonly countries: CountriesService,
  ) {}

  async list(caller: CurriculaCaller, country?: string): Promise<ContactPointView[]> {
    return (await this.contactPoints.list(country)).map((cp) => this.view(caller, cp));
  }

  async create(caller: CurriculaCaller, body: ContactPointDto): Promise<ContactPointView> {
    this.requireMaintainer(caller, body.country);
    const contactPoint = Object.assign(new ContactPoint(), {
      id: randomUUID(),
      country: body.country,
      name: body.name,
      roleTitle: body.roleTitle ?? '',
      organisation: body.organisation ?? '',
      email: body.email.toLowerCase(),
      phone: body.phone ?? '',
      updatedBy: caller.id,
    });
    await this.contactPoints.insert(contactPoint);
    return this.view(caller, (await this.contactPoints.findById(contactPoint.id))!);
  }

  async update(caller: CurriculaCaller, id: string, body: ContactPointDto): Promise<ContactPointView> {
    const existing = await this.find(id);
    this.requireMaintainer(caller, existing.country);
    this.requireMaintainer(caller, body.country);
    await this.contactPoints.update(id, {
      country: body.country,
      name: body.name,
      roleTitle: body.roleTitle ?? '',
      organisation: body.organisation ?? '',
      email: body.email.toLowerCase(),
      phone: body.phone ?? '',
      updatedBy: caller.id,
    });
    return this.view(caller, (await this.contactPoints.findById(id))!);
  }

  async remove(caller: CurriculaCaller, id: string): Promise<void> {
    const existing = await this.find(id);
    this.requireMaintainer(caller, existing.country);
    await this.contactPoints.delete(id);
  }

  private async find(id: string): Promise<ContactPoint> {
    const found = await this.contactPoints.findById(id);
    if (!found) {
      throw DomainException.notFound('Contact point', ErrorCode.ContactPointNotFound);
    }
    return found;
  }

  private mayMaintain(caller: CurriculaCaller, country: string): boolean {
    return caller.isAdmin || caller.coordinatorCountries.includes(country);
  }

  private requireMaintainer(caller: CurriculaCaller, country: string): void {
    if (!this.countries.isValid(country)) {
      throw DomainException.badRequest(`Unknown country: ${String(country)}`, ErrorCode.InvalidCountry);
    }
    if (!this.mayMaintain(caller, country)) {
      throw DomainException.forbidden(
        "Only the country's coordinators and the Secretariat maintain its contact points",
      );
    }
  }

  private view(caller: CurriculaCaller, cp: ContactPoint): ContactPointView {
    return {
      id: cp.id,
      country: cp.country,
      name: cp.name,
      roleTitle: cp.roleTitle,
      organisation: cp.organisation,
      email: cp.email,
      phone: cp.phone,
      canEdit: this.mayMaintain(caller, cp.country),
      updatedAt: cp.updatedAt.toISOString(),
    };
  }
}
