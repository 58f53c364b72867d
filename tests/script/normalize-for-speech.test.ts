// What the engine is given to read, rule by rule: one table per category of the issue, then whole news
// sentences, then properties over arbitrary Unicode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech, normalizeText } from '../../src/script/normalize/normalize-for-speech.js';
import type { Lexicon } from '../../src/script/lexicon.js';

const EMPTY_TEST_LEXICON: Lexicon = { words: {}, rules: [], spell: [] };

type Table = ReadonlyArray<readonly [written: string, spoken: string]>;

function table(name: string, cases: Table): void {
  describe(name, () => {
    it.each(cases)('%s', (written, spoken) => {
      expect(normalizeForSpeech(written)).toBe(spoken);
    });
  });
}

table('cardinals, with separators and signs', [
  ['123', 'one hundred twenty-three'],
  ['7', 'seven'],
  ['0', 'zero'],
  ['1,000', 'one thousand'],
  ['2,500,000', 'two million five hundred thousand'],
  ['1000000', 'one million'],
  ['There were 1,234,567 votes.', 'There were one million two hundred thirty-four thousand five hundred sixty-seven votes.'],
  ['It was -5 outside.', 'It was minus five outside.'],
  ['-42', 'minus forty-two'],
  ['+3 on the day.', 'plus three on the day.'],
  ['Some 3,000 people left.', 'Some three thousand people left.'],
  ['At least 12 people died and 30 were injured.', 'At least twelve people died and thirty were injured.'],
  ['Over 100,000 people attended.', 'Over one hundred thousand people attended.'],
  ['The firm has 12,500 staff in 40+ countries.', 'The firm has twelve thousand five hundred staff in forty plus countries.'],
  ['Roughly 1500 troops were sent.', 'Roughly one thousand five hundred troops were sent.'],
  ['It is 3000 miles away.', 'It is three thousand miles away.'],
  ['Agent 007 arrived.', 'Agent oh oh seven arrived.'],
  ['About 1 in 5 adults.', 'About one in five adults.'],
  ['He scored 30 points and 10 rebounds.', 'He scored thirty points and ten rebounds.'],
]);

table('decimals', [
  ['3.14', 'three point one four'],
  ['0.5', 'zero point five'],
  ['.5 of it', 'point five of it'],
  ['0.001', 'zero point zero zero one'],
  ['The quake measured 7.8 on the Richter scale.', 'The quake measured seven point eight on the Richter scale.'],
  ['Gaza has 2.3 million people.', 'Gaza has two point three million people.'],
  ['It was 100.5 exactly.', 'It was one hundred point five exactly.'],
  ['The index closed at 5,123.45.', 'The index closed at five thousand one hundred twenty-three point four five.'],
  ['Version 2.1.3 is out.', 'Version two point one point three is out.'],
]);

table('percentages', [
  ['50%', 'fifty percent'],
  ['Prices rose 2.5% in May.', 'Prices rose two point five percent in May.'],
  ['Shares fell -3% today.', 'Shares fell minus three percent today.'],
  ['Expect 10-15% more.', 'Expect ten to fifteen percent more.'],
  ['Rates went to 5.25%-5.5%.', 'Rates went to five point two five to five point five percent.'],
  ['Rates were cut to 5.00%-5.25%.', 'Rates were cut to five to five point two five percent.'],
  ['Up 14.5% YTD.', 'Up fourteen point five percent year to date.'],
  ['It was 50 % off.', 'It was fifty percent off.'],
  ['Turnout was 67.3 per cent.', 'Turnout was sixty-seven point three per cent.'],
  ['Rates of 4 pct held.', 'Rates of four percent held.'],
  ['The Fed cut by 25 bps.', 'The Fed cut by twenty-five basis points.'],
  ['Up 2.1 percentage points.', 'Up two point one percentage points.'],
]);

table('ordinals', [
  ['1st', 'first'],
  ['She was 22nd.', 'She was twenty-second.'],
  ['3rd', 'third'],
  ['He was 101st.', 'He was one hundred first.'],
  ['The 1,000th visitor.', 'The one thousandth visitor.'],
  ['The 19th-century house.', 'The nineteenth-century house.'],
  ['In the 21st century.', 'In the twenty-first century.'],
  ['She is the 46th president.', 'She is the forty-sixth president.'],
  ['The 2nd Infantry Division.', 'The second Infantry Division.'],
  ['The 12th man and the 13th floor.', 'The twelfth man and the thirteenth floor.'],
  ['The 89th minute.', 'The eighty-ninth minute.'],
]);

