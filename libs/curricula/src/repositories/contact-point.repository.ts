import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ContactPoint } from '../entities/contact-point.entity';

@Injectable()
export class ContactPointRepository {
  constructor(@InjectRepository(ContactPoint) private readonly contactPoints: Repository<ContactPoint>) {}

  list(country?: string): Promise<ContactPoint[]> {
    return this.contactPoints.find({
      where: country ? { country } : {},
      order: { country: 'ASC', name: 'ASC', id: 'ASC' },
    });
  }

  findById(id: string): Promise<ContactPoint | null> {
    return this.contactPoints.findOneBy({ id });
  }

  async insert(contactPoint: ContactPoint): Promise<void> {
    await this.contactPoints.insert(contactPoint);
  }

  async update(id: string, changes: Partial<ContactPoint>): Promise<void> {
    await this.contactPoints.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.contactPoints.delete({ id });
  }
}
