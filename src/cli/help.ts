/** The help texts of `baogao --help` and of each command. */
import { VERSION } from '../version.js';

const MAIN = `baogao ${VERSION} — builds the annual development-plan report (报告)

Usage: baogao <command> [edition] [options]

Commands:
  build [edition]   check, then write HTML, PDF and the Excel annex into output/
  check [edition]   check that every figure agrees (prose, tables, zh/en, totals)
  watch [edition]   live preview on http://127.0.0.1:4173 while you edit
  new <year>        start next year's edition from this one
  comments <docx> [edition]   list a reviewed Word copy's comments and changes, with their source places

Options:
  -h, --help        help for a command: baogao build --help
  -v, --version     print the version
  --debug           show the stack trace of an unexpected error

The edition defaults to ./content. Exit codes: 0 ok, 1 content errors, 2 usage or environment errors, 130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP).`;

const COMMANDS: Record<string, string> = {
  build: `Usage: baogao build [edition] [--out DIR] [--lang zh,en] [--format html,pdf,xlsx,csv,docx] [--force | --final] [--previous DIR]

Checks the edition, then writes:
  output/zh/index.html, output/en/index.html, output/bilingual.html
  output/zh/report.pdf, output/en/report.pdf      (--format pdf)
  output/tables.xlsx                              (--format xlsx)
  output/data/*.csv, output/data/datapackage.json (--format csv)
  output/zh/report.docx, output/en/report.docx    (--format docx, for review rounds)
Nothing in the output folder changes if any step fails. While anything is
open (a TODO: [x], stale, carried over, untranslated, a placeholder date),
every output is marked as a draft (征求意见稿 / DRAFT).

Options:
  --out DIR          output folder (default: output); not inside the edition, one build at a time
  --lang LIST        languages to build (default: zh,en)
  --format LIST      outputs to build: html, pdf, xlsx, csv, docx (default: html,pdf,xlsx,csv)
  --force            write the outputs despite check errors, marked DRAFT
  --final            the print build: refuse while any TODO or error is open, listing it
  --previous DIR     last year's edition, for the plan carry-over check

Examples:
  baogao build
  baogao build content --format html
  baogao build content --format docx    (the Word copies for a review round)
  baogao build editions/2024 --out out/2024 --previous content`,
  check: `Usage: baogao check [edition] [--format text|json] [--strict] [--previous DIR]

Reports every disagreement: prose against tables, English against Chinese,
totals against their parts, with the file:line:column to edit.

Options:
  --format json      machine-readable findings (schema in docs/check.md)
  --strict           warnings fail too (exit code 1); acknowledged findings never do
  --previous DIR     last year's edition, for the plan carry-over check

Examples:
  baogao check
  baogao check editions/2024 --previous content`,
  watch: `Usage: baogao watch [edition] [--port N] [--out DIR] [--previous DIR]

Serves the edition on http://127.0.0.1:PORT (first free port from 4173),
rebuilds the HTML and check.html on every save (saves by rename, deleted and
new files included) and reloads the page; shows the check's findings in the
page. The preview is written to a folder of its own in the system's temporary
folder (never a build's output/), unless --out names one. Ctrl-C stops.

Options:
  --port N           port to listen on
  --out DIR          preview folder
  --previous DIR     last year's edition, for the plan carry-over check

Examples:
  baogao watch
  baogao watch editions/2024 --port 5000`,
  new: `Usage: baogao new <year> [--from DIR] [--to DIR]

Creates the edition of <year> (the plan year) from an existing one: metadata
advanced, Table 1's targets taken from the plan table, every table and chart
marked stale, and every block and session field recorded in carried-over.yaml:
check lists each as to-review (TODO) until it is rewritten or confirmed.

Options:
  --from DIR         the edition to start from (default: content)
  --to DIR           where to create it (default: editions/<year>)

Examples:
  baogao new 2024
  baogao new 2024 --from content --to editions/2024`,
  comments: `Usage: baogao comments <reviewed.docx> [edition] [--format text|json]

Lists every comment and tracked change (insertion, deletion) in a Word copy
returned by a reviewer, each with its author, its text and the place in the
edition's sources it concerns (file:line:column). A comment on text that has
changed in the sources since the copy was built is a warning.

Options:
  --format json      machine-readable listing (schema in docs/review.md)

Examples:
  baogao comments returned/财政局.docx
  baogao comments returned/stats-bureau.docx editions/2024 --format json`,
};

/** The help text for a command, or the general help. */
export function helpText(topic?: string): string {
  return (topic !== undefined && Object.hasOwn(COMMANDS, topic) && COMMANDS[topic]) || MAIN;
}