table('money', [
  ['$1.5bn', 'one point five billion dollars'],
  ['€20m', 'twenty million euros'],
  ['£3.2 million', 'three point two million pounds'],
  ['$12.50', 'twelve dollars and fifty cents'],
  ['$2 trillion', 'two trillion dollars'],
  ['$5', 'five dollars'],
  ['$1', 'one dollar'],
  ['$5.00', 'five dollars'],
  ['$0.99', 'ninety-nine cents'],
  ['$0.01', 'one cent'],
  ['$1.01', 'one dollar and one cent'],
  ['€3.50', 'three euros and fifty cents'],
  ['£2.50', 'two pounds and fifty pence'],
  ['¥500', 'five hundred yen'],
  ['₹1,000', 'one thousand rupees'],
  ['Rs 500 crore', 'five hundred crore rupees'],
  ['$100k', 'one hundred thousand dollars'],
  ['US$5 billion', 'five billion U S dollars'],
  ['CHF 20', 'twenty Swiss francs'],
  ['EUR 15', 'fifteen euros'],
  ['5 million USD', 'five million U S dollars'],
  ['15€', 'fifteen euros'],
  ['50p', 'fifty pence'],
  ['$5-10 million', 'five to ten million dollars'],
  ['$5m-$10m', 'five to ten million dollars'],
  ['$3.5 million', 'three point five million dollars'],
  ['A $5 fee.', 'A five-dollar fee.'],
  ['A $1.5bn deal.', 'A one point five billion dollar deal.'],
  ["The EU's €800bn plan.", "The E U's eight hundred billion euro plan."],
  ['He paid $5 for the book.', 'He paid five dollars for the book.'],
  ['Gold hit $2,400 an ounce.', 'Gold hit two thousand four hundred dollars an ounce.'],
  ['It costs $4.99/month.', 'It costs four dollars and ninety-nine cents per month.'],
  ['It cost 1.2 trillion yen.', 'It cost one point two trillion yen.'],
  ['WTI gained 95 cents.', 'W T I gained ninety-five cents.'],
]);

table('years', [
  ['In 1066 they came.', 'In ten sixty-six they came.'],
  ['It ended in 1945.', 'It ended in nineteen forty-five.'],
  ['The crash of 2008.', 'The crash of two thousand eight.'],
  ['By 2024 it was over.', 'By twenty twenty-four it was over.'],
  ['2019', 'twenty nineteen'],
  ['1999', 'nineteen ninety-nine'],
  ['In 1900 and 1905.', 'In nineteen hundred and nineteen oh five.'],
  ['Since 2000.', 'Since two thousand.'],
  ['The 2024 elections.', 'The twenty twenty-four elections.'],
  ['The 2028 Los Angeles Olympics.', 'The twenty twenty-eight Los Angeles Olympics.'],
  ['Between 2019 and 2021.', 'Between twenty nineteen and twenty twenty-one.'],
  ['In 44 BC Caesar died.', 'In forty-four B C Caesar died.'],
  ['In AD 79 it erupted.', 'In A D seventy-nine it erupted.'],
  ['In 1500 or 1600.', 'In fifteen hundred or sixteen hundred.'],
  ['By 2030 the target is 50% of 2005 levels.', 'By twenty thirty the target is fifty percent of two thousand five levels.'],
]);

table('decades', [
  ['The 1990s', 'The nineteen nineties'],
  ['the 2020s', 'the twenty twenties'],
  ['the 1800s', 'the eighteen hundreds'],
  ['the 2000s', 'the two thousands'],
  ['the 2010s', 'the twenty tens'],
  ["The '90s were great.", 'The nineties were great.'],
  ['He is in his 60s.', 'He is in his sixties.'],
  ["The 1990's.", 'The nineteen nineties.'],
  ['In the mid-1990s.', 'In the mid-nineteen nineties.'],
]);

table('ranges', [
  ['The 2024-25 season.', 'The twenty twenty-four to twenty-five season.'],
  ['The 2022–23 budget.', 'The twenty twenty-two to twenty-three budget.'],
  ['The 1914-18 war.', 'The nineteen fourteen to eighteen war.'],
  ['The 2008-09 crisis.', 'The two thousand eight to oh nine crisis.'],
  ['From 2019-2021.', 'From twenty nineteen to twenty twenty-one.'],
  ['The 2023/24 season.', 'The twenty twenty-three to twenty-four season.'],
  ['It takes 3-4 weeks.', 'It takes three to four weeks.'],
  ['See pages 10-12.', 'See pages ten to twelve.'],
  ['About 70-85 million people.', 'About seventy to eighty-five million people.'],
  ['A 50-50 split.', 'A fifty-fifty split.'],
]);

