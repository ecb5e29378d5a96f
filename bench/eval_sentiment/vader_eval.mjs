// Reads texts on standard input, one per line, and writes VADER's compound score for each, one
// per line, in the same order. Used by eval_sentiment to run the reference tool a user would
// otherwise pick, npm vader-sentiment, exactly as published.
//   node vader_eval.mjs [LEXICONS_DIR]   (default: ../../tools/lexicons, where `npm ci` ran)
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const lexiconsDir = process.argv[2] ?? path.join(here, '..', '..', 'tools', 'lexicons');
const require = createRequire(path.join(lexiconsDir, 'package.json'));
const vader = require('vader-sentiment');

const lines = readFileSync(0, 'utf8').split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
const scores = lines.map((text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound);
process.stdout.write(scores.map((score) => `${score}\n`).join(''));
