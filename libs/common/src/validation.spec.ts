import 'reflect-metadata';
import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DomainException } from './errors/domain.exception';
import { createValidationPipe, Nullable } from './validation';

class Inner {
  @IsOptional()
  @IsString()
  note?: string;
}

class Patch {
  @IsOptional()
  @IsString()
  title?: string;

  @IsOptional()
  @Nullable()
  @IsInt()
  cap?: number | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => Inner)
  items?: Inner[];
}

describe('the validation pipe and null', () => {
  const sut = createValidationPipe();
  const metadata: ArgumentMetadata = { type: 'body', metatype: Patch };
  const problems = async (body: unknown): Promise<string[] | undefined> => {
    try {
      await sut.transform(body, metadata);
      return undefined;
    } catch (error) {
      return (error as DomainException).details;
    }
  };

  it('refuses null for an optional property (it would reach a NOT NULL column)', async () => {
    expect(await problems({ title: null })).toEqual(['title must not be null']);
    expect(await problems({ items: [{ note: 'a' }, { note: null }] })).toEqual(['items.1.note must not be null']);
  });

  it('accepts null where the property is nullable, and absent properties', async () => {
    expect(await problems({ cap: null })).toBeUndefined();
    expect(await problems({})).toBeUndefined();
    expect(await problems({ title: 'x', cap: 3 })).toBeUndefined();
  });
});