table('dates', [
  ['On Jan. 5 it began.', 'On January fifth it began.'],
  ['March 3, 2024', 'March third, twenty twenty-four'],
  ['5 March 2024', 'the fifth of March, twenty twenty-four'],
  ['He was born on 4 July 1976.', 'He was born on the fourth of July, nineteen seventy-six.'],
  ['He died on July 4th, 2020.', 'He died on July fourth, twenty twenty.'],
  ['Jan 1, 2000', 'January first, two thousand'],
  ['January 2000', 'January two thousand'],
  ['Sept. 2001', 'September two thousand one'],
  ['2 Jan 2020', 'the second of January, twenty twenty'],
  ['The 1st of January.', 'The first of January.'],
  ['Today is 15 March, tomorrow the 16th.', 'Today is the fifteenth of March, tomorrow the sixteenth.'],
  ['It runs March 5-7.', 'It runs March fifth to seventh.'],
  ['On Monday, Dec. 2.', 'On Monday, December second.'],
  ['On Sept. 28, 2022.', 'On September twenty-eighth, twenty twenty-two.'],
  ['2024-03-05', 'March fifth, twenty twenty-four'],
  ['3/5/2024', 'March fifth, twenty twenty-four'],
  ['12/25/2023', 'December twenty-fifth, twenty twenty-three'],
  ['25/12/2023', 'December twenty-fifth, twenty twenty-three'],
  ['12/31/99', 'December thirty-first, nineteen ninety-nine'],
  ['5.3.2024', 'the fifth of March, twenty twenty-four'],
  ['The Jan. 6 committee.', 'The January sixth committee.'],
  ['The Oct. 7 attack.', 'The October seventh attack.'],
  ['It happened in May 2024.', 'It happened in May twenty twenty-four.'],
]);

table('times', [
  ['10 a.m.', 'ten A M.'],
  ['We met at 10 a.m. on Monday.', 'We met at ten A M on Monday.'],
  ['3:30 p.m.', 'three thirty P M.'],
  ['At 7:45 pm.', 'At seven forty-five P M.'],
  ['At 9:05 am today.', 'At nine oh five A M today.'],
  ['At 10am and 5PM.', 'At ten A M and five P M.'],
  ['At 10.30am.', 'At ten thirty A M.'],
  ['At 3:00 p.m. sharp.', 'At three P M sharp.'],
  ['14:00', 'fourteen hundred'],
  ['14:30', 'fourteen thirty'],
  ['10:30', 'ten thirty'],
  ['10:00', "ten o'clock"],
  ['09:00', "nine o'clock"],
  ['00:00', 'midnight'],
  ['At 0600 GMT.', 'At oh six hundred G M T.'],
  ['At 1430 GMT.', 'At fourteen thirty G M T.'],
  ['At 9 p.m. ET.', 'At nine P M E T.'],
  ['At 11:10 p.m. EDT Thursday.', 'At eleven ten P M E D T Thursday.'],
  ['It starts at 12 noon.', 'It starts at twelve noon.'],
  ['He won in 2:01:09.', 'He won in two hours, one minute and nine seconds.'],
]);

table('time ranges', [
  ['Open 9am-5pm daily.', 'Open nine A M to five P M daily.'],
  ['From 10:00-11:30.', "From ten o'clock to eleven thirty."],
  ['Lunch is 1-2pm.', 'Lunch is one to two P M.'],
  ['At 10 a.m.-noon.', 'At ten A M to noon.'],
  ['From 9 a.m. to 5 p.m.', 'From nine A M to five P M.'],
]);

table('ratios and scores', [
  ['They won 3:1.', 'They won three to one.'],
  ['A 2:1 majority.', 'A two to one majority.'],
  ['They won 2-1.', 'They won two to one.'],
  ['A 6-3 ruling.', 'A six to three ruling.'],
  ['A 105-98 victory.', 'A one hundred five to ninety-eight victory.'],
  ['A 3-to-1 vote.', 'A three-to-one vote.'],
]);

table('fractions', [
  ['1/3', 'one third'],
  ['2/3', 'two thirds'],
  ['1/2', 'one half'],
  ['3/4', 'three quarters'],
  ['5/8', 'five eighths'],
  ['7/10', 'seven tenths'],
  ['1 1/2 cups', 'one and a half cups'],
  ['2 3/4 miles', 'two and three quarters miles'],
  ['½', 'one half'],
  ['2½ hours', 'two and a half hours'],
  ['The 9/11 attacks.', 'The nine eleven attacks.'],
  ['24/7 news', 'twenty-four seven news'],
  ['The 7/7 bombings.', 'The seven seven bombings.'],
  ['A 50/50 chance.', 'A fifty-fifty chance.'],
]);

