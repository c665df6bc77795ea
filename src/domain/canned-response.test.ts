import { describe, expect, it } from 'vitest';
import {
  checkReplyLength,
  firstName,
  renderTemplate,
  templateVariables,
  unknownVariables,
} from './canned-response.ts';

const values = {
  'customer.name': 'Ana Lima',
  'brand.name': 'Northwind Air',
  'agent.firstName': 'Sam',
  'ticket.link': 'https://earshot.example/w/1/conversations/2',
};

describe('canned response templates', () => {
  it('fills every known variable, with or without spaces inside the braces', () => {
    expect(
      renderTemplate(
        'Hi {{customer.name}}, {{ agent.firstName }} from {{brand.name}} here.',
        values,
      ),
    ).toBe('Hi Ana Lima, Sam from Northwind Air here.');
    expect(renderTemplate('Track it: {{ticket.link}}', values)).toBe(
      'Track it: https://earshot.example/w/1/conversations/2',
    );
  });

  it('names the variables a template uses, and those it cannot fill', () => {
    const body = 'Hi {{customer.name}} {{customer.name}} {{order.id}} {{ }} {{Customer.Name}}';
    expect(templateVariables(body)).toEqual(['customer.name', 'order.id', '', 'Customer.Name']);
    expect(unknownVariables(body)).toEqual(['order.id', '', 'Customer.Name']);
    expect(unknownVariables('No variables, just {braces} and {{ unclosed')).toEqual([]);
  });

  it('leaves text that only looks like a variable alone, and does not re-expand filled values', () => {
    expect(renderTemplate('{customer.name} {{{customer.name}}}', values)).toBe(
      '{customer.name} {Ana Lima}',
    );
    const tricky = { ...values, 'customer.name': '{{brand.name}}' };
    expect(renderTemplate('Hi {{customer.name}}', tricky)).toBe('Hi {{brand.name}}');
  });

  it('takes the first word of a name as the first name', () => {
    expect(firstName('  Sam  Carter ')).toBe('Sam');
    expect(firstName('Zoë')).toBe('Zoë');
    expect(firstName('')).toBe('');
  });
});

describe('per-network length check', () => {
  it('counts graphemes against the network limit', () => {
    expect(checkReplyLength('x'.repeat(280), 'x')).toEqual({
      network: 'x',
      length: 280,
      limit: 280,
      fits: true,
    });
    expect(checkReplyLength('x'.repeat(281), 'x').fits).toBe(false);
    expect(checkReplyLength('👍🏽'.repeat(300), 'bluesky')).toMatchObject({
      length: 300,
      fits: true,
    });
  });

  it('passes a network it has no limit for', () => {
    expect(checkReplyLength('hello', 'carrier-pigeon')).toEqual({
      network: 'carrier-pigeon',
      length: 5,
      limit: null,
      fits: true,
    });
  });
});
