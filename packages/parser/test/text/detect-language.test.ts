import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/text/index.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'The government said on Monday that it would not raise taxes this year, despite the deficit.'],
    [
      'de',
      'Der Bundeskanzler hat am Montag in Berlin gesagt, dass die Regierung die Steuern nicht erhöhen wird.',
    ],
    ['fr', 'Le président a déclaré lundi que le gouvernement ne va pas augmenter les impôts cette année.'],
    ['es', 'El presidente dijo el lunes que el gobierno no subirá los impuestos este año, según la agencia.'],
    ['it', "Il presidente ha detto lunedì che il governo non aumenterà le tasse quest'anno."],
    ['pt', 'O presidente disse na segunda-feira que o governo não vai aumentar os impostos este ano.'],
    ['nl', 'De premier zei maandag dat het kabinet de belastingen dit jaar niet zal verhogen.'],
    ['sv', 'Presidenten sa på måndagen att regeringen inte kommer att höja skatterna i år.'],
    [
      'pl',
      'Prezydent powiedział w poniedziałek, że rząd nie podniesie podatków w tym roku, ale jest to możliwe.',
    ],
    ['ru', 'Президент заявил в понедельник, что правительство не будет повышать налоги в этом году.'],
    ['uk', 'Президент заявив у понеділок, що уряд не підвищуватиме податки цього року.'],
    ['zh', '东京电力公司周一表示，将开始排放处理过的水。'],
    ['ja', '東京電力は月曜日、処理水の放出を開始すると発表した。'],
    ['ko', '서울 경찰은 월요일 시위대를 해산했다고 밝혔다.'],
    ['ar', 'قال الرئيس يوم الاثنين إن الحكومة لن ترفع الضرائب هذا العام'],
    ['fa', 'رئیس جمهور روز دوشنبه گفت که دولت مالیات‌ها را افزایش نمی‌دهد'],
    ['el', 'Ο πρωθυπουργός δήλωσε τη Δευτέρα ότι η κυβέρνηση δεν θα αυξήσει τους φόρους.'],
    ['he', 'ראש הממשלה אמר ביום שני כי הממשלה לא תעלה את המסים השנה'],
    ['hi', 'प्रधानमंत्री ने सोमवार को कहा कि सरकार इस साल कर नहीं बढ़ाएगी'],
    ['th', 'นายกรัฐมนตรีกล่าวเมื่อวันจันทร์ว่ารัฐบาลจะไม่ขึ้นภาษีในปีนี้'],
  ])('%s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('returns null without evidence', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('12345 !!! 678')).toBeNull();
    expect(detectLanguage('Xyzzy Plugh')).toBeNull();
  });
});
