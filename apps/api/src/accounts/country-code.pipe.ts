import { Injectable, PipeTransform } from '@nestjs/common';
import { CountriesService } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';

/** A path segment that must be an ISO 3166-1 alpha-2 code; answers 400 INVALID_COUNTRY otherwise. */
@Injectable()
export class CountryCodePipe implements PipeTransform<string, string> {
  constructor(private readonly countries: CountriesService) {}

  transform(value: string): string {
    const code = value.toUpperCase();
    if (!this.countries.isValid(code)) {
      throw DomainException.badRequest(`Unknown country code: ${value}`, ErrorCode.InvalidCountry);
    }
    return code;
  }
}