table('units and measures', [
  ['It ran 5km.', 'It ran five kilometers.'],
  ['30 mph', 'thirty miles per hour'],
  ['20°C', 'twenty degrees Celsius'],
  ['25 °C', 'twenty-five degrees Celsius'],
  ['72°F', 'seventy-two degrees Fahrenheit'],
  ['-5°C', 'minus five degrees Celsius'],
  ['Temperatures hit 40C.', 'Temperatures hit forty degrees Celsius.'],
  ['Temperatures will drop to -10C overnight.', 'Temperatures will drop to minus ten degrees Celsius overnight.'],
  ['5 kg', 'five kilograms'],
  ['1 kg', 'one kilogram'],
  ['10 cm', 'ten centimeters'],
  ['0.5 mm thick', 'zero point five millimeters thick'],
  ['64 GB', 'sixty-four gigabytes'],
  ['1 m', 'one meter'],
  ['3.5 km', 'three point five kilometers'],
  ['100 km/h', 'one hundred kilometers per hour'],
  ['A 10-km race.', 'A ten-kilometer race.'],
  ['The 100m sprint.', 'The one hundred meter sprint.'],
  ['It travelled 100 km north.', 'It travelled one hundred kilometers north.'],
  ['Some 5m people.', 'Some five million people.'],
  ['1.5m units', 'one point five million units'],
  ['3 sq km', 'three square kilometers'],
  ['50 km²', 'fifty square kilometers'],
  ['He weighs 180 lbs.', 'He weighs one hundred eighty pounds.'],
  ['6 ft. 2 in. tall', 'six feet two inches tall'],
  ['At 5 ft 10 in he was tall.', 'At five feet ten inches he was tall.'],
  ['He is 6\'2" tall.', 'He is six foot two tall.'],
  ['2 hrs 5 mins', 'two hours five minutes'],
  ['A 500 MW plant.', 'A five hundred megawatt plant.'],
  ['3 GW of power', 'three gigawatts of power'],
  ['100 TWh a year', 'one hundred terawatt hours a year'],
  ['5 GHz', 'five gigahertz'],
  ['100 Mbps', 'one hundred megabits per second'],
  ['2 million bpd', 'two million barrels per day'],
  ['55 bcm', 'fifty-five billion cubic meters'],
  ['410 ppm', 'four hundred ten parts per million'],
  ["TSMC's 3nm chips", "T S M C's three nanometer chips"],
  ['3 nm across', 'three nanometers across'],
  ['20 knots', 'twenty knots'],
  ['It is 3x faster.', 'It is three times faster.'],
  ['A 4x4 truck.', 'A four by four truck.'],
  ['A 30-year-old man.', 'A thirty-year-old man.'],
  ['A 5-year plan.', 'A five-year plan.'],
  ['50k runners', 'fifty thousand runners'],
  ['3bn people', 'three billion people'],
  ['45°', 'forty-five degrees'],
]);

table('Roman numerals', [
  ['Henry VIII', 'Henry the Eighth'],
  ['Louis XIV', 'Louis the Fourteenth'],
  ['Elizabeth II', 'Elizabeth the Second'],
  ['Pope John Paul II', 'Pope John Paul the Second'],
  ['Queen Elizabeth I', 'Queen Elizabeth the First'],
  ['King George VI', 'King George the Sixth'],
  ['Charles III met Felipe VI.', 'Charles the Third met Felipe the Sixth.'],
  ['Pope Leo XIV spoke.', 'Pope Leo the Fourteenth spoke.'],
  ['Henry V', 'Henry the Fifth'],
  ['World War II', 'World War Two'],
  ['World War I ended.', 'World War One ended.'],
  ['WWII', 'World War Two'],
  ['WW1', 'World War One'],
  ['Chapter IV', 'Chapter Four'],
  ['See chapter IV.', 'See chapter four.'],
  ['Super Bowl LVIII', 'Super Bowl Fifty-eight'],
  ['Title IX', 'Title Nine'],
  ['Phase III trials', 'Phase Three trials'],
  ['Type II diabetes', 'Type Two diabetes'],
  ['Vatican II', 'Vatican Two'],
  ['Malcolm X', 'Malcolm X'],
  ['I think so.', 'I think so.'],
  ['Then I left.', 'Then I left.'],
  ['Peter I think so.', 'Peter I think so.'],
  ['An IV drip.', 'An I V drip.'],
  ['XIV', 'fourteen'],
]);

