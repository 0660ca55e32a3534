/**
 * The typed intermediate model of an edition. The loader builds it from the
 * edition folder; every later stage (checks, HTML, PDF, XLSX) reads only this,
 * never raw YAML or raw Markdown text.
 */
import type { Root } from 'mdast';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A text in both languages. */
export interface Bi<T = string> {
  zh: T;
  en: T;
}

/** A place in an edition file, 1-based, with the path relative to the working directory. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** Direction word written before a figure: 增长 / 下降. */
export type Direction = 'up' | 'down';

/** Qualifier words that change what a figure means (以上, 左右, 以内 …). */
export type Qualifier = 'over' | 'about' | 'within' | 'nearly' | 'more-than' | 'at-least' | 'at-most';

/**
 * One figure, kept exactly as written: `digits` is the number as printed
 * ("80.70" keeps its two decimals), `unit` the canonical Chinese unit
 * including its scale ("亿元", "万人次", "%", "个百分点", or "" for a bare number).
 */
export interface Quantity {
  digits: string;
  unit: string;
  direction?: Direction;
  qualifier?: Qualifier;
  /** A period written with the figure, e.g. 前三季度. */
  period?: string;
}

/**
 * How the English rounds an amount the Chinese states more precisely
 * (edition.yaml `style.en.precision`): 638.89亿元 → RMB 63.89 billion,
 * 326.29万人次 → 3.26 million person-times, 22.27万人 → 223,000. Amounts of
 * money round in millions and billions only, counts and measures also when
 * written in full; and only when the Chinese gives two decimals or more.
 */
export interface Precision {
  /** Decimals of amounts of money: RMB 63.89 billion. */
  decimals: number;
  /** Significant figures of counts and measures (in millions, never more than `decimals` decimals): 3.26 million, 223,000. */
  significant: number;
}

/** Per-edition typesetting choices of each language (edition.yaml `style`). */
/** How tables and figures are numbered: 表1 (arabic), 表一 (chinese), Table I (roman). */
export type NumberStyle = 'arabic' | 'chinese' | 'roman';

export interface Style {
  /** The numbering of tables and figures in each language (edition.yaml `numbering`); arabic by default. */
  numbering: Bi<NumberStyle>;
  /** Whether `**791.7**` keeps its bold in that language's outputs (Chinese: yes; English: no). */
  boldFigures: Bi<boolean>;
  /** The English rounding; undefined: every digit of the Chinese (`precision: exact`). */
  precision?: Precision;
}

/** The cover lines of the workbook whose heading an edition may reword. */
export type CoverLabel = 'edition' | 'issuer' | 'date' | 'description' | 'contact';

/** Edition metadata from edition.yaml. */
export interface Meta {
  reviewYear: number;
  planYear: number;
  /** ISO date of the session, the source of every output date. */
  date: string;
  /** The session's offset from UTC, `+08:00` unless edition.yaml sets `timezone`: the PDF dates are midnight there. */
  timezone: string;
  title: Bi;
  titleLines: Bi<string[]>;
  /** The session line of the cover, when the report prints one. */
  session?: Bi;
  issuer: Bi;
  /** Who answers questions about the figures; telephone and e-mail when the edition gives them. */
  contact?: Bi & { telephone?: string; email?: string };
  /** The headings of the workbook's cover lines that edition.yaml `labels` rewords (版本 / Edition …). */
  labels: Partial<Record<CoverLabel, Bi>>;
  /** The edition in words (2022年规划执行情况、2023年计划草案), as the government words it. */
  editionLabel?: Bi;
  description?: Bi;
  keywords: Bi<string[]>;
  chapterOrder: string[];
  style: Style;
  /** Declared year each chapter speaks of (edition.yaml `chapter_years`), by chapter id. */
  chapterYears: Record<string, number>;
  /** True while `date:` is the placeholder `baogao new` writes (`2024-××-××`); `date` is then 1 January, for file dates only. */
  datePlaceholder?: boolean;
  /** Carried-over fields an editor confirmed as they stand (`confirmed: [session, description]`). */
  confirmed: string[];
  /** Per-rule severity set in edition.yaml (`severity: { glossary: error }`), with where it is written. */
  severity: { rule: string; severity: 'error' | 'warning' | 'info'; place: Place }[];
  /** Where each field is written in edition.yaml: `date`, `session.zh` … */
  places: Record<string, Place>;
  place: Place;
  /** `require_citations: true`: a table or figure no text cites is noted (off by default: reports rarely say 见表1). */
  requireCitations: boolean;
}

export type ColumnKind = 'label' | 'number' | 'value' | 'list';

/**
 * What a column's figures are, as the table declares it: a plan `target`, a
 * `result` against it, or a result of a kind (`level`, `growth`, `share`,
 * `count`); `text` columns state no figure the prose could cite.
 */
export type Measure = 'target' | 'result' | 'level' | 'growth' | 'share' | 'count' | 'text';

/** `execution`: the year under review, targets and results (表1); `plan`: the coming year's targets (表7). */
export type TableRole = 'execution' | 'plan';

export interface Column {
  id: string;
  kind: ColumnKind;
  header: Bi;
  /** Unit of every cell of a `number` column. */
  unit?: string;
  measure?: Measure;
  /** The year this column speaks of, when it differs from the table's. */
  period?: number;
  place: Place;
}

