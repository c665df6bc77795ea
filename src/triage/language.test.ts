import { describe, expect, it } from 'vitest';
import { detectLanguage, loadTriageModels } from './models.ts';

const models = loadTriageModels();
const languageOf = (text: string): string => detectLanguage(models, text).language;

describe('detectLanguage', () => {
  it('recognises short English posts without calling them another language', () => {
    for (const text of [
      '@united my bag is lost',
      'lol ok',
      'can I return this?',
      'where is my package',
      'thx!!',
      '@AppleSupport fix this update. It’s horrible',
      'app down, can’t load my boarding pass',
    ]) {
      expect(['en', 'und']).toContain(languageOf(text));
    }
    expect(languageOf('The delivery was late again and nobody answers the phone')).toBe('en');
  });

  it('reads terse care requests without function words as English, not German', () => {
    for (const text of [
      'cancel order',
      'track purchase 00123842',
      'refunding $350',
      'payment help',
      'order 370795561790 current status',
    ]) {
      expect(languageOf(text)).toBe('en');
    }
    // The same words inside another language's post leave it that language.
    expect(languageOf('Ich will meine order cancel, die Lieferung ist nicht gekommen')).toBe('de');
    expect(languageOf('Quiero el refund de mi pedido, no ha llegado nada')).toBe('es');
  });

  it('names the modelled languages in short posts with @names, links and slang', () => {
    const posts: Array<[string, string]> = [
      ['es', 'Northwind perdió mi maleta en Madrid, necesito ayuda urgente'],
      ['es', '@user no me llega el pedido desde hace una semana 😡 http://t.co/x'],
      ['fr', 'Je suis très déçu de votre service client'],
      ['fr', '@user vol annulé et personne ne répond, c’est une honte'],
      ['de', 'Ich habe seit zwei Wochen auf meine Bestellung gewartet'],
      ['de', '@user Paket immer noch nicht da, echt ärgerlich'],
      ['it', '@user il mio ordine non è ancora arrivato, pessimo servizio'],
      ['it', 'Grazie mille per l’aiuto di ieri!'],
      ['pt', '@user meu pedido ainda não chegou, que absurdo'],
      ['pt', 'Obrigada pelo atendimento rápido, adorei'],
    ];
    for (const [language, text] of posts)
      expect([text, languageOf(text)]).toEqual([text, language]);
  });

  it('names languages it has no model for instead of taking them for a modelled one', () => {
    expect(
      languageOf('@KLM mijn koffer is niet aangekomen in Amsterdam, wie kan mij helpen?'),
    ).toBe('nl');
    expect(languageOf('Ik wil mijn abonnement opzeggen maar dat lukt niet via de website')).toBe(
      'nl',
    );
    expect(languageOf('注文した商品がまだ届きません。どうなっていますか？')).toBe('ja');
    expect(languageOf('Мой заказ до сих пор не доставлен, что происходит?')).toBe('ru');
    // English words inside a Polish post do not make it English.
    expect(languageOf('Zapłaciłem dwa razy za to samo zamówienie, proszę o zwrot')).toBe('pl');
  });

  it("says 'und' with no confidence for text without letters", () => {
    for (const text of ['', '😀😀😀', '12345 !!!', '\ud800\udc00\ud800']) {
      expect(detectLanguage(models, text)).toEqual({ language: 'und', confidence: 0 });
    }
  });

  it('copes with a megabyte of text', () => {
    const guess = detectLanguage(models, 'this is fine '.repeat(90_000));
    expect(guess.language).toBe('en');
    expect(guess.confidence).toBeGreaterThan(0.5);
  });
});