table('titles and abbreviations', [
  ['Mr. Lee said so.', 'Mister Lee said so.'],
  ['Dr. Smith', 'Doctor Smith'],
  ['Mrs. Jones and Ms. Obi', 'Missus Jones and Miz Obi'],
  ['Mr. and Mrs. Smith arrived.', 'Mister and Missus Smith arrived.'],
  ['Mr Smith and Dr Brown', 'Mister Smith and Doctor Brown'],
  ['Prof. Jane Doe', 'Professor Jane Doe'],
  ['Gov. Newsom and Sen. Warren', 'Governor Newsom and Senator Warren'],
  ['Rep. Jordan', 'Representative Jordan'],
  ['Lt. Gen. Smith spoke.', 'Lieutenant General Smith spoke.'],
  ['Sgt. Park and Capt. Holt', 'Sergeant Park and Captain Holt'],
  ['The Rev. Martin Luther King Jr. spoke.', 'The Reverend Martin Luther King Junior spoke.'],
  ["He lives on Main St. near St. Paul's.", "He lives on Main Street near Saint Paul's."],
  ['St. Louis', 'Saint Louis'],
  ['On 42nd St. in New York.', 'On forty-second Street in New York.'],
  ['Mt. Everest and Ft. Worth', 'Mount Everest and Fort Worth'],
  ['He lives on Elm Dr. near here.', 'He lives on Elm Drive near here.'],
  ['Acme Inc. and Foo Corp. and Bar Ltd. and Baz Co.', 'Acme Incorporated and Foo Corporation and Bar Limited and Baz Company.'],
  ['Apples, pears, etc. and e.g. bananas, i.e. fruit.', 'Apples, pears, et cetera and for example bananas, that is fruit.'],
  ['Smith vs. Jones', 'Smith versus Jones'],
  ['Roe v. Wade', 'Roe versus Wade'],
  ['approx. 5', 'approximately five'],
  ['No. 10 Downing Street', 'Number ten Downing Street'],
  ['It ranks no. 3.', 'It ranks number three.'],
  ['See p. 5 and pp. 10-12.', 'See page five and pages ten to twelve.'],
  ['Fort Myers, Fla., was hit.', 'Fort Myers, Florida, was hit.'],
  ['Austin, TX is hot.', 'Austin, Texas is hot.'],
  ['Sen. Ted Cruz, R-Texas, spoke.', 'Senator Ted Cruz, Republican of Texas, spoke.'],
  ['Rep. Nancy Pelosi, D-Calif., spoke.', 'Representative Nancy Pelosi, Democrat of California, spoke.'],
  ['Rep. Jordan (R-Ohio) spoke.', 'Representative Jordan, Republican of Ohio, spoke.'],
  ['A Ph.D. student.', 'A P H D student.'],
  ['Profit rose 12% y/y.', 'Profit rose twelve percent year on year.'],
  ['The D-Day landings.', 'The D-Day landings.'],
]);

table('acronyms', [
  ['The U.S. and the U.K.', 'The U S and the U K.'],
  ['In Washington, D.C.', 'In Washington, D C.'],
  ['J.P. Morgan', 'J P Morgan'],
  ['John F. Kennedy', 'John F Kennedy'],
  ['The FBI and the CIA.', 'The F B I and the C I A.'],
  ['The EU and the UN.', 'The E U and the U N.'],
  ['NATO and NASA', 'NATO and NASA'],
  ['UNESCO and UNICEF', 'UNESCO and UNICEF'],
  ['The WHO said so.', 'The W H O said so.'],
  ['The US economy.', 'The U S economy.'],
  ['Let us go.', 'Let us go.'],
  ['The BBC and CNN.', 'The B B C and C N N.'],
  ['FEMA and OPEC', 'FEMA and OPEC'],
  ['UNHCR, OECD and IAEA', 'U N H C R, O E C D and I A E A'],
  ['USDA and NYPD', 'U S D A and N Y P D'],
  ['CEOs and MPs and NGOs', "C E O's and M P's and N G O's"],
  ["The FBI's report.", "The F B I's report."],
  ["NATO's summit.", "NATO's summit."],
  ['A PhD in mRNA research.', 'A P H D in M R N A research.'],
  ['At MIT.', 'At M I T.'],
  ['OpenAI released ChatGPT.', 'Open A I released Chat G P T.'],
  ['JPMorgan Chase', 'J P Morgan Chase'],
  ['The FTSE 100 fell.', 'The Footsie one hundred fell.'],
  ['NAACP', 'N double A C P'],
  ['It is OK.', 'It is okay.'],
  ['LGBTQ+ rights', 'L G B T Q plus rights'],
  ['OPEC+ output', 'OPEC plus output'],
  // An unknown acronym is read as a word only when it looks like one.
  ['The ZORBA plan.', 'The ZORBA plan.'],
  ['The XKCD plan.', 'The X K C D plan.'],
  ['BREAKING: FBI RAIDS THE HOME OF A SENATOR.', 'breaking: F B I raids the home of a senator.'],
  ['He bought 4K TVs.', "He bought four K T V's."],
]);

