import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as es from '@zxcvbn-ts/language-es-es';
import * as fr from '@zxcvbn-ts/language-fr';
import { DomainException, ErrorCode } from '@app/common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Characters zxcvbn judges (its cost grows fast with length). */
export const ZXCVBN_MAX_LENGTH = 64;

/** zxcvbn's score (0–4) a password needs: 3 is "safely unguessable: moderate protection from offline attacks". */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Why a password was refused, sent as the error's only `details` entry (PASSWORD_TOO_WEAK either
 * way): clients show a sentence of their own for each (docs/security.md).
 */
export enum PasswordProblem {
  Length = 'password.length',
  Common = 'password.common',
  Personal = 'password.personal',
  Guessable = 'password.guessable',
}

/**
 * Words of the platform itself: a password built from them is guessed early by anyone who knows
 * where it is used, so zxcvbn counts them like the person's own name.
 */
export const PLATFORM_WORDS = [
  'clearance',
  'customs',
  'customs officer',
  'douane',
  'douanes',
  'aduana',
  'aduanas',
  'wco',
  'omd',
  'world customs organization',
  'clikc',
  'border',
  'tariff',
  'learning',
  'elearning',
  'password',
  'motdepasse',
  'contraseña',
];

let commonSet: Set<string> | undefined;
let estimator: ZxcvbnFactory | undefined;

/** ~49,000 most common passwords (the maintained zxcvbn-ts list), lower-cased, loaded once. */
function commonPasswords(): Set<string> {
  commonSet ??= new Set(common.dictionary['passwords-common'].map((password) => password.toLowerCase()));
  return commonSet;
}

/** zxcvbn-ts with the common, English, French and Spanish dictionaries: built once, on first use. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary, ...es.dictionary },
    graphs: common.adjacencyGraphs,
    // Bounded work per check, which runs on the event loop: measured on the 2-core machine under
    // load, 128 characters with the default l33t table took up to ~19 s ("p@$$w0rd" repeated);
    // with these settings the worst case seen was ~0.5 s, an ordinary password ~0.1 s. Levenshtein
    // matching costs ~5× per check for little gain over the list checked before; characters past
    // the 64th are not judged by zxcvbn (the list and repetition rules still see them all).
    useLevenshteinDistance: false,
    l33tMaxSubstitutions: 4,
    maxLength: ZXCVBN_MAX_LENGTH,
  });
  return estimator;
}

function isRepetition(password: string): boolean {
  // "passwordpassword", "abcabcabcabc", "aaaaaaaaaaaa": a short unit repeated
  return /^(.{1,8}?)\1+$/u.test(password);
}

/** PASSWORD_TOO_WEAK with the reason as its one detail. */
function refuse(problem: PasswordProblem, message: string): DomainException {
  return Object.assign(DomainException.badRequest(message, ErrorCode.PasswordTooWeak), { details: [problem] });
}

/** The words of a person that a password must not lean on: the email, its parts, the name's parts. */
function personalWords(context: { email?: string; displayName?: string }): string[] {
  const email = context.email?.toLowerCase();
  const local = email?.split('@')[0];
  const name = context.displayName?.toLowerCase();
  const compact = (value: string | undefined) => value?.replace(/[\s._+-]+/g, '');
  const words = [
    email,
    local,
    compact(local),
    name,
    compact(name),
    ...(local?.split(/[._+-]+/) ?? []),
    ...(name?.split(/\s+/) ?? []),
  ];
  return [...new Set(words.filter((value): value is string => Boolean(value && value.length >= 3)))];
}

/**
 * NIST SP 800-63B: 12–128 characters counted as people count them, no composition rules, no
 * truncation; refused when common, a repetition, the person's own email or name, or when zxcvbn
 * (with the person's words and the platform's as known inputs) scores it below 3.
 */
export function assertPasswordAcceptable(
  password: string,
  context: { email?: string; displayName?: string } = {},
): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw refuse(
      PasswordProblem.Length,
      `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
    );
  }
  const lower = password.toLowerCase();
  const compact = lower.replace(/[\s._-]+/g, '');
  if (commonPasswords().has(lower) || commonPasswords().has(compact) || isRepetition(lower)) {
    throw refuse(PasswordProblem.Common, 'This password is too common: choose a longer phrase of your own');
  }
  const personal = personalWords(context);
  const compactPersonal = personal.filter((value) => value.length >= 4).map((value) => value.replace(/[\s._-]+/g, ''));
  if (
    compactPersonal.some((value) => compact === value || (compact.includes(value) && compact.length - value.length < 4))
  ) {
    throw refuse(PasswordProblem.Personal, 'This password is too close to your name or email address');
  }
  const result = zxcvbn().check(password, [...personal, ...PLATFORM_WORDS]);
  if (result.score < PASSWORD_MIN_SCORE) {
    throw refuse(
      PasswordProblem.Guessable,
      'This password is too easy to guess: choose a longer phrase of your own, with uncommon words',
    );
  }
}
