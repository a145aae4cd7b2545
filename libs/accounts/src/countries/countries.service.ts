import { Injectable } from '@nestjs/common';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import es from 'i18n-iso-countries/langs/es.json';
import fr from 'i18n-iso-countries/langs/fr.json';
import { Language } from '../entities/user.entity';

countries.registerLocale(en);
countries.registerLocale(fr);
countries.registerLocale(es);

export interface Country {
  code: string;
  name: string;
}

/** ISO 3166-1 alpha-2 countries with names in the UI languages, from the maintained i18n-iso-countries data. */
@Injectable()
export class CountriesService {
  private readonly cache = new Map<Language, Country[]>();

  isValid(code: unknown): code is string {
    return typeof code === 'string' && /^[A-Z]{2}$/.test(code) && countries.isValid(code);
  }

  name(code: string, language: Language): string {
    return countries.getName(code, language) ?? code;
  }

  /** Every country, sorted by its name in `language` as people of that language sort. */
  list(language: Language): Country[] {
    let list = this.cache.get(language);
    if (!list) {
      const collator = new Intl.Collator(language);
      list = Object.keys(countries.getAlpha2Codes())
        .map((code) => ({ code, name: this.name(code, language) }))
        .sort((a, b) => collator.compare(a.name, b.name));
      this.cache.set(language, list);
    }
    return list;
  }
}
