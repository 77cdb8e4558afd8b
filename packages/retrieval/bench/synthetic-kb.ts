import { type SourceItem, toSourceItem } from '../src/index.js';

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same knowledge base on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Topic {
  tag: string;
  nouns: string[];
  actions: string[];
  problems: string[];
  headings: string[];
}

// Each list is one '|'-separated string so the vocabulary reads as a table.
const TOPICS: Topic[] = [
  topic(
    'billing',
    'invoice|payment method|credit card|billing address|VAT number|receipt|statement|charge|plan|billing cycle',
    'update your payment method|download an invoice|change your billing address|add a VAT number|switch to annual billing|retry the payment',
    'was declined|shows the wrong amount|was charged twice|is missing from the statement|has an unexpected fee',
    'Why you were charged|Updating payment details|Invoices and receipts|Taxes and VAT|Failed payments',
  ),
  topic(
    'refunds',
    'refund|return label|store credit|original payment method|partial refund|exchange|return window|restocking fee',
    'request a refund|print a return label|track your refund|exchange an item|convert store credit|cancel a return',
    'has not arrived|was smaller than expected|went to an old card|was rejected|is still pending',
    'Who can get a refund|How long refunds take|Returning an item|Partial refunds|Exceptions',
  ),
  topic(
    'shipping',
    'parcel|tracking number|courier|delivery address|customs form|express delivery|pickup point|warehouse',
    'track your parcel|change the delivery address|choose express delivery|arrange a redelivery|collect from a pickup point',
    'is delayed|arrived damaged|shows as delivered but is missing|is stuck in customs|went to the wrong address',
    'Delivery times|Tracking an order|Damaged or lost parcels|International shipping|Changing an address',
  ),
  topic(
    'accounts',
    'password|email address|two-factor code|login|profile|username|security question|recovery email',
    'reset your password|change your email address|turn on two-factor authentication|unlock your account|close your account',
    'is locked|does not receive the code|was signed in from a new device|shows the wrong name|cannot be verified',
    'Signing in|Resetting a password|Two-factor authentication|Locked accounts|Closing an account',
  ),
  topic(
    'devices',
    'router|firmware|mobile app|tablet|smart speaker|charging cable|battery|Bluetooth pairing|serial number',
    'update the firmware|factory reset the device|pair over Bluetooth|reinstall the mobile app|register the serial number',
    'will not turn on|keeps disconnecting|drains the battery quickly|shows error code|is not detected',
    'Before you start|Resetting the device|Connectivity problems|Battery and charging|Warranty',
  ),
  topic(
    'subscriptions',
    'subscription|trial|renewal date|membership|add-on|seat|upgrade|downgrade|promo code',
    'cancel your subscription|pause the membership|upgrade to the Pro plan|apply a promo code|add a seat',
    'renewed unexpectedly|did not apply the discount|still shows the old plan|ended before the trial|lost its add-ons',
    'Plans and pricing|Renewals|Cancelling|Trials and promotions|Team seats',
  ),
];

function topic(tag: string, nouns: string, actions: string, problems: string, headings: string): Topic {
  return {
    tag,
    nouns: nouns.split('|'),
    actions: actions.split('|'),
    problems: problems.split('|'),
    headings: headings.split('|'),
  };
}

const PRODUCT_PARTS = [
  ['Zen', 'Nor', 'Vel', 'Ara', 'Kor', 'Lum', 'Tri', 'Oxa', 'Pel', 'Qui'],
  ['tro', 'vex', 'lia', 'bit', 'dor', 'mix', 'nova', 'tek'],
];
const PLANS = ['Basic', 'Plus', 'Pro', 'Business', 'Enterprise'];
const PLACES = [
  'Account > Billing',
  'Account > Orders',
  'Settings > Security',
  'the mobile app',
  'the Help Center',
  'Account > Devices',
];
const OPENERS = ['This article explains', 'Here is how to', 'Read this if you need to', 'Use these steps to'];
const QUESTION_STARTS = ['how do I', 'why', 'can I', 'what happens if my', 'help', 'where can I', 'is it possible to'];
// Words too common to say which article a question is about; queries skip them. A bench-only
// list, not the copilot's or guardrails': changing it would change the workload the figures in
// docs/NOTES.md were measured on.
const STOPWORDS = new Set(
  'a an and are as at be by can do for from how if in is it its of on or our the their this to we what when where which will with you your'.split(
    ' ',
  ),
);

/** What the generator varies; defaults give realistic multi-section support articles. */
export interface SyntheticOptions {
  seed?: number;
  minWords?: number;
  maxWords?: number;
  minSections?: number;
  maxSections?: number;
  /** Share of articles tagged `rare` (for selective-filter measurements). */
  rareShare?: number;
  /** Share of articles that are internal-only. */
  internalShare?: number;
}

/** A generated article, ready to turn into a SourceItem. */
export interface SyntheticArticle {
  externalId: string;
  title: string;
  body: string;
  tags: string[];
  visibility: 'public' | 'internal';
}

/** The tag carried by `rareShare` of the articles. */
export const RARE_TAG = 'rare';

/**
 * The `index`-th synthetic article. Each article has its own PRNG stream (seed and index), so any
 * one can be regenerated without the others: that is how queries find their target's words.
 */
