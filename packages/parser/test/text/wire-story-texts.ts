// Realistic texts written for the signature tests: one wire story as two outlets republish it
// (each with its own furniture and typography), and a different story on the same topic.

const STORY = [
  'NAIROBI, Kenya (AP) — Heavy rains that have pounded East Africa for three weeks have killed at least 112 people in Kenya and displaced more than 40,000 others, the government said Tuesday, as forecasters warned that the worst may be yet to come.',
  "Interior Minister Kithure Kindiki told reporters in Nairobi that rescue teams were still searching for people swept away when the Athi River burst its banks overnight, flooding low-lying neighbourhoods on the city's eastern edge.",
  '"We are asking everyone living near rivers and dams to move to higher ground immediately," Kindiki said. "This is not the time to wait and see."',
  'The Kenya Meteorological Department said rainfall in parts of the central highlands had reached 3.5 times the seasonal average, and that more storms were expected through the middle of next month.',
  'Schools in 14 counties will stay closed for at least another week, Education Minister Ezekiel Machogu announced, after several buildings were damaged and others were turned into shelters for families who lost their homes.',
  'In neighbouring Tanzania, officials said at least 58 people had died in floods and landslides, most of them in the north of the country. Burundi has also reported dozens of deaths.',
  'Scientists say the downpours are linked to the El Niño weather pattern, which warms the surface of the Pacific Ocean and brings heavier rain to parts of East Africa, as well as to a warmer Indian Ocean.',
  'Aid groups warned of a rising risk of cholera and other waterborne diseases in crowded camps, where clean water and toilets are scarce. The Kenya Red Cross said it had distributed food and blankets to about 9,000 households.',
  'President William Ruto has ordered the military to help with evacuations and promised compensation to families of the dead, but opposition leaders accused the government of ignoring early warnings issued in March.',
];

/** The story as outlet one runs it: share bar, dateline kept, straight quotes, agency footer. */
export const OUTLET_ONE = [
  'Share this article',
  'Facebook Twitter WhatsApp Email',
  ...STORY,
  'Advertisement',
  'Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
].join('\n\n');

/** The same story from a content farm: curly quotes, different furniture, one line edited. */
export const OUTLET_TWO = [
  'Home » World » Africa',
  'Follow us on Google News',
  ...STORY.map((paragraph) => paragraph.replace(/"([^"]*)"/g, '“$1”').replace(/'/g, '’')),
  'Read more: Floods in Somalia force thousands from their homes',
  'Tags: Kenya, floods, El Niño, East Africa',
  'The post Kenya floods kill more than 100 as rains pound East Africa appeared first on Daily Globe Report.',
].join('\n');

/** A different story on the same topic: same places and actors, different event and wording. */
export const SAME_TOPIC_OTHER_STORY = [
  'NAIROBI, Kenya (AP) — Kenya will spend 10 billion shillings on new flood defences along the Athi and Tana rivers, President William Ruto said Friday, months after deadly rains swept through the capital and the central highlands.',
  'The plan includes raising embankments, clearing drainage channels in Nairobi and moving families who live on river banks into new housing on higher ground, Ruto told a meeting of county governors.',
  '"We cannot keep counting the dead every rainy season," he said. "Prevention is cheaper than rescue."',
  'Engineers from the Ministry of Water said the first works would begin in January and take about two years. Critics noted that similar projects announced after floods in 2018 were never completed.',
  'The Kenya Meteorological Department expects the next long rains to start in March, and has urged counties to update their evacuation plans before then.',
  'Opposition lawmakers said they would demand a full account of how the money is spent, citing past scandals over drought relief funds.',
].join('\n\n');
