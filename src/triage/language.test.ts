import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

describe('detectLanguage', () => {
  it('recognises short English posts without calling them another language', () => {
    for (const text of [
      '@united my bag is lost',
      'lol ok',
      'can I return this?',
      'where is my package',
      'thx!!',
    ]) {
      expect(['en', 'und']).toContain(detectLanguage(text).language);
    }
    expect(
      detectLanguage('The delivery was late again and nobody answers the phone').language,
    ).toBe('en');
  });

  it('names other languages when the text says enough', () => {
    expect(detectLanguage('Je suis très déçu de votre service client').language).toBe('fr');
    expect(detectLanguage('Ich habe seit zwei Wochen auf meine Bestellung gewartet').language).toBe(
      'de',
    );
    expect(detectLanguage('Mi pedido no ha llegado todavía y nadie me responde').language).toBe(
      'es',
    );
  });

  it("says 'und' with no confidence for text without letters", () => {
    for (const text of ['', '😀😀😀', '12345 !!!', '\ud800\udc00\ud800']) {
      expect(detectLanguage(text)).toEqual({ language: 'und', confidence: 0 });
    }
  });

  it('copes with a megabyte of text', () => {
    const guess = detectLanguage('this is fine '.repeat(90_000));
    expect(guess.language).toBe('en');
    expect(guess.confidence).toBeGreaterThan(0.5);
  });
});
