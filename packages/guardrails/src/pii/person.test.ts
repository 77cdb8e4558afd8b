import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';

const names = (text: string) => detect(text, { types: ['PERSON'] }).map((s) => s.value);

// Tables of texts with the names the detector must find in them, in order, and of texts with none.
const findsNames = (cases: [string, string[]][]) =>
  it.each(cases)('finds the names in %j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
const findsNoNames = (texts: string[]) =>
  it.each(texts)('finds no name in %j', (text) => {
    expect(names(text)).toEqual([]);
  });

describe('detectPersons', () => {
  it('finds names after cues, honorifics and in sign-offs', () => {
    expect(names('Hi, my name is Szabina Gelencsér and I need help')).toEqual(['Szabina Gelencsér']);
    expect(names('Please ask Mr. Okafor to call back')).toEqual(['Okafor']);
    expect(names('Thanks,\nPriya Raman')).toContain('Priya Raman');
  });
  it('does not take common words for names', () => {
    expect(names('Will the refund arrive in June? The Bill is wrong and May is too late.')).toEqual([]);
    expect(names('Hi team, thanks for the help')).toEqual([]);
  });
  it('still finds those words when a cue says they are names', () => {
    expect(names('My name is Will Turner')).toEqual(['Will Turner']);
  });
  it('finds names with no cue anywhere in a long message, at their exact places', () => {
    // Only the sentences that may hold a name reach the NER, joined; its spans must land back here.
    const plain = 'The export button does nothing when I click it. We upgraded to the annual plan yesterday. ';
    const text = `${plain.repeat(3)}\nThe parcel for Maria Gonzalez never came, and Jamal Udeh saw it. ${plain}Rosa Diaz agrees.`;
    const spans = detect(text, { types: ['PERSON'] });
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Maria Gonzalez', 'Jamal Udeh', 'Rosa Diaz']);
  });
  it('honours a caller suppress list', () => {
    expect(
      detect('Hello Zendesk, my name is Ana', { types: ['PERSON'], personSuppress: ['Zendesk'] }).map((s) => s.value),
    ).toEqual(['Ana']);
  });
});

describe('detectPersons on lower-cased informal text', () => {
  it('finds a known first name after a greeting, a thanks or an introduction', () => {
    expect(names('hi maria, thanks for getting back to me')).toEqual(['maria']);
    expect(names('my name is daniel okafor, i cant log in')).toEqual(['daniel okafor']);
    expect(names('cheers,\nanna')).toEqual(['anna']);
  });
  it('does not take product words after the same cues for names', () => {
    expect(names('hi, the sync button in the settings tab does nothing')).toEqual([]);
    expect(names('thanks, the pro plan works now')).toEqual([]);
    expect(names('ask support to reset my password')).toEqual([]);
  });
});

describe('detectPersons on names the lexicon does not know', () => {
  it('finds them where the words can only be a name: greetings, introductions, signatures, "x here"', () => {
    expect(names('hey wojciech - quick one about the invoice')).toEqual(['wojciech']);
    expect(names('my name is ngozi okonkwo and i was charged twice')).toEqual(['ngozi okonkwo']);
    expect(names('thanks so much,\nsipho dlamini\nops lead')).toEqual(['sipho dlamini']);
    expect(names('yo, kwabena here, the app crashes on login')).toEqual(['kwabena']);
  });
  it('finds first and last name after a delivery or role cue, and a display name in a mail header', () => {
    expect(names('please ship the replacement to aigerim nurlanova, 42 station road')).toEqual(['aigerim nurlanova']);
    expect(names('From: Oluwaseun Adeyemi <seun@example.com>\nSubject: refund')).toContain('Oluwaseun Adeyemi');
    expect(names('From: Acme Support <help@acme.test>')).toEqual([]);
  });
  it('leaves English words and product names after the same cues alone', () => {
    expect(names('hi team, the beacon report is empty')).toEqual([]);
    expect(names('thanks again,\nbilling department')).toEqual([]);
    expect(names("i'm unable to open the summit dashboard")).toEqual([]);
    expect(names('customer portal shows a 500 error')).toEqual([]);
    expect(names('regards,\nthe nova team')).toEqual([]);
  });
});

describe('detectPersons in forms, records and announcements', () => {
  it('reads a field whose label is a role as one or more names, and the labels as no names', () => {
    const lease = 'Landlord: Obiageli Nwosu\nTenant: Farhad Karimi\nProperty: 9 Rue des Lilas, 69003 Lyon';
    expect(names(lease)).toEqual(['Obiageli Nwosu', 'Farhad Karimi']);
    expect(names('Guest list: Maren Solberg; Tavita Leota; Dong-hyun Bae.')).toEqual([
      'Maren Solberg',
      'Tavita Leota',
      'Dong-hyun Bae',
    ]);
    expect(names('New lead: Ifeoma Chukwu, Head of Finance at Larkspur Dental.')).toEqual(['Ifeoma Chukwu']);
  });
  it('still reads a dialogue with speaker labels as names', () => {
    expect(names('Zuzana: Who are you?\nTomasz: I am the new agent, how can I help?')).toEqual(['Zuzana', 'Tomasz']);
  });
  it('finds a name beside its e-mail address, before "who", and after "according to" or "will handle"', () => {
    const withEmail = 'Zofia Ostrowska (zofia.o@example.org) asked for a refund.';
    expect(detect(withEmail).map((s) => `${s.type} ${s.value}`)).toEqual([
      'PERSON Zofia Ostrowska',
      'EMAIL zofia.o@example.org',
    ]);
    expect(names('She replaces Ilse van der Meer, who retires in May.')).toContain('Ilse van der Meer');
    expect(names('The delay was caused by the carrier, according to Oyelaran.')).toEqual(['Oyelaran']);
    expect(names('Thabo will handle the migration.')).toEqual(['Thabo']);
  });
  it('reads a caller before "from <company> called", a role before a name, and a job title after one', () => {
    expect(names('Tomás Quispe from Larkspur Dental called about the invoice.')).toEqual(['Tomás Quispe']);
    expect(names('Candidate Ifeoma Chukwu interviewed on Monday.')).toEqual(['Ifeoma Chukwu']);
    expect(names('Approved by: Hedda Lund, Senior Accountant, on 3 May')).toEqual(['Hedda Lund']);
  });
  it('finds two people greeted together and a family by its surname', () => {
    expect(names('Dear Luca and Lan,\nYour booking is confirmed.')).toEqual(['Luca', 'Lan']);
    expect(names('Our condolences to the whole Okonjo family.')).toEqual(['Okonjo']);
  });
  it('leaves cities and organisations named like people alone', () => {
    expect(names('The parcel was scanned in Lincoln on Monday and is expected in Madison within a week.')).toEqual([]);
    expect(names('Thank you for contacting Grace Community Credit Union.')).toEqual([]);
    expect(names('Flights from Victoria to Adelaide are delayed; the Austin office is closed.')).toEqual([]);
    expect(names('Write to Acme Support (help@acme.example) for a copy.')).toEqual([]);
    expect(names('Ship to 4 avenue Victor Hugo, 75116 Paris, or 901 Oak Road, Madison, WI 53703.')).toEqual([]);
  });
});

describe('detectPersons on lower-cased tickets: family, mentions, sign-offs and lists', () => {
  findsNames([
    ['my husband tomasz set up the account', ['tomasz']],
    ['@olamide can you check this one', ['olamide']],
    ['ok fixed now\n-- ingrid', ['ingrid']],
    ['sent from my phone - noor', ['noor']],
    ['thanks so much ruta & emeka, all good', ['ruta', 'emeka']],
    ['CUSTOMER: HEDDA LUND | ISSUE: refund', ['HEDDA LUND']],
  ]);
  findsNoNames([
    'agent mode is on - thanks',
    'sync said done',
    '@here the export is down',
    'add @username to the message',
    'my wife uses the same login',
    'spoke w/ billing yesterday',
    'pls ask for the invoice pdf',
    'export failed - again',
  ]);
});

describe('detectPersons on records that name people beside job titles, organisations and products', () => {
  findsNames([
    ['Best wishes,\nArash Ahmadi\nSupport Team Lead, Northwind Home', ['Arash Ahmadi']],
    [
      'Software Engineer Quang Nguyen joined the call with Operations Director Abena Boateng.',
      ['Quang Nguyen', 'Abena Boateng'],
    ],
    ['Your parcel was handed to your neighbour, Njeri Haile, at 16:15.', ['Njeri Haile']],
    ['A family member, Ruud, called back.', ['Ruud']],
    ['The key was collected by a contractor (Dariush Tehrani) on Monday.', ['Dariush Tehrani']],
    ['Surname: Jeong\nGiven name(s): Hyun-woo\nDate of birth: 02/05/1993', ['Jeong', 'Hyun-woo']],
    ['Name of spouse/partner: Eero Bergström\nEmployer: Northwind Home', ['Eero Bergström']],
    ['CLAIMANT: HAO LIU\nDRIVER AT TIME OF ACCIDENT: MARICEL REYES\nLOCATION: BUSAN', ['HAO LIU', 'MARICEL REYES']],
    ['Delivered at 16.45. Signed for by: HUGHES.', ['HUGHES']],
    [
      'Witness statements were taken from:\n1. Moshe Ben-David, +55 11 93120-8631\n2. Sipho Moyo, +48 699 766 831',
      ['Moshe Ben-David', 'Sipho Moyo'],
    ],
    ['Northgate Dental Care: Min-ji Jeong, your appointment is on Monday.', ['Min-ji Jeong']],
    ['We will refund the deposit to the account held in the name of Tane Aumua.', ['Tane Aumua']],
    ['Welcome aboard, Tuan! Log in to get started.', ['Tuan']],
    ['[8:00] Lotte: Yes, it supports both.\n[9:15] Thiago: Great, thank you.', ['Lotte', 'Thiago']],
    ['pls tell dmitri the new adress is unit 5', ['dmitri']],
    ['hi, i think mr haile in ur returns team has my case??', ['haile']],
    ['my neighbour olena took the parcel in', ['olena']],
  ]);
  findsNoNames([
    'Dear Parents and Carers, the Year 5 trip is on Friday.',
    'WARRANTY REGISTRATION CARD\nProduct: Glide Pro Robot Vacuum',
    'Queen Mary Hospital\n\nThank you for seeing this patient.',
    'Order 199: 3 x Victoria Plum Bath Towel, 1 x Florence Table Lamp, 1 x Austin Swivel Chair.',
    'Release notes: the Jenkins plugin now supports the Alexa skill.',
    'Our Regina branch will be closed on Monday.',
    'CUSTOMER NAME: ',
    'File Manager (Rhythm Software) lets me configure Dropbox.',
    'RevIMG works the opposite way: start from an image.',
    'For Google Chrome, you could try a download helper.',
    'pls tell the team and forward it to billing',
  ]);
});

describe('detectPersons on names no cue announces', () => {
  findsNames([
    ['The parcel for Rahul Venkataraman was left at the depot.', ['Rahul Venkataraman']],
    ['Tran Thi Linh will ship the replacement on Friday.', ['Tran Thi Linh']],
    ['Maria Lopez approved the refund.', ['Maria Lopez']],
    ['@kofi can you check the order for layla nasser? she says it never arrived', ['kofi', 'layla nasser']],
  ]);
  findsNoNames([
    'Northwind Goods ships every order from its warehouse.',
    'Apps Script runs on a schedule.',
    'Our office in Kuala Lumpur opens at nine.',
    "Chrome's Omnibox searches as you type.",
    'check the order for next week',
  ]);
});

describe('detectPersons in chats, in reports that cite authors, and beside places and tools', () => {
  findsNames([
    ['lena: can u check the staging deploy?\nmo: on it, give me 5 mins', ['lena', 'mo']],
    ['hey its bex, running late!! tell jamal to start w/o me', ['bex', 'jamal']],
    ['thx aditi for covering my shift on sunday', ['aditi']],
    ['Re: visa question - my cousin marisol went through this last year', ['marisol']],
    ['@Chukwudi can you review the PR when u get a sec?', ['Chukwudi']],
    ['bro where is Dev?? Kaz said he left like an hour ago', ['Dev', 'Kaz']],
    ['hi im Kelechi, my order hasnt arrived??', ['Kelechi']],
    ['hey its Kenji, running late!!', ['Kenji']],
    ['Sure, Raj and I are both free on Thursday.', ['Raj']],
    ['ok so jake is bringing drinks, mei + sofia are doing food', ['jake', 'mei', 'sofia']],
    ['My brother-in-law Thabo had the exact same issue.', ['Thabo']],
    ['ngl aarav carried the whole presentation', ['aarav']],
    ['mum says tariq is coming for dinner tonight', ['tariq']],
    [
      'As reported by Okonjo and Lindgren (2019), retention improved; however, Hashemi et al. (2021) found no such effect.',
      ['Okonjo', 'Lindgren', 'Hashemi'],
    ],
    ['At 6:15 am, security officer Yaw Asante found the east fire door propped open.', ['Yaw Asante']],
    ['Appointment confirmed: Florence Adjei (DOB 1985-02-19) will see the nurse at 10:00.', ['Florence Adjei']],
    ['13:30 Paris Okoye (candidate), interview room 2', ['Paris Okoye']],
    ['Comments: Ioana at the front desk was incredibly helpful.', ['Ioana']],
    ['They asked that future invoices go to Bill Summers in procurement.', ['Bill Summers']],
    ['anyone know if mehmet is in today? need the keys', ['mehmet']],
    ['Consignee: Kaan Arslan, Bağdat Caddesi 210, Istanbul', ['Kaan Arslan']],
  ]);
  findsNoNames([
    'Guests: design leads\nJoin: https://meet.example.com/abc\nNotes: bring the Q3 figures',
    'Consignee: see attached\nShipper: Albion Booksellers\nContents: used books',
    '---\ntitle: Refund policy\nurl: https://help.example.com/refunds\n---',
    'Day 1 (Saturday 3 August): coach departs Victoria station at 07:30.',
    'Change CHG0031187: The Jenkins pipelines for the billing service will be migrated.',
    'Ama, has been employed by Copperleaf Consulting as a Senior Consultant since 2019.',
    'Job title: Chief Financial Officer\nEvent: Customer Support Summit, Munich',
    'thanks to http://webapps.stackexchange.com for the tip',
    'Customers can use the branch on 7 Jalan Ampang in the meantime.',
  ]);
});

describe('detectPersons beside firms named after people and shouted words', () => {
  findsNames([
    ['Our three founders: Gerste, Johnson and Johnson.', ['Gerste', 'Johnson', 'Johnson']],
    ['Thanks to Anna, Ben and Carl for covering.', ['Anna', 'Ben', 'Carl']],
    ['Dear parents and carers of Isla-Rose McKenzie,', ['Isla-Rose McKenzie']],
    ['I spoke to Mrs Smith-Jones today', ['Smith-Jones']],
    ['Ticket from Harrison Ford about a late refund', ['Harrison Ford']],
    ['Mr Jenkins called about his order', ['Jenkins']],
    ['NAME: JOHN SMITH', ['JOHN SMITH']],
    ['Tomomi spent a year at Weeks-Rivas as an intern.', ['Tomomi']],
  ]);
  findsNoNames([
    'The Davis, Reynolds and Williamson Orchestra was founded in 1977.',
    'I work for Ellis-Ingram',
    'Owens, Duran and Oneal\n12521 Main St',
    'The deal was advised by Morgan Stanley.',
    'Please note that the payee is not affiliated with Goldman Sachs.',
    'I bought a Dell laptop and the Ford dealer fixed my car',
    'CAN I SPEAK TO A REAL PERSON?!?!',
    'ugh Jenkins broke overnight again',
  ]);
});

describe('detectPersons after introductions in lower case and at the head of an address block', () => {
  findsNames([
    ['my name is borna jerković but everyone calls me borna', ['borna jerković', 'borna']],
    ['name:    hyuuma t. maida\naddress:     unit 4526 box 0671', ['hyuuma t. maida']],
    ['sometimes people call me višeslav', ['višeslav']],
    ['eva kleist lives at 255 hersnapvej 18, københavn k', ['eva kleist']],
    ['Billing address: Sara Schwarz\n    28245 Puruntie 82 Apt. 595\n   LAPPEENRANTA', ['Sara Schwarz']],
    ['naomi ryan\nsewer pipe cleaner\nhubbard, fox and gillespie', ['naomi ryan']],
    ['emidio p lombardo\ngarcia-smith\nunit 1009 box 0219', ['emidio p lombardo']],
    ['Maika van de Noort\nEmployment manager\nOpportunityspace Inc.', ['Maika van de Noort']],
    ['ask for milena or lakshmi at the front desk', ['milena', 'lakshmi']],
    ['spoke w/ ayşe last tuesday and was told the refund is on its way', ['ayşe']],
    ['It will ship to Rahul Venkataraman at 45 Teheran-ro, Gangnam-gu, Seoul', ['Rahul Venkataraman']],
  ]);
  findsNoNames([
    'please call me back tomorrow',
    'They asked that future invoices go to the billing team.',
    'order missing\nhi, my box never came',
    'my name is on the account',
    'the customer lives at 12 main st',
    'Ship to: Acme Ltd\n12 Main St, Springfield',
  ]);
  it('starts the address after the addressee', () => {
    const text = 'Billing address: Sara Schwarz\n    28245 Puruntie 82 Apt. 595';
    const address = detect(text, { types: ['STREET_ADDRESS'] }).map((s) => s.value);
    expect(address).toEqual(['28245 Puruntie 82 Apt. 595']);
  });
});

describe('detectPersons in team chat and notes', () => {
  findsNames([
    ['tom is out sick, grace is covering the uk queue till 3pm', ['tom', 'grace']],
    ['update: hana from the seoul team fixed it!! turns out it was the cache', ['hana']],
    ['brb grabbing lunch w ali and summer, back at 1:30. ken has the phones', ['ali', 'summer', 'ken']],
    ["her husband saul picks up if she's out", ['saul']],
    ['my buddy arjun has the same problem on his pixel 7', ['arjun']],
    ['Raj Malhotra from IT will hand over your laptop.', ['Raj Malhotra']],
    ['Meet Zanele Dlamini at reception on the ground floor.', ['Zanele Dlamini']],
    ['Attendees: Zhiyuan, Mere and Emi', ['Zhiyuan', 'Mere', 'Emi']],
    ['called verizon 3 times, first brandon then keisha then someone who wouldnt give a name', ['brandon', 'keisha']],
  ]);
  findsNoNames([
    'CALLER: Sure. Card on file ends 1111',
    'zendesk is down again, jira too',
    'so it is what it is',
    'try www.pandora.com, it is free',
  ]);
});

describe('detectPersons where only a person fits', () => {
  findsNames([
    [
      'ok will do. hope said will is handling the escalation, mark it resolved after bill confirms',
      ['hope', 'will', 'bill'],
    ],
    ["fyi april said the customer in paris is sophie's cousin lol", ['april', 'sophie']],
    ['lmao becky just replied-all to the whole list. someone tell frank before he sees', ['becky', 'frank']],
    ["jack pls review may's macro before it goes live", ['jack', 'may']],
    ['pro tip: if summer answers your chat ask for the loyalty discount', ['summer']],
    ['your bot keeps calling me kelly but im kerry, kelly is my ex', ['kelly', 'kerry', 'kelly']],
    ['AGENT: Thanks Grace, one moment.', ['Grace']],
    ["Hi Will, I'm sorry to hear the delivery was late.", ['Will']],
    ['Samsung support then passed me to Guy, who told me backups were my problem.', ['Guy']],
    ['Budi Santoso is out until next Wednesday, can you take it?', ['Budi Santoso']],
    ['Q2 review for Vikram Reddy (Team Lead). Peer feedback was strong.', ['Vikram Reddy']],
    ['Leave request #5530\nCovering: May Tan\nAdditional driver: Sydney Ford', ['May Tan', 'Sydney Ford']],
    ['Quick heads-up: your renewal is due.\n\nWarmly,\nSinéad', ['Sinéad']],
    ['brb grabbing lunch w rose and tunde, back at 2', ['rose', 'tunde']],
    ['hi my son noah used my card.\nagent: is noah on the account?', ['noah', 'noah']],
    ['ticket opened by grace about the slack notifications', ['grace']],
    ['happy bday hope!!! hope its a good one', ['hope']],
    ['running late!! tell mark to start w/o me', ['mark']],
    ['the delivery was signed for by chen at the front desk', ['chen']],
  ]);
  findsNoNames([
    "this summer's booking is confirmed",
    'The app said June 5 is the deadline.',
    'It will be covered in May. Best, Support',
    'The Billing Team is on leave until Monday.',
    'Google Drive (Web App) is slow today.',
    'Cover: 24 months\nBackup: nightly at 2am',
    'thanks, and will do it tomorrow',
    'had a meeting with marketing and sales',
    'assigned to billing at 3pm, then escalated to tier 2',
    'thanks, will do. ask support to call me',
    'my son grace period ended; the grace period is 30 days',
  ]);
});
