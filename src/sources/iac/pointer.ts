/** JSON pointers (RFC 6901): `/Resources/Web~1Api/Properties`. */

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function childPointer(pointer: string, ...segments: (string | number)[]): string {
  return segments.reduce<string>((path, segment) => `${path}/${escapeSegment(String(segment))}`, pointer);
}
