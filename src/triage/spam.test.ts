import { describe, expect, it } from 'vitest';
import { detectSpam, normalizeForRepeat } from './spam.ts';

describe('detectSpam', () => {
  it.each([
    '@united you LOST my bag AGAIN!!! 3 hours at the carousel, worst airline ever. I want a REFUND',
    '@VerizonSupport this is fucking ridiculous, no signal for 3 days and your chat bot keeps hanging up on me',
    '@AmazonHelp package marked delivered, it is NOT here. Photo: https://t.co/abc123 Order 113-4455. Fix this.',
    'Third time asking @BritishAirways: where is my luggage?? Flight BA117, tag LHR123456. Nobody answers.',
    '@Coinbase I tried to send 0.5 BTC two days ago and it is still pending, support is useless',
    '@Delta follow back so I can DM you my confirmation number please',
    '@TMobile you guys are idiots, you cut my line after I PAID the bill, call me back NOW 555-0101',
    '@Target is the promo available in store or only online?',
  ])('never flags an ordinary (even angry) customer message: %s', (text) => {
    const verdict = detectSpam({ text });
    expect(verdict.spam).toBe(false);
    expect(verdict.abuse).toBe(false);
    expect(verdict.score).toBeLessThan(0.5);
  });

  it('flags a crypto giveaway with its reason', () => {
    const verdict = detectSpam({
      text: 'ELON BTC GIVEAWAY 🚀 send 0.1 BTC and get 0.2 back instantly! https://elon-promo.xyz',
    });
    expect(verdict.spam).toBe(true);
    expect(verdict.reasons).toContain('crypto giveaway pattern');
    expect(verdict.reasons).toContain('suspicious domain (elon-promo.xyz)');
  });

  it('flags promotion offers and follow-for-follow', () => {
    expect(detectSpam({ text: 'Nice page! DM for promo 📈' }).spam).toBe(true);
    expect(detectSpam({ text: 'f4f anyone? follow for follow #teamfollowback' }).spam).toBe(true);
    expect(detectSpam({ text: 'Gain 5k followers fast, real accounts only' }).spam).toBe(true);
  });

  it('flags a link farm, counting links and shorteners', () => {
    const verdict = detectSpam({
      text: 'deals https://bit.ly/a1 https://bit.ly/a2 https://tinyurl.com/x3 https://cheap.example/4',
    });
    expect(verdict.spam).toBe(true);
    expect(verdict.reasons).toContain('4 links');
    expect(verdict.reasons).toContain('link shortener (bit.ly)');
  });

  it('flags recovery scammers that move a complaint to a messenger', () => {
    const verdict = detectSpam({
      text: '@jane_doe sorry for your loss, the recovery expert on telegram @fixhacks_pro got my account back',
    });
    expect(verdict.spam).toBe(true);
  });

  it('does not flag a news tweet with three links', () => {
    const text =
      'Happy birthday Dave Evans aka the Edge from U2 http://t.co/Nzpf http://t.co/FVFS https://t.co/mv9k';
    expect(detectSpam({ text }).spam).toBe(false);
  });

  it('does not flag a single shortener link or a link in bio alone', () => {
    expect(detectSpam({ text: 'Our new store opens Friday https://bit.ly/store' }).spam).toBe(
      false,
    );
    expect(detectSpam({ text: 'check the link in my bio for the video of the delay' }).spam).toBe(
      false,
    );
  });

  it('scores higher as evidence accumulates', () => {
    const one = detectSpam({ text: 'DM for promo' }).score;
    const two = detectSpam({ text: 'DM for promo, f4f, https://x.top/1' }).score;
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThanOrEqual(1);
  });
});

describe('detectSpam with recent texts', () => {
  const pasted = 'Win a free iPhone 17 today, just retweet and tag three friends!!';

  it('flags the same text from many authors', () => {
    const recentTexts = ['a', 'b', 'c'].map((authorId) => ({ text: pasted, authorId }));
    const verdict = detectSpam({ text: pasted, authorId: 'd', recentTexts });
    expect(verdict.spam).toBe(true);
    expect(verdict.reasons).toContain('same text from 4 authors');
  });

  it('counts near-identical copies (case, handles, links) as the same text', () => {
    expect(normalizeForRepeat(`@brand ${pasted} https://t.co/1`)).toBe(
      normalizeForRepeat(`${pasted.toUpperCase()} @other https://t.co/2`),
    );
  });

  it('flags one author posting the same thing again and again', () => {
    const recentTexts = [1, 2, 3].map(() => ({ text: pasted, authorId: 'spammer' }));
    const verdict = detectSpam({ text: pasted, authorId: 'spammer', recentTexts });
    expect(verdict.spam).toBe(true);
    expect(verdict.reasons).toContain('author posted the same text 4 times');
  });

  it('does not flag short common phrases that many customers write', () => {
    const recentTexts = ['a', 'b', 'c', 'd'].map((authorId) => ({
      text: 'still waiting',
      authorId,
    }));
    expect(detectSpam({ text: 'Still waiting!', authorId: 'e', recentTexts }).spam).toBe(false);
  });

  it('does not flag a customer repeating a complaint once', () => {
    const complaint = '@Comcast internet down again in 60614, when will it be back?';
    const verdict = detectSpam({
      text: complaint,
      authorId: 'c1',
      recentTexts: [{ text: complaint, authorId: 'c1' }],
    });
    expect(verdict.spam).toBe(false);
    expect(verdict.reasons).toContain('author posted the same text 2 times');
  });
});

describe('abuse', () => {
  it('flags a short personal insult, without calling it spam', () => {
    const verdict = detectSpam({ text: '@support you are such clowns' });
    expect(verdict.abuse).toBe(true);
    expect(verdict.spam).toBe(false);
    expect(verdict.reasons).toContain('personal insult');
  });

  it('flags threats', () => {
    expect(detectSpam({ text: "I know where you live. I'll hurt you" }).abuse).toBe(true);
  });

  it('does not flag swearing inside a complaint with substance', () => {
    const text =
      '@Ryanair you idiots cancelled my flight FR123 with 2 hours notice and the refund form is broken';
    expect(detectSpam({ text }).abuse).toBe(false);
  });

  it('does not match insults inside other words', () => {
    expect(detectSpam({ text: 'you are the clownfish experts, where is Nemo?' }).abuse).toBe(false);
  });
});

describe('bad input', () => {
  it.each(['', '🙂🙂🙂', '\uD800 lone surrogate', 'x'.repeat(1_000_000), 'www.', 'http://[::1'])(
    'returns a verdict for %#',
    (text) => {
      const verdict = detectSpam({ text, recentTexts: [{ text }] });
      expect(verdict.score).toBeGreaterThanOrEqual(0);
      expect(verdict.score).toBeLessThanOrEqual(1);
    },
  );
});
