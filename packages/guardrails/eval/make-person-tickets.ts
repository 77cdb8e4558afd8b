import { writeFileSync } from 'node:fs';

// A held-out PERSON set: support tickets built from templates, with names from this list, written
// for it and not taken from the detector's lexicon (compromise's), so rules tuned on the dev file
// cannot have seen them. Product words that look like names fill the tickets without a person.
const FIRST = `priya aditi rohan vikram ananya oluwaseun chidi ngozi amara kwame siobhan niamh aoife bartek
wojciech agnieszka mateus thiago joana yusuf emre elif aigerim nurlan kenji haruto yuki minh linh thabo sipho
zanele farah omar leila dmitri svetlana ines lucia henrik astrid saoirse tariq nadia mei jun kofi ama`.split(/\s+/);
const LAST = `sharma patel okonkwo adeyemi mensah byrne kowalski nowak silva santos yilmaz demir sato tanaka nguyen
tran dlamini ndlovu haddad rahman ivanova petrov garcia lindqvist o'connor kim park osei mwangi ferreira`.split(/\s+/);
const PRODUCTS = `atlas beacon summit nova orion pulse harbor lumen sierra juniper aurora phoenix echo quartz
vertex falcon meridian cobalt`.split(/\s+/);

// {f} first name, {l} last name, {F}/{L} capitalised; [[...]] marks the PERSON span.
const WITH_NAME = [
  'hi [[{f}]], the csv export still times out',
  'thanks [[{f}]]! that fixed the sso login',
  'hey [[{f}]] - quick one about the invoice',
  'my name is [[{f} {l}]] and i was charged twice this month',
  'this is [[{f}]] from the finance team, our sandbox key stopped working',
  "i'm [[{f} {l}]], the account owner, please cancel the renewal",
  'customer [[{f} {l}]] reported that the dashboard is blank',
  'cheers,\n[[{f}]]',
  'regards,\n[[{f} {l}]]',
  'thanks,\n[[{f} {l}]]\nops lead',
  'please ship the replacement to [[{f} {l}]], 42 station road, bristol',
  'attn: [[{f} {l}]], 7 harbour street, leeds',
  'From: [[{F} {L}]] <{f}.{l}@example.com>\nSubject: refund for order 5531',
  'can [[{f}]] get admin rights on the workspace?',
  'i spoke with [[{f}]] on chat yesterday and the issue is back',
  '[[{F} {L}]] here, following up on ticket 4821',
  'Hi [[{F}]], thanks for the quick reply.',
  'dear [[{f}]], the webhook retries never stop',
  'the order is under [[{f} {l}]], not under my name',
  'hello [[{f}]]!\nthe mobile app logs me out every hour',
];
const WITHOUT_NAME = [
  'the {p} integration stopped syncing after the update',
  'hi team, the {p} report is empty since monday',
  'thanks again, the export works now',
  'hi there, where is the billing tab?',
  'cheers for the help with the {p} dashboard',
  'my name is on the invoice but the vat id is wrong',
  'hello support, the {p} widget is not loading',
  'customer portal shows a 500 error when i open {p}',
  'hey, is the {p} api rate limited?',
  'we moved from the {p} plan to {p2} last week',
  'thanks,\nthe {p} team',
  'regards,\nbilling department',
];

interface Record {
  full_text: string;
  spans: { entity_type: 'PERSON'; entity_value: string; start_position: number; end_position: number }[];
  template_id: string;
  metadata: { written_by: string };
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function fill(template: string, i: number): Record {
  const f = FIRST[(i * 7) % FIRST.length] ?? 'priya';
  const l = LAST[(i * 11) % LAST.length] ?? 'sharma';
  const p = PRODUCTS[(i * 5) % PRODUCTS.length] ?? 'atlas';
  const p2 = PRODUCTS[(i * 5 + 3) % PRODUCTS.length] ?? 'nova';
  const raw = template
    .replaceAll('{F}', cap(f))
    .replaceAll('{L}', cap(l))
    .replaceAll('{f}', f)
    .replaceAll('{l}', l)
    .replaceAll('{p2}', p2)
    .replaceAll('{p}', p);
  const spans: Record['spans'] = [];
  let text = '';
  let rest = raw;
  for (let open = rest.indexOf('[['); open !== -1; open = rest.indexOf('[[')) {
    const close = rest.indexOf(']]', open);
    text += rest.slice(0, open);
    const value = rest.slice(open + 2, close);
    spans.push({
      entity_type: 'PERSON',
      entity_value: value,
      start_position: text.length,
      end_position: text.length + value.length,
    });
    text += value;
    rest = rest.slice(close + 2);
  }
  return { full_text: text + rest, spans, template_id: 'tickets', metadata: { written_by: 'make-person-tickets.ts' } };
}

const records = [
  ...Array.from({ length: 3 }, (_, round) => WITH_NAME.map((t, k) => fill(t, round * WITH_NAME.length + k))).flat(),
  ...Array.from({ length: 3 }, (_, round) =>
    WITHOUT_NAME.map((t, k) => fill(t, round * WITHOUT_NAME.length + k)),
  ).flat(),
];
const out = process.argv[2] ?? 'packages/guardrails/eval/data/person-tickets-heldout.json';
writeFileSync(out, `${JSON.stringify(records, null, 1)}\n`);
process.stderr.write(`wrote ${out}: ${records.length} tickets\n`);
