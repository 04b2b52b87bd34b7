import {
  INTENTS,
  trainIntentClassifier,
} from '/work/main/src/modules/conversations/nlu/intent-classifier.ts';
import { HELD_OUT_INTENTS } from '/work/main/src/modules/conversations/nlu/intent-heldout.fixtures.ts';

const c = await trainIntentClassifier();
console.log('training ms', c.trainingMs.toFixed(0));
for (const lang of ['fr', 'en'] as const) {
  let ok = 0,
    n = 0;
  const t0 = performance.now();
  for (const intent of INTENTS)
    for (const u of HELD_OUT_INTENTS[lang][intent]) {
      const r = await c.classify(u, lang);
      n++;
      if (r.intent === intent) ok++;
      else console.log(lang, intent, '→', r.intent, r.confidence, JSON.stringify(u));
    }
  console.log(lang, 'acc', (ok / n).toFixed(3), 'ms/msg', ((performance.now() - t0) / n).toFixed(2));
}
