// Matching typed commands against a command table the way most switch CLIs do:
// every keyword may be abbreviated to any unique prefix (`sh ver` for the two
// words it abbreviates); `<arg>` slots take any one word, `<rest>` takes the rest.

export type MatchResult<T> =
  | { kind: 'ok'; command: T; args: string[] }
  | { kind: 'invalid'; /** character offset of the offending word in the typed line */ at: number }
  | { kind: 'ambiguous' }
  | { kind: 'incomplete' };

export interface CommandSpec {
  words: string[];
}

export function matchCommand<T extends CommandSpec>(table: readonly T[], typed: string): MatchResult<T> {
  const tokens = tokenize(typed);
  let candidates = [...table];
  const args: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const { word, at } = tokens[i]!;
    const live = candidates.filter((c) => c.words.length > i || c.words[c.words.length - 1] === '<rest>');
    const atPos = (c: T) => c.words[Math.min(i, c.words.length - 1)] ?? '';
    // An argument slot accepts any word; keywords win when one matches.
    const keywordHits = live.filter((c) => isKeyword(atPos(c)) && atPos(c).startsWith(word.toLowerCase()));
    const exact = keywordHits.filter((c) => atPos(c) === word.toLowerCase());
    const distinct = new Set((exact.length > 0 ? exact : keywordHits).map(atPos));
    if (distinct.size > 1) return { kind: 'ambiguous' };
    if (distinct.size === 1) {
      candidates = exact.length > 0 ? exact : keywordHits;
      continue;
    }
    const slots = live.filter((c) => !isKeyword(atPos(c)));
    if (slots.length === 0) return { kind: 'invalid', at };
    if (slots.some((c) => atPos(c) === '<rest>' && c.words.length - 1 <= i)) {
      const rest = slots.filter((c) => atPos(c) === '<rest>');
      args.push(typed.slice(at).trim());
      return pick(rest, i + 1, args, true);
    }
    args.push(word);
    candidates = slots;
  }
  return pick(candidates, tokens.length, args, false);
}

function pick<T extends CommandSpec>(candidates: T[], used: number, args: string[], restTaken: boolean): MatchResult<T> {
  const complete = candidates.filter((c) => c.words.length === used || (restTaken && c.words[c.words.length - 1] === '<rest>'));
  if (complete.length === 0) return { kind: 'incomplete' };
  return { kind: 'ok', command: complete[0]!, args };
}

const isKeyword = (w: string) => !w.startsWith('<');

export function tokenize(line: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) out.push({ word: m[0], at: m.index });
  return out;
}