/** A table cell. `quantity` is its primary figure, when it has one. */
export interface Cell {
  column: string;
  text: Bi;
  quantity?: Quantity;
  /** Items of a list cell. */
  items?: ListItem[];
  /** Id of a note attached to this cell (rendered with the note's marker). */
  note?: string;
  /**
   * Written `—` (or `[z]`): no figure applies here, e.g. no plan was set. It
   * prints as — and is the code [z] in the workbook; unlike `[x]` (not yet
   * available) it is no TODO.
   */
  notApplicable?: boolean;
  place: Place;
}

export interface ListItem {
  text: Bi;
  place: Place;
}

export interface Row {
  id: string;
  cells: Record<string, Cell>;
  /** Other names by which the prose refers to the row (declared `aliases`). */
  aliases?: Bi<string[]>;
  place: Place;
}

export interface Note {
  id: string;
  marker?: string;
  text: Bi;
  place: Place;
}

export type Relation =
  | { kind: 'sum'; total: string; parts: string[]; columns: string[]; place: Place }
  | { kind: 'share'; column: string; part: string; base: Quantity; place: Place }
  /** Row by row, column = numerator ÷ denominator × 100 (percent of plan: result ÷ plan). */
  | { kind: 'ratio'; column: string; numerator: string; denominator: string; place: Place }
  /**
   * Row by row, column = minuend − subtrahend (a gap in percentage points).
   * Without a column it only tells the prose's gaps (高于全市平均4.3个百分点)
   * which two cells they are the difference of.
   */
  | { kind: 'difference'; column?: string; minuend: string; subtrahend: string; place: Place }
  /**
   * A structure the prose states as a ratio (`三次产业结构…8.3:71.1:20.6`): after
   * `term`, each part is the share of its row, taken from `column` (a share
   * column), or computed as row ÷ `total` row × 100.
   */
  | { kind: 'structure'; term: string; column: string; parts: string[]; total?: string; place: Place };

export interface Table {
  id: string;
  file: string;
  /** 1-based number, by order of placement in the narrative (0 if never placed). */
  number: number;
  caption: Bi;
  source?: Bi;
  columns: Column[];
  rows: Row[];
  notes: Note[];
  relations: Relation[];
  role?: TableRole;
  /** The years the table speaks of (empty: not declared). */
  years?: number[];
  /** Set by `baogao new`: the table still holds last year's figures. */
  stale?: boolean;
  place: Place;
}

/**
 * A finding the bureau accepts, written at its place with the reason: an
 * `acknowledged:` entry of a table file, or `:ack[reason]{rule=…}` in a block.
 * It covers the findings of `rule` in `file` between `fromLine` and `toLine`
 * (at `column`, when set).
 */
export interface Acknowledgement {
  rule: string;
  reason: string;
  place: Place;
  covers: { file: string; fromLine: number; toLine: number; column?: number };
}

/**
 * What `baogao new` carried over from last year, as recorded in the new
 * edition's `carried-over.yaml`: fingerprints of the blocks and fields as
 * they were carried, so that the checker knows what nobody has touched yet.
 */
export interface CarriedOver {
  file: string;
  /** The edition it was started from. */
  from: string;
  /** Chapter file (`zh/01-review.md`, relative to the edition) → fingerprints of its carried blocks. */
  blocks: Record<string, string[]>;
  /** `session.zh`, `description.en` … → fingerprint of the carried value. */
  fields: Record<string, string>;
  /** `table/row/column` of carried cells that state no figure any more (a target written as text). */
  cells: string[];
}

export interface FigurePoint {
  label: Bi;
  value: Quantity;
  /** `table/row/column` when the value is taken from a table cell. */
  ref?: string;
  place: Place;
}

export interface Figure {
  id: string;
  file: string;
  number: number;
  kind: 'bar' | 'line';
  caption: Bi;
  unit: string;
  axis: Bi;
  points: FigurePoint[];
  note?: Bi;
  /** Set by `baogao new`: the chart still shows last year's values and note. */
  stale?: boolean;
  place: Place;
}

export interface GlossaryTerm {
  zh: string;
  en: string;
  place: Place;
}

/** One chapter file of one language, parsed. */
export interface ChapterDoc {
  lang: Lang;
  /** Path relative to the working directory, as printed in messages. */
  file: string;
  tree: Root;
  /** The English file does not exist yet (a chapter drafted in Chinese first). */
  missing?: boolean;
}

/** One row of a chapter's alignment: block indices (into `blocksOf`) of the Chinese and its English, either missing. */
export interface AlignedPair {
  zh?: number;
  en?: number;
}

export interface Chapter {
  id: string;
  docs: Bi<ChapterDoc>;
  /**
   * Which English block translates which Chinese block, in reading order. A
   * Chinese block without English (not yet translated) has no `en`.
   */
  alignment: AlignedPair[];
}

export interface Edition {
  /** The edition folder, as given on the command line. */
  dir: string;
  meta: Meta;
  chapters: Chapter[];
  tables: Table[];
  figures: Figure[];
  glossary: GlossaryTerm[];
  acknowledgements: Acknowledgement[];
  /** Present in an edition made by `baogao new`, until it is final. */
  carried?: CarriedOver;
}