export function syntheticArticle(index: number, options: SyntheticOptions = {}): SyntheticArticle {
  const seed = options.seed ?? 42;
  const minWords = options.minWords ?? 120;
  const maxWords = options.maxWords ?? 400;
  const minSections = options.minSections ?? 2;
  const maxSections = options.maxSections ?? 4;
  const rand = mulberry32(Math.imul(seed ^ 0x9e3779b9, 2654435761) + index * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const topic = TOPICS[index % TOPICS.length] as Topic;
  const product = `${pick(PRODUCT_PARTS[0] ?? [])}${pick(PRODUCT_PARTS[1] ?? [])} ${pick(['X', 'S', 'Go', 'Max', 'Mini'])}${int(1, 40)}`;
  const noun = pick(topic.nouns);
  const title = pick([
    `How to ${pick(topic.actions)} for ${product}`,
    `${capitalise(noun)} ${pick(topic.problems)}`,
    `${product}: ${pick(topic.headings).toLowerCase()}`,
    `Why your ${noun} ${pick(topic.problems)}`,
  ]);
  const sentence = (): string => {
    const n = int(2, 30);
    return pick([
      `If your ${pick(topic.nouns)} ${pick(topic.problems)}, ${pick(topic.actions)} within ${n} days.`,
      `You can ${pick(topic.actions)} from ${pick(PLACES)} at any time.`,
      `Customers on the ${pick(PLANS)} plan can ${pick(topic.actions)} without contacting support.`,
      `It usually takes ${n} to ${n + int(1, 10)} business days before the ${pick(topic.nouns)} is updated.`,
      `The ${pick(topic.nouns)} for ${product} is checked again after ${int(1, 72)} hours.`,
      `We email you at each step, and the ${pick(topic.nouns)} appears under ${pick(PLACES)}.`,
      `Orders over ${int(2, 50) * 10} dollars need the ${pick(topic.nouns)} confirmed before we can ${pick(topic.actions)}.`,
      `Contact support with your order number (for example ${int(100000, 999999)}) if the ${pick(topic.nouns)} ${pick(topic.problems)}.`,
      `Note that ${product} devices bought before ${2015 + int(0, 9)} may need you to ${pick(topic.actions)} first.`,
    ]);
  };
  const target = int(minWords, maxWords);
  const sectionCount = int(minSections, maxSections);
  const opening = `${pick(OPENERS)} ${pick(topic.actions)} when your ${noun} ${pick(topic.problems)}.`;
  const parts: string[] = [opening];
  let words = countWords(opening);
  // No sections: one untitled block of text (the search bench wants one chunk per article).
  const headings = sectionCount === 0 ? [''] : shuffle([...topic.headings], rand).slice(0, sectionCount);
  for (const [i, heading] of headings.entries()) {
    // Each section gets an even share of the remaining words, in paragraphs of 2-4 sentences.
    const sectionTarget = words + (target - words) / (headings.length - i);
    if (heading !== '') parts.push(`## ${heading}`);
    while (words < sectionTarget) {
      const paragraph = Array.from({ length: int(2, 4) }, sentence).join(' ');
      parts.push(paragraph);
      words += countWords(paragraph);
    }
  }
  const tags = [topic.tag, ...(rand() < (options.rareShare ?? 0.01) ? [RARE_TAG] : [])];
  const visibility = rand() < (options.internalShare ?? 0.05) ? 'internal' : 'public';
  return { externalId: `synthetic/${topic.tag}/${index}`, title, body: parts.join('\n\n'), tags, visibility };
}

/** `count` synthetic articles as the readers would yield them. */
export function* syntheticArticles(count: number, options: SyntheticOptions = {}): Generator<SourceItem> {
  for (let i = 0; i < count; i++) {
    const article = syntheticArticle(i, options);
    yield toSourceItem(`${article.externalId}.md`, article);
  }
}

/** A question aimed at one article, and which article that is. */
export interface SyntheticQuery {
  text: string;
  targetId: string;
  targetIndex: number;
}

/**
 * Questions that mix a few words of the title with a few of the body of a random public target
 * article, the way customers paraphrase: partial, out of order, with a question opener.
 */
export function syntheticQueries(
  count: number,
  articleCount: number,
  options: SyntheticOptions = {},
): SyntheticQuery[] {
  const rand = mulberry32((options.seed ?? 42) + 1_000_003);
  const queries: SyntheticQuery[] = [];
  while (queries.length < count) {
    const targetIndex = Math.floor(rand() * articleCount);
    const article = syntheticArticle(targetIndex, options);
    if (article.visibility !== 'public') continue;
    const titleWords = contentWords(article.title);
    const bodyWords = contentWords(article.body.replace(/^##.*$/gm, ''));
    const fromTitle = shuffle(titleWords, rand).slice(0, 2 + Math.floor(rand() * 2));
    const fromBody = shuffle(
      bodyWords.filter((w) => !fromTitle.includes(w)),
      rand,
    ).slice(0, 2 + Math.floor(rand() * 3));
    const picked = [...fromTitle, ...fromBody];
    const start = QUESTION_STARTS[Math.floor(rand() * QUESTION_STARTS.length)] ?? 'how do I';
    queries.push({ text: `${start} ${shuffle(picked, rand).join(' ')}?`, targetId: article.externalId, targetIndex });
  }
  return queries;
}

function contentWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}-]+/gu) ?? [];
  return [...new Set(words.filter((w) => !STOPWORDS.has(w) && w.length > 2))];
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Fisher-Yates with the caller's PRNG, so the order is part of the deterministic stream.
function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
