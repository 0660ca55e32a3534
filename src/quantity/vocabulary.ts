/**
 * The words around a figure, typed: qualifiers (近, 以上, about, over),
 * directions (增长 / growth of), periods (前三季度) and the labels of tables
 * and figures. The parsers, the formatter, the checker and the workbook all
 * read them from vocabulary.json, the file that also holds the unit
 * catalogue (units.ts), so that a word is added or reworded in one place.
 */
// Imported, not read from disk, so the compiled dist/ carries the file with it.
import file from './vocabulary.json' with { type: 'json' };
import type { Direction, Qualifier } from '../model.js';

/** What a qualifier says about the true figure: qualifiers of one sense say the same thing (以上 / 超过 / 余 all put a floor under it). */
export type Sense = 'floor' | 'ceiling' | 'about' | 'nearly';

export interface QualifierWords {
  sense: Sense;
  /** How Chinese writes it: before the figure, after it, or between scale and unit (16.3万余件). */
  zh: { prefix?: string; suffix?: string; approx?: string };
  /** The workbook's label of the qualifier. */
  zhLabel: string;
  /** How English writes it before the figure: `over 8%`. */
  en: string;
  enLabel: string;
  /** English phrases read as this qualifier, up to three words. */
  enRead: string[];
}

export interface DirectionWords {
  zh: string;
  /** Written before an English figure: `growth of 8%`. */
  en: string;
  enLabel: string;
  enRead: string[];
}

/** A Chinese word read around a figure and the qualifier it gives. */
export interface ZhReadWord {
  word: string;
  qualifier: Qualifier;
  /** Read in running text only, never as a whole cell (控制在). */
  sentenceOnly?: boolean;
}

interface VocabularyFile {
  qualifiers: Record<Qualifier, QualifierWords>;
  zhRead: {
    prefixes: ZhReadWord[];
    suffixes: ZhReadWord[];
    approximations: ZhReadWord[];
    /** Typed right before or after a `:num` reference (增长:num[…], :num[…]以上), checked against its cell. */
    aroundReference: { directionsBefore: { word: string; direction: Direction }[]; qualifiersAfter: ZhReadWord[] };
  };
  directions: Record<Direction, DirectionWords>;
  periods: { zh: string; en: string }[];
  labels: Record<'table' | 'figure' | 'continued', { zh: string; en: string }>;
  unitLabels: Record<string, string>;
}

const data = file as unknown as VocabularyFile;

export const QUALIFIERS: Readonly<Record<Qualifier, QualifierWords>> = data.qualifiers;
export const DIRECTIONS: Readonly<Record<Direction, DirectionWords>> = data.directions;
export const ZH_READ = data.zhRead;
export const LABEL_WORDS = data.labels;

/** The English of a period written with a figure: 前三季度 → first three quarters. */
export const PERIOD_EN: Readonly<Record<string, string>> = Object.fromEntries(data.periods.map((p) => [p.zh, p.en]));

/** The workbook's English of a unit that needs more than its noun: 亿元 → RMB 100 million. */
export const UNIT_LABELS: Readonly<Record<string, string>> = data.unitLabels;

/** Every qualifier's sense, by qualifier. */
export function senseOf(q: Qualifier): Sense {
  return QUALIFIERS[q].sense;
}

/** Regex alternation of words, in the file's order, escaped. */
export function alternation(words: string[]): string {
  return words.map((w) => w.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}
