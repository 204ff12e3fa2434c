/**
 * The lower-case key CI service names are stored, grouped and matched by.
 * @internal
 */
export function serviceKeyOf(service: string): string {
  return service.trim().toLocaleLowerCase('en-US');
}
