import { describe, expect, it } from 'vitest';
import { composeExtractive } from './extractive.js';

const refunds = {
  n: 1,
  text: [
    'If your refund has not arrived after 10 business days, contact support with your order number.',
    'Refunds go back to the original payment method.',
  ].join(' '),
};
const promos = {
  n: 2,
  text: 'New subscribers get the code WELCOME10: 10% off a first order, for 30 days after signing up.',
};

// The answer to `question` from one source, numbered 1.
const answerFrom = (question: string, text: string) => composeExtractive(question, [{ n: 1, text }]);

describe('composeExtractive', () => {
  it('quotes the sentence that answers, cited, and leaves out weak matches from other sources', () => {
    const answer = composeExtractive('Customer says the refund never arrived after 10 days, what do I tell them?', [
      refunds,
      promos,
    ]);
    expect(answer).toBe(
      'If your refund has not arrived after 10 business days, contact support with your order number [1].',
    );
  });

  it('reads a sentence under its heading: the heading can be what makes it the answer', () => {
    const answer = answerFrom(
      'Which payment methods do you accept?',
      'You can pay with most cards.\n\n## What we accept\n\n- **Cards:** Visa and Mastercard.\n- **Wallets:** PayPal and Apple Pay.\n\n## Saving cards\n\nSaved cards appear at checkout.',
    );
    expect(answer).toContain('Cards: Visa and Mastercard [1].');
    expect(answer).toContain('Wallets: PayPal and Apple Pay [1].');
    expect(answer).not.toContain('Saved cards');
  });

  it('leaves out titles, bold lead-ins, pointers to other articles and sentences that lean on the one before', () => {
    const answer = answerFrom(
      'How do I reset my password when my account is locked?',
      [
        '- **Reset your password.** A reset through the emailed link unlocks the account.',
        'To reset the password on a shared account, see Shared accounts.',
        'If not, the password reset link expires and the account stays locked.',
      ].join('\n'),
    );
    expect(answer).toBe('A reset through the emailed link unlocks the account [1].');
  });

  it('matches word forms: a question about shipping finds "we ship"', () => {
    expect(
      answerFrom('How fast is shipping?', 'Gift wrap is free on every order. We ship orders within two days.'),
    ).toBe('We ship orders within two days [1].');
  });

  it('prefers a sentence that gives the kind of answer asked for: a duration for "how long"', () => {
    const answer = answerFrom(
      'How long do refunds take?',
      '## How long a refund takes\n\nWe inspect the item first. The money reaches your card in 5-10 business days.\n\n## Refund rules\n\nRefunds of sale items take an extra check.',
    );
    expect(answer).toContain('The money reaches your card in 5-10 business days [1].');
  });

  it('reads a table row by row, without the header', () => {
    const answer = answerFrom(
      'How much does shipping to Canada cost?',
      '## Prices\n\n| Destination | Service | Price |\n| --- | --- | --- |\n| United States | Express | $14.99 |\n| Canada | Expedited | $12.99 |',
    );
    expect(answer).toBe('Canada, Expedited, $12.99 [1].');
  });

  it('keeps a closing question mark of a quoted label before the citation', () => {
    expect(answerFrom('How do I reset my password?', 'On the sign-in page, select Forgot your password?')).toBe(
      'On the sign-in page, select Forgot your password? [1]',
    );
  });

  it('answers a two-part question with the table row that holds the asked-for price, not the overlap with other articles', () => {
    const shipping = {
      n: 1,
      title: 'Shipping times and costs',
      text: [
        'We ship to the United States, Canada, the United Kingdom and Australia.',
        '## Delivery times and prices',
        '| Destination | Service | Time | Price |\n| --- | --- | --- | --- |\n| United States | Standard | 3-5 business days | $5.99 |\n| Canada | Canada Post Expedited | 5-8 business days | $12.99 |',
      ].join('\n\n'),
    };
    const returns = {
      n: 2,
      title: 'Returns and exchanges',
      text: '## Return label costs\n\n- **Basic:** a $5.95 label fee is deducted from your refund.\n\nInternational returns use DHL Express. The label fee for Canada, the UK, the EU and Australia is $15.00 on every plan.',
    };
    const answer = composeExtractive('do you ship to Canada and how much does it cost?', [shipping, returns]);
    expect(answer).toBe(
      'We ship to the United States, Canada, the United Kingdom and Australia [1]. Canada, Canada Post Expedited, 5-8 business days, $12.99 [1].',
    );
  });

  it('gives each part of a two-part question its own sentence, and does not repeat a part already answered', () => {
    const answer = answerFrom(
      'do you take Apple Pay? what about buy now pay later?',
      [
        '## What we accept',
        '- **Digital wallets:** PayPal, Apple Pay and Google Pay.',
        '- **Wallet limits:** Apple Pay and Google Pay work on one device at a time.',
        'We do not accept cheques, bank transfers or "buy now, pay later" services.',
      ].join('\n'),
    );
    expect(answer).toBe(
      'Digital wallets: PayPal, Apple Pay and Google Pay [1]. We do not accept cheques, bank transfers or "buy now, pay later" services [1].',
    );
  });

  it('answers "how many" with the sentence that gives a number', () => {
    const answer = answerFrom(
      'how many payment methods can a customer keep on file?',
      'Check that the billing address matches the one your bank has on file. You can save up to 5 payment methods in your account.',
    );
    expect(answer).toBe('You can save up to 5 payment methods in your account [1].');
  });

  describe('when retrieval cannot tell two sources apart', () => {
    const squash = {
      n: 1,
      title: 'Squash commits in Git',
      text: 'To combine several commits into one, run an interactive rebase and mark them as squash.',
    };
    const combine = {
      n: 2,
      title: 'Combine several commits into one',
      text: 'Combine commits into one with git reset --soft to the base, then commit again.',
    };
    const question = 'how do I combine several commits into one?';

    it('quotes the best sentence of a second source scored close to the first, so either may be the answer', () => {
      expect(
        composeExtractive(question, [
          { ...squash, score: 1 },
          { ...combine, score: 0.9 },
        ]),
      ).toBe(
        'To combine several commits into one, run an interactive rebase and mark them as squash [1]. Combine commits into one with git reset --soft to the base, then commit again [2].',
      );
    });

    it('keeps to the first source when retrieval scored the second far below it', () => {
      expect(
        composeExtractive(question, [
          { ...squash, score: 1 },
          { ...combine, score: 0.5 },
        ]),
      ).toBe('To combine several commits into one, run an interactive rebase and mark them as squash [1].');
    });

    it('adds nothing when the first source already gives the asked-for amount', () => {
      const price = { n: 1, text: 'Pro costs $12 per month, billed monthly.', score: 1 };
      const other = { n: 2, text: 'The Pro plan includes priority support every month.', score: 0.95 };
      expect(composeExtractive('how much does Pro cost per month?', [price, other])).toBe(
        'Pro costs $12 per month, billed monthly [1].',
      );
    });
  });
});