table('codes with letters and digits', [
  ['The F-35 jet.', 'The F thirty-five jet.'],
  ['The G7 and the G20.', 'The G seven and the G twenty.'],
  ['COVID-19', 'COVID nineteen'],
  ['COP28', 'COP twenty-eight'],
  ['The Airbus A320.', 'The Airbus A three twenty.'],
  ['The Boeing 737 MAX.', 'The Boeing seven thirty-seven MAX.'],
  ['The 737-800.', 'The seven thirty-seven eight hundred.'],
  ['A PS5 and 5G phones.', 'A P S five and five G phones.'],
  ['3D glasses', 'three D glasses'],
  ['H5N1 bird flu', 'H five N one bird flu'],
  ['Q3 results', 'Q three results'],
  ['FY2024', 'F Y twenty twenty-four'],
  ['MH17', 'M H seventeen'],
  ['GPT-4o', 'G P T four o'],
  ['An iPhone 16 Pro.', 'An iPhone sixteen Pro.'],
  ['Flight 370 and Room 1204 and Highway 101.', 'Flight three seventy and Room twelve oh four and Highway one oh one.'],
  ['221B Baker Street', 'two twenty-one B Baker Street'],
]);

table('Greek letters and other measures', [
  ['The α-helix and β coefficient.', 'The alpha helix and beta coefficient.'],
  // In Greek text a lone letter may be a word (the article "η").
  ['η Ελλάδα and α.', 'η Ελλάδα and α.'],
  ['An area of 20 km2 and 5 m3 of water.', 'An area of twenty square kilometers and five cubic meters of water.'],
  ['Pressure fell to 980 hPa.', 'Pressure fell to nine hundred eighty hectopascals.'],
  ['Add 8 fl oz.', 'Add eight fluid ounces.'],
  ['Limit warming to 1.5C.', 'Limit warming to one point five degrees Celsius.'],
  ['Plan 5C failed.', 'Plan five C failed.'],
  ['In MCMXC and MMXXIV.', 'In one thousand nine hundred ninety and two thousand twenty-four.'],
  ['Chapter XIX and LXX and II.', 'Chapter Nineteen and seventy and two.'],
  ['The MIX, MDC and CIV.', 'The M I X, M D C and C I V.'],
]);

table('symbols', [
  ['Salt & pepper', 'Salt and pepper'],
  ['AT&T', 'A T and T'],
  ['The S&P 500', 'The S and P five hundred'],
  ['R&D and M&A', 'R and D and M and A'],
  ['~5 people', 'about five people'],
  ['+3', 'plus three'],
  ['C++ code', 'C plus plus code'],
  ['2 + 2 = 4', 'two plus two equals four'],
  ['#1 hit', 'number one hit'],
  ['#MeToo', 'hashtag MeToo'],
  ['Follow @briefcast', 'Follow at briefcast'],
  ['and/or', 'and or'],
  ['his/her', 'his or her'],
  ['Russia/Ukraine', 'Russia Ukraine'],
  ['<5%', 'less than five percent'],
  ['x * y', 'x y'],
  ['Copyright (C) 2007', 'Copyright two thousand seven'],
  ['§ 230', 'section two hundred thirty'],
]);

table('web and e-mail addresses', [
  ['Visit example.com today.', 'Visit example dot com today.'],
  ['https://www.example.com/news', 'W W W dot example dot com slash news'],
  ['See http://bbc.co.uk.', 'See B B C dot co dot U K.'],
  ['Email jane.doe@example.org.', 'Email jane dot doe at example dot org.'],
  ['info@who.int', 'info at W H O dot int'],
  ['<https://fsf.org/>', 'F S F dot org'],
  ['Amazon.com sales', 'Amazon dot com sales'],
  ['https://example.com/a?b=c#d', 'example dot com slash a'],
]);

