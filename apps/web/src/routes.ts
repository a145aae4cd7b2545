/** Pages only signed-in users can see: leaving them on sign-out goes to the home page. */
export const SIGNED_IN_PATHS = [
  '/coordinator',
  '/admin',
  '/profile',
  '/courses',
  '/my-learning',
  '/groups',
  '/threads',
  '/curricula',
  '/contact-points',
  '/reports',
  '/notifications',
];

export function isSignedInPath(pathname: string): boolean {
  return SIGNED_IN_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}
