// @ts-check
// Prettier settings close to how the code was already written (single
// quotes, semicolons, two spaces, trailing commas), so the one-time reformat
// is modest. The code favours long one-line statements; 160 columns keeps
// most of them whole (Prettier counts a Chinese character as two columns).
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
  // Text inside template strings is output (HTML, CSS, messages): never reflowed.
  embeddedLanguageFormatting: 'off',
};