table('telephone and emergency numbers', [
  ['Call 911 now.', 'Call nine one one now.'],
  ['A 911 call.', 'A nine one one call.'],
  ['Dial 999.', 'Dial nine nine nine.'],
  ['Call 112 or 988.', 'Call one one two or nine eight eight.'],
  ['Call (202) 555-0123.', 'Call two oh two, five five five, oh one two three.'],
  ['Call 1-800-555-0199.', 'Call one, eight hundred, five five five, oh one nine nine.'],
  ['A Porsche 911.', 'A Porsche nine hundred eleven.'],
  ['It cost $999.', 'It cost nine hundred ninety-nine dollars.'],
]);

table('hyphenated compounds', [
  ['It was a challenge to the U.S.-led order.', 'It was a challenge to the U S led order.'],
  ['An EU-wide ban.', 'An E U wide ban.'],
  ['US-China talks.', 'U S China talks.'],
  ['Ex-U.S. officials.', 'Ex-U S officials.'],
  ['The China-Mongolia-Russia corridor.', 'The China-Mongolia-Russia corridor.'],
  ['A high-profile summit.', 'A high-profile summit.'],
  ['Pre- and post-war Europe.', 'Pre and post-war Europe.'],
  ['An AP-NORC poll.', 'An A P N O R C poll.'],
]);

table('quotes and brackets become pauses', [
  ['He said "Stop." Then he left.', 'He said Stop. Then he left.'],
  ['He said "We will not give up." Then he left.', 'He said, We will not give up. Then he left.'],
  ['"We will win," he said.', 'We will win, he said.'],
  ['They dubbed it the "Axis of Upheaval."', 'They dubbed it the Axis of Upheaval.'],
  ['The World Health Organization (WHO) said so.', 'The World Health Organization, W H O, said so.'],
  ['(This is bracketed.)', 'This is bracketed.'],
  ["He said 'no' to the 'deal'.", 'He said no to the deal.'],
  ["The rock 'n' roll band's students' union.", "The rock 'n' roll band's students' union."],
  ['He wrote "hello" [sic] twice.', 'He wrote hello twice.'],
  ['Wait... what?', 'Wait, what?'],
  ['This program--to make sure--is free.', 'This program, to make sure, is free.'],
  ['The result — a draw — pleased nobody.', 'The result, a draw, pleased nobody.'],
  ['"Why?" she asked.', 'Why? she asked.'],
]);

table('emoji, control and invisible characters are dropped', [
  ['Great news 🎉 today', 'Great news today'],
  ['Go 👩🏽‍🚀 now 🇺🇳!', 'Go now!'],
  ['bell\u0007 char', 'bell char'],
  ['zero\u200Bwidth', 'zerowidth'],
  ['private\uE001 use', 'private use'],
  ['🎉', ''],
  ['', ''],
]);

table('keeps the sentence-final mark for intonation', [
  ['Is it 5?', 'Is it five?'],
  ['It is 5!', 'It is five!'],
  ['It rose to $5.', 'It rose to five dollars.'],
  ['He met Acme Inc.', 'He met Acme Incorporated.'],
  ['It happened at 10 p.m.', 'It happened at ten P M.'],
  ['He said, "It is over."', 'He said, It is over.'],
  ['No mark at all', 'No mark at all'],
]);

table('the sample article and world news names', [
  ['President Xi Jinping met Ukhnaagiin Khurelsukh.', 'President Shee Jinping met Ook-nah-gheen Khoo-rel-sookh.'],
  ["Xi's warm welcome.", "Shee's warm welcome."],
  ['Kim Jong Un watched.', 'Kim Jong Oon watched.'],
  ['Kyiv said so.', 'Keev said so.'],
  ['Zelenskyy met Erdogan and Erdoğan.', 'Zelensky met Air-doe-wan and Air-doe-wan.'],
  ['XI JINPING ARRIVES IN MOSCOW FOR THE TALKS.', 'xi jinping arrives in moscow for the talks.'],
]);

