import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkGrounding } from './check.js';

const SOURCES = [
  'Refunds are issued to the original payment method within 5 business days. Refunds are not available for annual plans after 30 days.',
  'The Pro plan costs $12 per user per month and includes SSO. Support is available 24 hours a day at help@acme.test.',
];

const verdict = (answer: string) => checkGrounding(answer, SOURCES);
const reasons = (answer: string) => verdict(answer).sentences.flatMap((s) => s.reasons);

describe('checkGrounding', () => {
  it('passes supported paraphrases with citations', () => {
    const report = verdict(
      'Refunds go back to the original payment method within 5 business days [1]. The Pro plan costs 12 USD per user each month [2].',
    );
    expect(report.verdict).toBe('supported');
    expect(report.sentences.map((s) => s.citations)).toEqual([[1], [2]]);
  });
  it('normalises number formats: $12 = 12 USD, 24 hours = 24h = 1 day', () => {
    expect(verdict('Support is available 24h a day [2].').supported).toBe(true);
    expect(verdict('Support is available 1 day a week [2].').supported).toBe(true);
  });
  it('catches a changed number, amount or duration', () => {
    expect(reasons('Refunds are issued within 7 business days [1].')).toContain(
      'contradiction: 7 business days differs from source [1], which says 5 business days',
    );
    expect(verdict('The Pro plan costs $15 per user per month [2].').supported).toBe(false);
  });
  it('catches a negation flip', () => {
    expect(reasons('Refunds are available for annual plans after 30 days [1].')).toContain(
      'contradiction: negation differs from source [1]',
    );
  });
  it('catches a denial of what a passage states over several sentences, and reads "not merely" as no denial', () => {
    const passage = ['Invoices list the VAT number. Refunds are issued to cards.'];
    const denied = checkGrounding('Invoices list VAT numbers, and refunds are not issued to cards [1].', passage);
    expect(denied.sentences[0]?.problem).toBe('contradiction');
    expect(denied.sentences[0]?.reasons).toContain('contradiction: negation differs from source [1]');
    expect(checkGrounding('Invoices list VAT numbers, and refunds are issued to cards [1].', passage).supported).toBe(
      true,
    );
    const additive = checkGrounding('Refunds are not merely issued, they go to the original payment method [1].', [
      'Refunds are issued to the original payment method.',
    ]);
    expect(additive.sentences[0]?.findings.map((f) => f.kind)).not.toContain('negation');
  });
  it('reads the words just before a negation as its subject, so a denial said the other way round agrees', () => {
    const source = ['Invoices cannot be exported from trial accounts.'];
    const report = checkGrounding("You can't export invoices from a trial account [1].", source);
    expect(report.sentences[0]?.problem).not.toBe('contradiction');
    expect(report.supported).toBe(true);
    expect(checkGrounding('You can export invoices from a trial account [1].', source).sentences[0]?.reasons).toContain(
      'contradiction: negation differs from source [1]',
    );
  });
  it('ends a negation at its clause, so "never charged: we release the hold" does not deny the release', () => {
    const source = [
      'We only charge your card when an order ships, so for a cancelled order you were never charged: we release the authorisation straight away, and your bank removes the hold within 3-5 business days.',
    ];
    const quoted =
      'We release the authorisation straight away, and your bank removes the hold within 3-5 business days [1].';
    expect(checkGrounding(quoted, source).supported).toBe(true);
    expect(checkGrounding('We do not release the authorisation straight away [1].', source).sentences[0]?.problem).toBe(
      'contradiction',
    );
    // A negation that ends its clause denies the next one: "If you don't, the request expires".
    const elided = ["Ship the return within 14 days of starting it. If you don't, the return request expires."];
    expect(checkGrounding('If you do, the return request expires [1].', elided).sentences[0]?.problem).toBe(
      'contradiction',
    );
  });
  it('agrees with a rule restated with another restriction (only, without, unless, until) and still catches a denial', () => {
    const agrees = (answer: string, source: string) => checkGrounding(answer, [source]).sentences[0]?.problem;
    expect(
      agrees(
        'Without admin rights, you cannot add users to a workspace [1].',
        'Only admins can add users to a workspace.',
      ),
    ).toBeNull();
    expect(
      agrees('Sale items cannot be returned [1].', 'Returns are accepted within 30 days, unless the item was on sale.'),
    ).toBeNull();
    expect(
      agrees('We only charge your card when the order ships [1].', 'You will not be charged until the order ships.'),
    ).toBeNull();
    expect(agrees('Admins cannot add users to a workspace [1].', 'Only admins can add users to a workspace.')).toBe(
      'contradiction',
    );
    expect(agrees('Gold is not a noble metal [1].', 'Only gold, silver and copper are noble metals.')).toBe(
      'contradiction',
    );
  });
  it('agrees with a denial a source states in other words: over a list, of an inflected word, or not of a noun like it', () => {
    const problem = (answer: string, source: string) => checkGrounding(answer, [source]).sentences[0]?.problem ?? null;
    const agreeing: [answer: string, source: string][] = [
      [
        'We don\'t accept "buy now, pay later" services [1].',
        'We do not accept cash on delivery, personal cheques, bank transfers, cryptocurrency or "buy now, pay later" services.',
      ],
      [
        "Northwind Goods can't refund import duties [1].",
        "Import duties are the recipient's responsibility and are not refundable by Northwind Goods.",
      ],
      [
        'Drop it at a partner point, no printer needed [1].',
        'Print the UPS label we email you. Or drop it at a partner point; no printer needed.',
      ],
    ];
    for (const [answer, source] of agreeing) expect(problem(answer, source), answer).not.toBe('contradiction');
    expect(
      problem('We accept cryptocurrency [1].', 'We do not accept cash on delivery, bank transfers or cryptocurrency.'),
    ).toBe('contradiction');
  });
  it('reads "no more than" as a bound, not a denial, and "no longer" as a denial', () => {
    const limit = ['The free plan includes up to 3 projects. The mobile app supports Android 9.'];
    expect(checkGrounding('On the free plan you can create no more than 3 projects [1].', limit).supported).toBe(true);
    expect(checkGrounding('The mobile app no longer supports Android 9 [1].', limit).sentences[0]?.problem).toBe(
      'contradiction',
    );
  });
  describe('keeps a denial to what it denies', () => {
    const returns =
      'Start a return from Account > Orders. Items that arrive damaged, faulty or not as ordered can be refunded at any time within 30 days of delivery, whatever your plan, and you do not pay for return shipping.';
    const lost =
      'We open an investigation with the carrier. If the carrier finds the parcel, we tell you the new delivery date. If not, we either send a replacement at no cost, by the same shipping service, or refund the items and the shipping you paid. You choose.';
    const report =
      'Contact us if tracking has not changed for 15 business days for an international order. Carriers sometimes mark a parcel as delivered a day early. You need to report a lost parcel within 30 days of its expected delivery date.';
    it.each([
      [
        'not as ordered can be refunded: the denial ends where the predicate starts',
        "You can request a refund within 30 days of delivery, whatever your plan, and you won't have to pay for return shipping [1].",
        'You will have to pay for return shipping on items that arrive not as ordered [1].',
        returns,
      ],
      [
        '"If not," is the spelled-out "If the parcel isn\'t found"',
        "If the parcel isn't found, you can choose between a replacement at no cost or a refund of the items and the shipping you paid [1].",
        'If the parcel is found, you can choose between a replacement at no cost or a refund of the items and the shipping you paid [1].',
        lost,
      ],
      [
        'a denied number is compared as a number, not by its unit',
        "If there's still no movement after 15 business days, get in touch, and remember you need to report a lost parcel within 30 days of its expected delivery date [1].",
        "You don't need to report a lost parcel within 30 days of its expected delivery date [1].",
        report,
      ],
      [
        'a denial that ends its clause outside a condition repeats its own verb, not the clause after it',
        'Subjects must match ("Invoice" and "Re: Invoice" will, but "Invoice" and "Invoice 2" won\'t), and the sender must already be a member of the conversation or the reply header must be set [1].',
        'Subjects must match, and the sender must not already be a member of the conversation or the reply header must be set [1].',
        "Two conditions must be met. Subjects must match (Invoice and Re: Invoice will; Invoice and Invoice 2 won't). The sender must be a member of the conversation or the reply header must be set.",
      ],
    ])('%s', (_, faithful, flipped, source) => {
      expect(checkGrounding(faithful, [source]).supported).toBe(true);
      expect(checkGrounding(flipped, [source]).sentences[0]?.problem).toBe('contradiction');
    });
  });
  it('reads "for a week" or "within an hour" as a duration of one', () => {
    const source = ['The invite link is valid for 7 days. Password reset links expire after 60 minutes.'];
    expect(checkGrounding('The invite link is valid for a week [1].', source).supported).toBe(true);
    expect(checkGrounding('Password reset links expire within an hour [1].', source).supported).toBe(true);
    expect(checkGrounding('Password reset links expire within the first hour [1].', source).supported).toBe(true);
    expect(checkGrounding('The invite link is valid for a month [1].', source).sentences[0]?.problem).toBe(
      'contradiction',
    );
  });
  it('finds an abbreviation by its expansion and back, a country by its adjective, and keeps a sentence-opening preposition out of a name', () => {
    const source = ['Express shipping costs $14.99 in the United States. Orders from the UK include VAT.'];
    expect(checkGrounding('In the US, express shipping costs $14.99 [1].', source).supported).toBe(true);
    expect(checkGrounding('Orders from the United Kingdom include VAT [1].', source).supported).toBe(true);
    const duties = ['For Canada and Australia, the carrier may collect import duties on delivery.'];
    expect(checkGrounding('For Australian orders, the carrier may collect import duties [1].', duties).supported).toBe(
      true,
    );
    expect(checkGrounding('In Canada, express shipping costs $14.99 [1].', source).sentences[0]?.reasons).toContain(
      "contradiction: 'Canada' is not in source [1]",
    );
  });
  it("reads an instruction's opening verb as no part of the name after it, and a name with another modifier as another name", () => {
    const steps = ['Go to **Account > Orders** and select the order, then select **Cancel order**.'];
    expect(checkGrounding('Open Account > Orders, pick the order and click Cancel order [1].', steps).supported).toBe(
      true,
    );
    const apps = ['Codes come from an authenticator app such as Google Authenticator or Authy.'];
    expect(checkGrounding('Use an authenticator app like Authy or Google Authenticator [1].', apps).supported).toBe(
      true,
    );
    expect(
      checkGrounding('Use an authenticator app like Microsoft Authenticator [1].', apps).sentences[0]?.reasons,
    ).toContain("contradiction: 'Microsoft Authenticator' is not in source [1]");
  });
  it('catches an entity that is not in the cited sources', () => {
    expect(reasons('The Premium plan costs $12 per user per month [2].')).toContain(
      "contradiction: 'Premium plan' is not in source [2]",
    );
  });
  it('catches a name whose surname the sources lack, and a month swapped for a name, but not a shortened name', () => {
    const coach = [
      'Todd McLellan is the head coach of the Odessa Jackalopes. The team released its schedule on May 22, 2017.',
    ];
    expect(
      checkGrounding('Todd Quillbrook is the head coach of the Odessa Jackalopes [1].', coach).sentences[0]?.reasons,
    ).toContain("contradiction: 'Todd Quillbrook' is not in source [1]");
    expect(checkGrounding('The team released its schedule on Kemberton 22, 2017 [1].', coach).supported).toBe(false);
    expect(checkGrounding('McLellan is the head coach of the Odessa Jackalopes [1].', coach).supported).toBe(true);
  });
  it('catches a denial of a word the source states plainly, though the source denies something else near it', () => {
    const source = ['It is a very compact, massive object that is not emitting as much light as a normal star.'];
    const denied = checkGrounding('The object is not much more massive than a normal star [1].', source);
    expect(denied.sentences[0]?.reasons).toContain('contradiction: negation differs from source [1]');
    const agreed = checkGrounding('The object is not emitting as much light as a normal star [1].', source);
    expect(agreed.sentences[0]?.findings.map((f) => f.kind)).not.toContain('negation');
  });
  it('passes a sentence quoting a menu path of generic words, and catches one the source lacks', () => {
    const source = ['To add a VAT number, go to **Account > Billing > Invoice details** before you order.'];
    expect(
      checkGrounding('To add a VAT number, go to Account > Billing > Invoice details [1].', source).supported,
    ).toBe(true);
    expect(checkGrounding('To add a VAT number, go to Settings > Team > Members [1].', source).supported).toBe(false);
  });
  it('catches contacts that do not appear', () => {
    expect(verdict('Write to support@acme.test for help [2].').supported).toBe(false);
    expect(verdict('Write to help@acme.test for support [2].').supported).toBe(true);
  });
  it('reads a template address the reader fills in as no contact of its own', () => {
    const sources = [
      'To join a group by email, send a message to [groupname]+subscribe@googlegroups.com from your address.',
    ];
    const contacts = (answer: string) =>
      checkGrounding(answer, sources).sentences.flatMap((s) => s.findings.filter((f) => f.kind === 'contact'));
    expect(contacts('Send an email to groupname+subscribe@googlegroups.com from your address [1].')).toEqual([]);
    expect(contacts('Send an email to news+subscribe@googlegroups.com from your address [1].')).toHaveLength(1);
  });
  it('catches an unrelated sentence', () => {
    const report = verdict(
      'Refunds take 5 business days [1]. Our office dog is called Biscuit and loves tennis balls.',
    );
    expect(report.verdict).toBe('partially_supported');
    expect(report.sentences[1]?.problem).toBe('not-found');
    expect(report.sentences[1]?.findings.map((f) => f.kind)).toContain('no-support');
  });
  it('reports citations that do not exist and missing citations when required', () => {
    expect(reasons('Refunds take 5 business days [4].')).toContain('not found: cites [4], which does not exist');
    expect(verdict('Refunds take 5 business days [4].').supported).toBe(false);
    const strict = checkGrounding('Refunds take 5 business days.', SOURCES, { requireCitations: true });
    expect(strict.sentences[0]?.reasons).toContain('not found: no citation');
  });
  it('tells a contradiction from a claim the sources do not make', () => {
    expect(verdict('The Pro plan costs $15 per user per month [2].').sentences[0]?.problem).toBe('contradiction');
    const invented = verdict('Our office dog is called Biscuit and loves tennis balls.').sentences[0];
    expect(invented?.problem).toBe('not-found');
    expect(invented?.reasons.every((r) => r.startsWith('not found: '))).toBe(true);
  });
  it('does not flag a faithful answer more often as it gets longer', () => {
    const faithful = [
      'Refunds are issued to the original payment method within 5 business days [1].',
      'Refunds are not available for annual plans after 30 days [1].',
      'The Pro plan costs $12 per user per month and includes SSO [2].',
      'Support is available 24 hours a day at help@acme.test [2].',
    ];
    const short = verdict(faithful[0] ?? '');
    const long = verdict(faithful.join(' '));
    expect(long.supported).toBe(true);
    expect(long.score).toBeGreaterThanOrEqual(Math.min(short.score, 0.5));
  });
  it('flags a long faithful answer that gains one contradicted sentence', () => {
    const report = verdict(
      'Refunds are issued to the original payment method within 5 business days [1]. The Pro plan includes SSO [2]. Support is available 24 hours a day [2]. The Pro plan costs $15 per user per month [2].',
    );
    expect(report.supported).toBe(false);
    expect(report.sentences.filter((s) => !s.supported).map((s) => s.problem)).toEqual(['contradiction']);
  });
  it('never flags greetings and pleasantries', () => {
    const report = verdict('Hi Sam! Thanks for reaching out. Hope this helps. Let me know if you need anything else.');
    expect(report.verdict).toBe('no_claims');
    const replies = verdict("Sorry to hear that! Yes, that's expected. Not straight away. Here's a quick comparison:");
    expect(replies.verdict).toBe('no_claims');
    expect(report.sentences.every((s) => !s.factual && s.supported)).toBe(true);
    const apologies = verdict("Sorry about the trouble! That's a sensible thing to check. Sorry about that!");
    expect(apologies.verdict).toBe('no_claims');
  });
  it('reads "I\'m afraid" and "Unfortunately" as the assistant\'s voice, not part of the claim', () => {
    const sources = ['SMS codes are not supported. Authenticator apps and security keys are.'];
    expect(checkGrounding("I'm afraid SMS codes aren't supported [1].", sources).supported).toBe(true);
    expect(checkGrounding("Unfortunately, SMS codes aren't supported [1].", sources).supported).toBe(true);
  });
  it('does not call a name the asker used, or another retrieved source gives, a contradiction of the cited one', () => {
    const sources = [
      'Mileage tracking is only available in the US, UK and Canada.',
      'The Starter plan includes 1 user seat.',
    ];
    const question = "I'm a contractor in Ireland. Can I use mileage tracking?";
    const restated = checkGrounding(
      'Mileage tracking is only available in the US, UK and Canada, so not in Ireland [1].',
      sources,
      {
        question,
      },
    );
    expect(restated.sentences[0]?.reasons.some((r) => r.startsWith('contradiction'))).toBe(false);
    const invented = checkGrounding('Mileage tracking is only available in the US, UK and Portugal [1].', sources, {
      question,
    });
    expect(invented.sentences[0]?.problem).toBe('contradiction');
  });
  describe('reads how support answers restate a source, and still catches the restatement changed', () => {
    const contradicted = (answer: string, sources: string[], question?: string) =>
      checkGrounding(answer, sources, { question }).sentences.some((s) => s.problem === 'contradiction');
    it.each([
      {
        what: 'a "No" that is the claim\'s own negation, not a reply to the asker',
        sources: ['No refunds are given after 30 days.'],
        faithful: 'No refunds are given after 30 days [1].',
        changed: 'Refunds are given after 30 days [1].',
      },
      {
        what: 'a reply "Not yet" before the claim',
        sources: ['The API cannot upload receipts.'],
        faithful: "Not yet — the API can't upload receipts [1].",
        changed: 'Not yet — the API can upload receipts [1].',
      },
      {
        what: 'a "No" that answers a question inside a source sentence',
        sources: ["As Moose already said: No, there's still no way to do that natively."],
        faithful: "There's still no native way to do that [1].",
        changed: "There's now a native way to do that [1].",
      },
      {
        what: '"no longer" in a source sentence that denies something else with it too',
        sources: ['Unlinked computers no longer sync your files, and they will no longer receive shared folders.'],
        faithful: 'Unlinked computers no longer sync your files [1].',
        changed: 'Unlinked computers still sync your files [1].',
      },
      {
        what: 'a claim joining two sentences, one of which denies',
        sources: ['Accountants can view all invoices and export data. They cannot create or send invoices.'],
        faithful: "Accountants can view all invoices and export data, but they can't create or send invoices [1].",
        changed: "Accountants can view all invoices and export data, but they can't view invoices [1].",
      },
      {
        what: 'a denial whose source sentence denies it in other words, beside one that states its verb',
        sources: [
          'Extra seats can be added on Team for $6 per user. Extra seats are not available on Starter - upgrade to add users.',
        ],
        faithful: "Extra seats can't be added on Starter, so you would need to upgrade [1].",
        changed: 'Extra seats are available on Starter, so you can add users [1].',
      },
      {
        what: 'a choice the reader may make ("rather not")',
        sources: ['You can resend an invoice up to 5 times a day. You can also click Copy link and share the link.'],
        faithful: "If you'd rather not resend, click Copy link and share the link [1].",
        changed: 'You cannot resend an invoice, so click Copy link and share the link [1].',
      },
      {
        what: 'figures worked out from the source by arithmetic',
        sources: ['Business is $59 a month, or $590 a year billed annually.'],
        faithful: 'Twelve monthly payments come to $708, so paying annually saves you $118 a year [1].',
        changed: 'Twelve monthly payments come to $718, so paying annually saves you $128 a year [1].',
      },
      {
        what: 'a percentage taken off a price, and a monthly price over a year',
        sources: ['Each SIM gets 20% off when broadband is on the same account. SIM Max is £18 a month.'],
        faithful: 'SIM Max is £18 a month, so with 20% off it drops to £14.40, or £172.80 a year [1].',
        changed: 'SIM Max is £18 a month, so with 20% off it drops to £15.40, or £184.80 a year [1].',
      },
      {
        what: 'a condition restated the other way round ("only if faster" as "won\'t on a slower plan")',
        sources: ['A new minimum term only starts if you choose a faster plan.'],
        faithful: "Because you'd be choosing a slower plan, a new minimum term won't start [1].",
        changed: 'A new minimum term does not start if you choose a faster plan [1].',
      },
      {
        what: 'a sentence opening with "What" before a name',
        sources: ['The API can create invoices, manage clients and read expenses.'],
        faithful: 'What the API can do is create invoices and manage clients [1].',
        changed: 'What the Xero integration can do is create invoices and manage clients [1].',
      },
      {
        what: 'two statements joined by a dash, each with its own denial',
        sources: [
          "SafeZone filters Wi-Fi at home. We can't see or provide a history of the sites your children visit.",
        ],
        faithful:
          "SafeZone can't show a browsing history - we can't see or provide a history of the sites they visit [1].",
        changed: 'SafeZone keeps a browsing history - we can see or provide a history of the sites they visit [1].',
      },
      {
        what: 'a condition denied without its verb ("If you haven\'t, ...") beside the one it denies',
        sources: [
          "- If you've added a payment method, you're moved to the plan you selected and charged. - If you haven't, your account is paused.",
        ],
        faithful: 'If no payment method has been added when the trial ends, your account is paused [1].',
        changed: "If no payment method has been added when the trial ends, you're moved to the plan you selected [1].",
      },
      {
        what: 'a "not" that spells out what "only" leaves out',
        sources: [
          '- Only one voucher per box.\n- All vouchers apply to the recipe price only – not to add-ons, delivery charges or time-window fees.',
        ],
        faithful: 'The welcome discount comes off the recipe price only, so add-ons are charged at full price [1].',
        changed: 'The welcome discount applies to add-ons as well as the recipe price [1].',
      },
      {
        what: 'a denying heading over its list',
        sources: [
          "Box prices are the same in both zones.\n\n## Where we can't deliver\n- Northern Ireland (BT postcodes)",
        ],
        faithful: "We don't deliver to Northern Ireland [1].",
        changed: 'We deliver to Northern Ireland [1].',
      },
      {
        what: 'a denial the cited source states outside the sentences the claim aligns with',
        sources: [
          "## Reporting a problem\n\nReport any problem within **48 hours** of delivery, using **Help > Report an issue** in the app or on the website. Choose the box, then the recipe or add-on affected.\n\n- **Damaged or spoiled items**: a photo is required.\n- **Missing items**: no photo needed.\n\nReports made after 48 hours can't be accepted.",
        ],
        faithful:
          'Just make sure you report it within 48 hours of delivery – no photo is needed for missing items [1].',
        changed: 'Just make sure you report it within 48 hours of delivery – no photo is needed for damaged items [1].',
      },
      {
        what: 'a "not even" that repeats the denial before it',
        sources: ["World Passes aren't included in any plan, not even SIM Unlimited. On ships data costs £6 per MB."],
        faithful: 'That is why charges can build up quickly on a ship, even on SIM Unlimited [1].',
        changed: 'World Passes are included in SIM Unlimited [1].',
      },
    ])('$what', ({ sources, faithful, changed }) => {
      expect(contradicted(faithful, sources)).toBe(false);
      expect(contradicted(changed, sources)).toBe(true);
    });
    it('reads "over a year" as what a monthly figure was multiplied by, not a figure the source must state', () => {
      const sources = ['Each SIM gets 20% off with broadband. SIM Max is £18 a month.'];
      const numbers = (answer: string) =>
        checkGrounding(answer, sources).sentences.flatMap((s) => s.findings.filter((f) => f.kind === 'number'));
      expect(numbers('With 20% off, SIM Max saves you £3.60 a month, or £43.20 over a year [1].')).toEqual([]);
      expect(numbers('SIM Max is £18 a month, and the plan lasts a year [1].')).toHaveLength(1);
    });
    it('does not take "I\'m" inside a sentence for a name the sources must contain', () => {
      const report = checkGrounding("The cut-off was Thursday, so I'm afraid this week's box is now locked [1].", [
        'For Tuesday deliveries the cut-off is Thursday. After the cut-off the box is locked.',
      ]);
      expect(report.sentences[0]?.findings.filter((f) => f.kind === 'entity')).toEqual([]);
    });
    it('keeps a menu item ending in a question mark inside its sentence', () => {
      const report = checkGrounding("Report it under Help > Where's my box? before 11:59pm tonight [1].", [
        "Report a missing box in Help > Where's my box? before 11:59pm on the delivery day.",
      ]);
      expect(report.sentences).toHaveLength(1);
    });
    it('finds the plural of a name the sources give in the singular ("on Thursdays")', () => {
      const entityFindings = (answer: string) =>
        checkGrounding(answer, ['Deliveries restart on your usual day, Thursday.']).sentences.flatMap((s) =>
          s.findings.filter((f) => f.kind === 'entity'),
        );
      expect(entityFindings('Deliveries restart on Thursdays [1].')).toEqual([]);
      expect(entityFindings('Deliveries restart on Fridays [1].')).toHaveLength(1);
    });
    it('treats good wishes as no claim, and an offer with a fact as one', () => {
      const report = checkGrounding(
        'Good luck with the move! Enjoy your August! Have a brilliant trip! Fingers crossed it turns up! Enjoy free delivery on every box [1].',
        ['Delivery is free on every box.'],
      );
      expect(report.sentences.map((s) => s.factual)).toEqual([false, false, false, false, true]);
    });
    it('treats sympathy for the asker as no claim, and an apology that goes on to a fact as one', () => {
      const report = checkGrounding(
        "I'm really sorry you've been without broadband all week. I'm so sorry for your loss. I'm sorry, but refunds take 10 days [1].",
        ['Refunds take 10 days.'],
      );
      expect(report.sentences.map((s) => s.factual)).toEqual([false, false, true]);
    });
    it("reads a figure the asker gave, another retrieved source's figure and a plan's number as no contradiction", () => {
      const sources = [
        "Content Lock can't be removed on SIMs registered to a user under 18.",
        'Fibre 80 costs £26 a month.',
      ];
      const question = 'My son is 16. Can I turn off Content Lock on his SIM?';
      expect(contradicted("It can't be removed while he's 16 [1].", sources, question)).toBe(false);
      expect(contradicted('Content Lock applies to users under 18, and Fibre 80 is £26 a month [1].', sources)).toBe(
        false,
      );
      expect(contradicted('Two Fibre 80 plans at £26 a month each come to £52 a month [2].', sources)).toBe(false);
      expect(contradicted("It can't be removed on SIMs registered to a user under 21 [1].", sources, question)).toBe(
        true,
      );
    });
  });
  test.prop([fc.string({ maxLength: 200 })])('scores stay within 0..1 and sentences within the answer', (answer) => {
    const report = checkGrounding(answer, SOURCES);
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.score).toBeLessThanOrEqual(1);
    for (const s of report.sentences) expect(answer.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('checkGrounding with redaction placeholders', () => {
  it('does not count a placeholder as a number or an entity the source must contain', () => {
    const report = checkGrounding('Tell <PERSON_1> at <EMAIL_1> that refunds take 5-10 business days [1].', [
      'Refunds take 5-10 business days, depending on your bank.',
    ]);
    expect(report.sentences[0]?.supported).toBe(true);
    expect(report.sentences[0]?.reasons).toEqual([]);
  });
});
