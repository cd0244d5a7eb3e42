/** Words that typically open a sentence, capitalised as they would be there ("The", "Officials"). */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set(
  'The A An In It He She They We I But And This That These Those There His Her Their Its Our On At For As After Before When While If However Meanwhile Also Some Many Most Officials Police Der Die Das Ein Eine Er Sie Es Le La Les Un Une Il Elle El Los Las Lo Gli Uno O Os De Het Een Он Она Они В На'.split(
    ' ',
  ),
);