table('whole news sentences', [
  [
    'The deal was worth $1.5bn, up from €20m and £3.2 million.',
    'The deal was worth one point five billion dollars, up from twenty million euros and three point two million pounds.',
  ],
  [
    'U.S. President Donald Trump spoke to the U.N. Security Council and the 27-member EU.',
    'U S President Donald Trump spoke to the U N Security Council and the twenty-seven-member E U.',
  ],
  [
    'The S&P 500 rose 1.2% to 5,123.45 points.',
    'The S and P five hundred rose one point two percent to five thousand one hundred twenty-three point four five points.',
  ],
  ['Oil prices rose to $85.50 a barrel.', 'Oil prices rose to eighty-five dollars and fifty cents a barrel.'],
  ['The 10-year Treasury yield rose 5 basis points to 4.25%.', 'The ten-year Treasury yield rose five basis points to four point two five percent.'],
  ['The storm hit Fort Myers, Fla., on Sept. 28, 2022.', 'The storm hit Fort Myers, Florida, on September twenty-eighth, twenty twenty-two.'],
  [
    'A magnitude 7.1 earthquake struck 50km (31 miles) south of Tokyo at 11:43pm.',
    'A magnitude seven point one earthquake struck fifty kilometers, thirty-one miles, south of Tokyo at eleven forty-three P M.',
  ],
  ['Microsoft (MSFT) shares rose 3.2% to $415.60.', 'Microsoft, M S F T, shares rose three point two percent to four hundred fifteen dollars and sixty cents.'],
  ['The IDF said Hamas fired 20 rockets from Gaza.', 'The I D F said Hamas fired twenty rockets from Gaza.'],
  ["The WHO's Dr. Tedros warned of a new COVID variant.", "The W H O's Doctor Tedros warned of a new COVID variant."],
  [
    'Between 1939 and 1945, about 70-85 million people died.',
    'Between nineteen thirty-nine and nineteen forty-five, about seventy to eighty-five million people died.',
  ],
  ['The 6.2-magnitude quake killed at least 2,000 people.', 'The six point two-magnitude quake killed at least two thousand people.'],
  ['Inflation was 2.4% in the 12 months to March.', 'Inflation was two point four percent in the twelve months to March.'],
  ['The earthquake struck at 4:17 a.m. local time.', 'The earthquake struck at four seventeen A M local time.'],
  [
    'Russia launched 120 drones and 7 missiles at Ukraine overnight, Kyiv said.',
    'Russia launched one hundred twenty drones and seven missiles at Ukraine overnight, Keev said.',
  ],
  ['He won 52.5% of the vote to 46.8%.', 'He won fifty-two point five percent of the vote to forty-six point eight percent.'],
]);

describe('normalizeText', () => {
  it('splits a line into sentences and reads each, joined with single spaces', () => {
    expect(normalizeText('Mr. Lee paid $5. Dr. Obi paid €6!')).toBe('Mister Lee paid five dollars. Doctor Obi paid six euros!');
    expect(normalizeText('')).toBe('');
    expect(normalizeText('   ')).toBe('');
  });

  it('reads with the lexicon it is given, and without the built-in one when given an empty one', () => {
    expect(normalizeText('Xi spoke.', EMPTY_TEST_LEXICON)).toBe('Xi spoke.');
    expect(normalizeText('Xi spoke.')).toBe('Shee spoke.');
  });
});

describe('normalizeForSpeech over arbitrary Unicode', () => {
  const tricky = fc.constantFrom(
    '$1.5bn',
    '1990s',
    'Henry VIII',
    'U.S.-led',
    'Mr.',
    'No. 5',
    '3:30 p.m.',
    '1/3',
    '5km',
    '°C',
    '911',
    'https://x.test/a',
    'a@b.io',
    '"',
    '(',
    ')',
    "'",
    '&',
    '%',
    '#',
    '@',
    '~',
    '+',
    '-',
    '—',
    '…',
    '🎉',
    '\uE000',
    '\u0000',
    '2024-25',
    'Jan. 5',
    '5 March 2024',
    'XIV',
    'NATO',
    'FBI',
    'CEOs',
    'St.',
    '12.50',
    ',',
    '.',
    '?',
    '!',
    '²',
    '½',
    'Xi',
    '习近平',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 40 }).map((parts) => parts.join(' ')),
  );

  it('never throws, never leaks a placeholder or a control character, and leaves no digit unread', () => {
    fc.assert(
      fc.property(text, (input) => {
        const spoken = normalizeForSpeech(input);
        expect(spoken).toBe(spoken.trim());
        expect(spoken).not.toMatch(/[\uE000-\uF8FF\u0000-\u001F\u007F-\u009F]/u);
        expect(spoken).not.toMatch(/[0-9]/);
        expect(spoken).not.toMatch(/ {2}/);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves plain lower-case words alone, in order', () => {
    const words = fc.array(fc.stringMatching(/^[a-z]{1,10}$/), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(words, (list) => {
        // "!" rather than ".", which would make the last word an abbreviation ("cf." is "compare").
        const sentence = `${list.join(' ')}!`;
        // A few short words are abbreviations with their own reading; everything else comes out as written.
        fc.pre(!list.some((word) => ['aka', 'vs', 'pct', 'yoy', 'w', 'c', 'p', 'pp'].includes(word)));
        expect(normalizeForSpeech(sentence)).toBe(sentence);
      }),
      { numRuns: 500 },
    );
  });
});
