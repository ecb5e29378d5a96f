// Reads texts on standard input, one per line, and writes VADER's compound score for each, one
// per line, in the same order. Used by eval_sentiment to run the reference tool a user would
// otherwise pick, npm vader-sentiment, exactly as published.
//   node vader_eval.mjs [LEXICONS_DIR] [--time]
// LEXICONS_DIR defaults to ../../tools/lexicons, where `npm ci` ran. With --time a last line
// "#seconds S" gives the time of the scoring loop alone: after the lexicon is loaded (on
// require), the input read and a warm-up pass over the first 1,000 texts (for the JIT), and
// before the output is written.
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const time = args.includes('--time');
const lexiconsDir = args.find((arg) => arg !== '--time') ??
    path.join(here, '..', '..', 'tools', 'lexicons');
const require = createRequire(path.join(lexiconsDir, 'package.json'));
const vader = require('vader-sentiment');

const lines = readFileSync(0, 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
const score = (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
let warmup = 0;
if (time) {
  for (const text of lines.slice(0, 1000)) warmup += score(text);
}
const start = process.hrtime.bigint();
const scores = lines.map(score);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
let out = scores.map((value) => `${value}\n`).join('');
// The warm-up's sum is printed (as a comment) only so that it cannot be optimised away.
if (time) out += `#seconds ${seconds} warmup ${warmup}\n`;
process.stdout.write(out);
